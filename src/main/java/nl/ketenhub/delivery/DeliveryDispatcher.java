package nl.ketenhub.delivery;

import java.util.HashMap;
import java.util.Map;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.MessageRecord;
import nl.ketenhub.routing.Headers;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/** Puts a delivery on its recipient's delivery queue, outside the core route (replays and consent supplements). */
@Component
public class DeliveryDispatcher {

    private final ProducerTemplate producer;
    private final String deliveryPrefix;

    public DeliveryDispatcher(ProducerTemplate producer, KetenhubProperties properties) {
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

    public void dispatch(DeliveryRecord d, MessageRecord m, String messageId, String type, String body, boolean replay) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(Headers.TRACKING_ID, m.trackingId());
        headers.put(Headers.MESSAGE_ID, messageId);
        headers.put(Headers.SENDER, m.sender());
        headers.put(Headers.TYPE, type);
        headers.put(Headers.DELIVERY_ID, d.id());
        headers.put(Headers.DELIVERY_KIND, d.kind());
        headers.put(Headers.DELIVERY_RECIPIENT, d.recipient());
        headers.put(Headers.IDEMPOTENCY_KEY, d.idempotencyKey());
        headers.put(Headers.GROUP, group(m, d));
        if (replay) {
            headers.put(Headers.REPLAY, true);
        }
        producer.sendBodyAndHeaders("jms:queue:" + deliveryPrefix + d.recipient(), nl.ketenhub.routing.Bodies.utf8(body), headers);
    }
}
