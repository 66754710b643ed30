package nl.ketenhub.config;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.support.destination.DestinationResolver;
import org.springframework.jms.support.destination.DynamicDestinationResolver;
import org.springframework.stereotype.Component;

/**
 * Resolves the queue names of the hub's JMS routes and remembers them once resolved and checked.
 *
 * <p>Artemis's client asks the broker whether a queue exists each time a session resolves its name, and again (the
 * address, then the queue) on the first send to each destination object: three blocking round trips for every message
 * a route sends, where the send itself and the commit are one. A remembered destination costs none of those.
 *
 * <p>The hub's own queues (the JMS intake, its reply queue, the core queue and the partners' delivery queues) are
 * always remembered. The broker does not delete them behind the hub's back (their address settings turn automatic
 * deletion off: the embedded broker's in {@link BrokerConfig}, an external broker's as the README's production
 * settings say). Other names, a JMS partner's own queue and a sender's reply queue, are chosen by the partners and
 * are not bounded by anything the hub controls (a reply queue may be temporary, a new name per connection), so the
 * most recently used {@value #OTHER_NAMES} of them are remembered and older ones looked up again when next used.
 *
 * <p>A remembered queue that was deleted meanwhile (by an operator, or by the broker when a partner's auto-created
 * queue ran empty without consumers) is created again by the broker on the next send to it, as a looked-up one would
 * be by the client's check (HubQueuesIT): nothing goes missing either way.
 */
@Component("hubQueues")
public class HubQueues implements DestinationResolver {

    /** How many names chosen by partners are remembered at most. */
    static final int OTHER_NAMES = 1024;

    private final DynamicDestinationResolver lookup = new DynamicDestinationResolver();
    private final ConcurrentMap<String, Destination> own = new ConcurrentHashMap<>();
    private final Map<String, Destination> others = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Destination> eldest) {
                    return size() > OTHER_NAMES;
                }
            });
    private final KetenhubProperties.Queues queues;

    @Autowired
    public HubQueues(KetenhubProperties properties) {
        this(properties.queues());
    }

    HubQueues(KetenhubProperties.Queues queues) {
        this.queues = queues;
    }

    @Override
    public Destination resolveDestinationName(Session session, String name, boolean pubSub) throws JMSException {
        if (pubSub) {
            return lookup.resolveDestinationName(session, name, true);
        }
        Map<String, Destination> known = isHubQueue(name) ? own : others;
        Destination destination = known.get(name);
        if (destination == null) {
            // looked up outside the map's lock: the look-up is a round trip to the broker and throws a checked exception
            destination = lookup.resolveDestinationName(session, name, false);
            known.putIfAbsent(name, destination);
        }
        return destination;
    }

    boolean isHubQueue(String name) {
        return name.equals(queues.core()) || name.equals(queues.jmsIntake()) || name.equals(queues.jmsReplies())
                || name.startsWith(queues.deliveryPrefix());
    }

    /** How many names chosen by partners are remembered now. */
    int othersRemembered() {
        return others.size();
    }
}
