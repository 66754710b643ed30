package nl.ketenhub.config;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.support.destination.DestinationResolver;
import org.springframework.jms.support.destination.DynamicDestinationResolver;
import org.springframework.stereotype.Component;

/**
 * Resolves the queue names of the hub's JMS routes, and remembers the hub's own queues (the JMS intake, its reply
 * queue, the core queue and the partners' delivery queues).
 *
 * <p>Artemis's client asks the broker whether a queue exists each time a session resolves its name, and again (the
 * address, then the queue) on the first send to each destination object: three blocking round trips for every message
 * a route sends, where the send itself and the commit are one. The hub's own queues are remembered once resolved and
 * checked, so a send to them costs none of those. The broker does not delete them behind the hub's back (their
 * address settings turn automatic deletion off: the embedded broker's in {@link BrokerConfig}, an external broker's as
 * the README's production settings say), and one deleted all the same is created again by the next send to it
 * (HubQueuesIT). Other names (a partner's own queue, a sender's reply queue, which may be temporary) are looked up
 * each time, as Spring's {@link DynamicDestinationResolver} does, so no name a partner chooses is kept.
 */
@Component("hubQueues")
public class HubQueues implements DestinationResolver {

    private final DynamicDestinationResolver lookup = new DynamicDestinationResolver();
    private final ConcurrentMap<String, Destination> known = new ConcurrentHashMap<>();
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
        if (pubSub || !isHubQueue(name)) {
            return lookup.resolveDestinationName(session, name, pubSub);
        }
        Destination destination = known.get(name);
        if (destination == null) {
            destination = lookup.resolveDestinationName(session, name, false);
            known.putIfAbsent(name, destination);
        }
        return destination;
    }

    boolean isHubQueue(String name) {
        return name.equals(queues.core()) || name.equals(queues.jmsIntake()) || name.equals(queues.jmsReplies())
                || name.startsWith(queues.deliveryPrefix());
    }
}
