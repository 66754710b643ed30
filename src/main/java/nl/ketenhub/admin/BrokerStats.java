package nl.ketenhub.admin;

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
