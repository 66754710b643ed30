package nl.ketenhub.delivery;

import java.time.Instant;
import java.util.Optional;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.MessageRecord;

/**
 * Told of each delivery's way out: the gate's decision before it is sent, and the partner's acceptance. The one way
 * consent, transfer tracking and absence tracking learn of deliveries. Called inside the delivery route, in
 * {@link org.springframework.core.annotation.Order} order: an observer's exception fails the attempt (the broker
 * redelivers), so an observer whose failure must not cause a resend catches its own.
 */
public interface DeliveryObserver {

    /** The gate decided and the delivery is rendered; it is sent next. */
    default void forwarding(DeliveryRecord delivery, Envelope original, GateDecision decision, Envelope forwarded,
            String renderedBody) {}

    /** The partner's system accepted the delivery: the transport acknowledgement. */
    default void delivered(Delivered delivered) {}

    /**
     * A delivery the partner accepted.
     *
     * @param message the delivered message, absent when the ledger no longer has it; its summary state is the one
     *     from before this delivery
     * @param original the message as it reached the hub
     * @param decision the gate's decision at forwarding
     * @param renderedBody what was sent, in the partner's format
     * @param type the wire name of the message type
     */
    record Delivered(DeliveryRecord delivery, Optional<MessageRecord> message, Envelope original, GateDecision decision,
            String renderedBody, String type, Instant at) {}
}
