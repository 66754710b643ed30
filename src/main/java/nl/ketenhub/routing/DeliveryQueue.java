package nl.ketenhub.routing;

import java.util.HashMap;
import java.util.Map;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.MessageRecord;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * A partner's delivery queue: the headers every delivery message carries (the core route builds its delivery
 * messages with {@link #headers}), and the way a delivery made outside the core route reaches the queue (replays and
 * consent supplements).
 */
@Component
public class DeliveryQueue {

    private final ProducerTemplate producer;
    private final String deliveryPrefix;

    public DeliveryQueue(ProducerTemplate producer, KetenhubProperties properties) {
        this.producer = producer;
        this.deliveryPrefix = properties.queues().deliveryPrefix();
    }

    /**
     * The JMS message group of a delivery on its partner's queue: the broker hands every message of one group to one
     * consumer, one after the other, so two copies of one delivery never pass the idempotency check side by side
     * however many consumers the queue has. Keyed by the student the message is about, so a partner also receives a
     * student's messages in the order they were queued; by the idempotency key when the message names no one student.
     */
    public static String group(MessageRecord m, DeliveryRecord d) {
        return m.subjectPseudonym() != null ? "student:" + m.subjectPseudonym() : "delivery:" + d.idempotencyKey();
    }

    /** The headers of a delivery message: the message it carries, the delivery, its recipient and its message group. */
    public static Map<String, Object> headers(MessageRecord m, DeliveryRecord d, String messageId, String sender,
            String type) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(Headers.TRACKING_ID, m.trackingId());
        headers.put(Headers.MESSAGE_ID, messageId);
        headers.put(Headers.SENDER, sender);
        headers.put(Headers.TYPE, type);
        headers.put(Headers.DELIVERY_ID, d.id());
        headers.put(Headers.DELIVERY_KIND, d.kind().code());
        headers.put(Headers.DELIVERY_RECIPIENT, d.recipient());
        headers.put(Headers.IDEMPOTENCY_KEY, d.idempotencyKey());
        headers.put(Headers.GROUP, group(m, d));
        return headers;
    }

    /** Puts a delivery on its recipient's queue; a replay is marked as such. */
    public void put(DeliveryRecord d, MessageRecord m, String messageId, String type, String body, boolean replay) {
        Map<String, Object> headers = headers(m, d, messageId, m.sender(), type);
        if (replay) {
            headers.put(Headers.REPLAY, true);
        }
        Bodies.Queued queued = Bodies.queued(body, null);
        queued.describeIn(headers);
        producer.sendBodyAndHeaders("jms:queue:" + deliveryPrefix + d.recipient(), queued.bytes(), headers);
    }
}
