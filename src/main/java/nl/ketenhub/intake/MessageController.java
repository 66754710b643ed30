package nl.ketenhub.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.MessageEvent;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageRecord;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.security.PartnerAuthentication;
import nl.ketenhub.web.IntakeOutcome;
import nl.ketenhub.web.ProblemException;
import nl.ketenhub.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The REST edge: partners submit canonical envelopes and follow them by tracking id. */
@RestController
@RequestMapping("/api/v1/messages")
@Tag(name = "Messages", description = "Submit canonical envelopes and follow them")
public class MessageController {

    /** The receipt: the message is durable on the hub's intake queue. */
    public record Receipt(String trackingId, String messageId) {}

    /** One message as its sender or recipient (or an admin) may see it: metadata and history, never the payload. */
    public record MessageView(
            String trackingId,
            String messageId,
            String type,
            String sender,
            String recipient,
            String relatesTo,
            String state,
            java.time.Instant receivedAt,
            List<MessageEvent> history,
            List<DeliveryView> deliveries) {}

    /** One delivery of the message. */
    public record DeliveryView(String recipient, String kind, String state, int attempts, java.time.Instant deliveredAt) {}

    private final IntakeService intake;
    private final MessageLedger ledger;
    private final int maxBytes;

    public MessageController(IntakeService intake, MessageLedger ledger, KetenhubProperties properties) {
        this.intake = intake;
        this.ledger = ledger;
        this.maxBytes = properties.intake().maxMessageBytes();
    }

    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    @Operation(summary = "Submit a canonical envelope",
            description = "202 once the message is durable; 200 with the original tracking id for a repeated messageId; "
                    + "400 listing every violation with its JSON pointer; 401/403; 413 over the size limit; 422 when it "
                    + "cannot be delivered.")
    public ResponseEntity<?> submit(HttpServletRequest request, Authentication authentication) throws IOException {
        Partner partner = authentication instanceof PartnerAuthentication pa ? pa.partner() : null;
        if (partner != null && request.getContentLengthLong() > maxBytes) {
            return answer(intake.tooLarge(Channel.REST, partner, request.getContentLengthLong()));
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBytes + 1);
        }
        return answer(intake.submit(Channel.REST, partner, body, true));
    }

    @GetMapping("/{trackingId}")
    @Operation(summary = "State and history of one message (partners: their own messages only)")
    public MessageView get(@PathVariable String trackingId, Authentication authentication) {
        MessageRecord m = ledger.find(trackingId).orElseThrow(() -> ProblemException.notFound("message " + trackingId));
        if (authentication instanceof PartnerAuthentication pa) {
            String oin = pa.partner().oin();
            boolean involved = m.sender().equals(oin) || m.recipient().equals(oin)
                    || ledger.deliveries(trackingId).stream().anyMatch(d -> d.recipient().equals(oin));
            if (!involved) {
                throw ProblemException.notFound("message " + trackingId);
            }
        }
        List<DeliveryRecord> deliveries = ledger.deliveries(trackingId);
        return new MessageView(m.trackingId(), m.messageId(), m.type(), m.sender(), m.recipient(), m.relatesTo(),
                m.state().name(), m.receivedAt(), ledger.history(trackingId),
                deliveries.stream().map(d -> new DeliveryView(d.recipient(), d.kind().code(), d.state().name(), d.attempts(),
                        d.deliveredAt())).toList());
    }

    static ResponseEntity<?> answer(IntakeOutcome outcome) {
        if (outcome instanceof IntakeOutcome.Accepted a) {
            return ResponseEntity.status(a.repeat() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                    .body(new Receipt(a.trackingId(), a.messageId()));
        }
        IntakeOutcome.Rejected r = (IntakeOutcome.Rejected) outcome;
        var pd = Problems.detail(r.status(), r.type(), r.title(), r.detail(), r.violations());
        if (r.messageId() != null) {
            pd.setProperty("messageId", r.messageId());
        }
        return ResponseEntity.status(r.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
    }

}
