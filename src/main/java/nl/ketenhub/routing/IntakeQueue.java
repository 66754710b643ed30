package nl.ketenhub.routing;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The intake queue in front of the core route, and the one way onto it: a partner's message from its edge, a message
 * the hub writes itself, and a message the broker lost, all go through {@link #put}.
 */
@Component
public class IntakeQueue {

    /** The route that puts a message durably on the intake queue (routes/intake/intake-enqueue). */
    static final String ENQUEUE = "direct:intake-enqueue";

    private final ProducerTemplate producer;

    public IntakeQueue(ProducerTemplate producer) {
        this.producer = producer;
    }

    /**
     * Puts a recorded message on the intake queue.
     *
     * @param channel the edge it came in on, or null when not known; with the body, what the core needs to record
     *     the message again should a crash cost the ledger its entry
     */
    public void put(String trackingId, String messageId, String sender, String recipient, String type, String channel,
            String body) {
        put(trackingId, messageId, sender, recipient, type, channel, body, null);
    }

    /**
     * Puts a recorded message on the intake queue, with the compressed form of its body the ledger stored (null when
     * the ledger stored it as text): a long body travels compressed (see {@link Bodies}).
     */
    public void put(String trackingId, String messageId, String sender, String recipient, String type, String channel,
            String body, byte[] packed) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(Headers.TRACKING_ID, trackingId);
        headers.put(Headers.MESSAGE_ID, messageId);
        headers.put(Headers.SENDER, sender);
        headers.put(Headers.RECIPIENT, recipient);
        headers.put(Headers.TYPE, type);
        if (channel != null) {
            headers.put(Headers.CHANNEL, channel);
        }
        Bodies.Queued queued = Bodies.queued(body, packed);
        queued.describeIn(headers);
        producer.sendBodyAndHeaders(ENQUEUE, queued.bytes(), headers);
    }
}
