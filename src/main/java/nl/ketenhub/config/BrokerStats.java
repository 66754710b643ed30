package nl.ketenhub.config;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.QueueBrowser;
import java.util.Enumeration;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Queue depths for the console: read from the embedded broker directly, or by browsing (capped) on an external one.
 */
@Component
public class BrokerStats {

    /** Browsing stops counting here: a deeper queue shows as "more than". */
    public static final int BROWSE_CAP = 10_000;

    private final ObjectProvider<EmbeddedActiveMQ> embedded;
    private final JmsTemplate jms;

    public BrokerStats(ObjectProvider<EmbeddedActiveMQ> embedded, ConnectionFactory connectionFactory) {
        this.embedded = embedded;
        this.jms = new JmsTemplate(connectionFactory);
    }

    /** Messages waiting on a queue; empty if the queue does not exist yet. */
    public Optional<Long> depth(String queue) {
        EmbeddedActiveMQ broker = embedded.getIfAvailable();
        if (broker != null && broker.getActiveMQServer() != null) {
            ActiveMQServer server = broker.getActiveMQServer();
            Queue q = server.locateQueue(SimpleString.of(queue));
            return q == null ? Optional.empty() : Optional.of(q.getMessageCount());
        }
        Long counted = jms.browse(queue, (session, browser) -> count(browser));
        return Optional.ofNullable(counted);
    }

    /**
     * The values of one string property over the messages on a queue (browsed, at most {@link #BROWSE_CAP}); empty if
     * the queue does not exist.
     */
    public java.util.Set<String> propertyValues(String queue, String property) {
        EmbeddedActiveMQ broker = embedded.getIfAvailable();
        if (broker != null && broker.getActiveMQServer() != null
                && broker.getActiveMQServer().locateQueue(SimpleString.of(queue)) == null) {
            return java.util.Set.of();
        }
        try {
            java.util.Set<String> values = jms.browse(queue, (session, browser) -> {
                java.util.Set<String> found = new java.util.HashSet<>();
                Enumeration<?> e = browser.getEnumeration();
                int n = 0;
                while (e.hasMoreElements() && n++ < BROWSE_CAP) {
                    if (e.nextElement() instanceof jakarta.jms.Message m && m.getStringProperty(property) != null) {
                        found.add(m.getStringProperty(property));
                    }
                }
                return found;
            });
            return values == null ? java.util.Set.of() : values;
        } catch (org.springframework.jms.InvalidDestinationException missing) {
            return java.util.Set.of();
        }
    }

    private static long count(QueueBrowser browser) throws jakarta.jms.JMSException {
        long n = 0;
        Enumeration<?> e = browser.getEnumeration();
        while (e.hasMoreElements() && n < BROWSE_CAP) {
            e.nextElement();
            n++;
        }
        return n;
    }
}
