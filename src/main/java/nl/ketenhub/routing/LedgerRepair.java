package nl.ketenhub.routing;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.ledger.DeliveryKind;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.pseudonym.Pseudonymizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings the ledger back in line with the broker after a crash. The embedded H2 writes committed changes to its file
 * in the background, so a process killed just after a commit can lose ledger rows that the broker's journal (synced
 * before every acknowledgement) kept. Every queued message carries what is needed to record its step again: an
 * intake message carries the whole envelope and its tracking id, sender and channel; a delivery message its
 * delivery id, recipient, kind and idempotency key. Each repair is idempotent and leaves an event in the message's
 * history, so the admin and the sender's {@code GET} see the message again.
 */
@Component
public class LedgerRepair {

    private static final Logger log = LoggerFactory.getLogger(LedgerRepair.class);

    private final MessageLedger ledger;
    private final Pseudonymizer pseudonymizer;

    public LedgerRepair(MessageLedger ledger, Pseudonymizer pseudonymizer) {
        this.ledger = ledger;
        this.pseudonymizer = pseudonymizer;
    }

    /**
     * Records a queued message the ledger does not know. Answers the tracking id the ledger keeps it under:
     * {@code trackingId}, or the one a repeat of the same messageId was accepted under after the crash.
     */
    public String recoverMessage(String trackingId, Envelope envelope, String body, String channel) {
        MessageLedger.NewMessage m = MessageLedger.NewMessage.of(envelope.messageId(), envelope.sender(),
                envelope.recipient(), envelope.type().wireName(), envelope.relatesTo(), subjectPseudonym(envelope.payload()),
                channel == null || channel.isBlank() ? "unknown" : channel, body);
        String kept = ledger.recordRecovered(trackingId, m, "recorded again from the queued message: a crash had cost "
                + "the ledger its entry");
        if (kept.equals(trackingId)) {
            log.warn("{}: ledger entry lost in a crash, recorded again from the queued message ({} {} from {})",
                    trackingId, envelope.type().wireName(), envelope.messageId(), envelope.sender());
        } else {
            log.warn("{}: ledger entry lost in a crash; the sender's repeat of {} was accepted as {} since: this copy "
                    + "is not routed", trackingId, envelope.messageId(), kept);
            ledger.event(kept, "DUPLICATE_DROPPED", null, "an earlier copy queued as " + trackingId
                    + " before a crash was not routed: this message carries it");
        }
        return kept;
    }

    /**
     * Records a delivery the ledger does not know from the headers of its queued message; when the message itself
     * is missing too, and the delivery is the primary one (its body is the message's own envelope), that first.
     *
     * @throws IllegalStateException naming the tracking id when the headers do not suffice
     */
    public DeliveryRecord recoverDelivery(String deliveryId, String trackingId, String recipient, String kindCode,
            String idempotencyKey, Envelope envelope, String body, String channel) {
        if (trackingId == null || recipient == null || kindCode == null || idempotencyKey == null) {
            throw new IllegalStateException("no delivery " + deliveryId + " in the ledger for message " + trackingId
                    + ", and its queued message lacks the headers to record it again");
        }
        DeliveryKind kind = DeliveryKind.fromCode(kindCode);
        if (ledger.find(trackingId).isEmpty()) {
            if (kind != DeliveryKind.PRIMARY || envelope == null || body == null) {
                throw new IllegalStateException("no delivery " + deliveryId + " (" + kind + " to " + recipient
                        + ") and no message " + trackingId + " in the ledger: a crash lost both");
            }
            String kept = recoverMessage(trackingId, envelope, body, channel);
            if (!kept.equals(trackingId)) {
                return ledger.findDeliveryByKey(idempotencyKey).orElseGet(() -> ledger.recordRecoveredDelivery(
                        deliveryId, kept, recipient, kind, idempotencyKey));
            }
        }
        log.warn("{}: delivery {} to {} lost in a crash, recorded again from the delivery queue", trackingId,
                deliveryId, recipient);
        return ledger.recordRecoveredDelivery(deliveryId, trackingId, recipient, kind, idempotencyKey);
    }

    private String subjectPseudonym(JsonNode payload) {
        JsonNode student = payload == null ? null : payload.path("student");
        if (student == null || !student.isObject()) {
            return null;
        }
        String bsn = student.path("bsn").isTextual() ? student.get("bsn").asText() : null;
        String onr = student.path("onderwijsnummer").isTextual() ? student.get("onderwijsnummer").asText() : null;
        return bsn == null && onr == null ? null : pseudonymizer.pseudonym(bsn, onr);
    }
}
