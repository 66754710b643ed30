package nl.ketenhub.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Optional;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageRecord;
import nl.ketenhub.ledger.MessageState;
import org.springframework.stereotype.Component;

/**
 * Sends messages the hub writes itself (notifications, derived notices) through the same intake queue, ledger and
 * per-partner delivery as any partner's message. A messageId is sent at most once: sending it again answers the
 * original tracking id, so a scan that runs twice cannot notify twice.
 */
@Component
public class HubOutbox {

    private final MessageLedger ledger;
    private final IntakeQueue intakeQueue;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String hubOin;

    public HubOutbox(MessageLedger ledger, IntakeQueue intakeQueue, ObjectMapper mapper, Clock clock,
            KetenhubProperties properties) {
        this.ledger = ledger;
        this.intakeQueue = intakeQueue;
        this.mapper = mapper;
        this.clock = clock;
        this.hubOin = properties.hubOin();
    }

    public String hubOin() {
        return hubOin;
    }

    /**
     * Sends a hub notification; {@code messageId} must be deterministic for the event it reports (for example
     * "reminder-" + transferId), which is what makes a repeat harmless.
     */
    public String send(String messageId, MessageType type, String recipient, String relatesTo, Object payload) {
        Optional<MessageRecord> earlier = ledger.findBySenderAndMessageId(hubOin, messageId);
        if (earlier.isPresent() && earlier.get().state() != MessageState.RECEIVED) {
            return earlier.get().trackingId();
        }
        Envelope envelope = new Envelope(messageId, type, hubOin, recipient, clock.instant(), relatesTo,
                mapper.valueToTree(payload));
        String json;
        try {
            json = mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String trackingId = earlier.map(MessageRecord::trackingId).orElseGet(() -> ledger.recordReceived(
                MessageLedger.NewMessage.of(messageId, hubOin, recipient, type.wireName(), relatesTo, null, "hub", json)));
        intakeQueue.put(trackingId, messageId, hubOin, recipient, type.wireName(), "hub", json);
        ledger.transitionFrom(trackingId, MessageState.RECEIVED, MessageState.QUEUED, "written by the hub");
        return trackingId;
    }
}
