package nl.ketenhub.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import nl.ketenhub.audit.AuditLog;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.DeliveryState;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageRecord;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.routing.DeliveryQueue;
import nl.ketenhub.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Governed replay of parked deliveries: the consent gate runs again at replay time (a dry run shows what it would
 * let through now), and a delivery the ledger records as delivered is never sent a second time.
 */
@Service
public class ReplayService {

    /** What a replay did, or (dry run) would do. */
    public record ReplayResult(
            String parkedId,
            String trackingId,
            String recipient,
            boolean dryRun,
            String outcome,
            String policyVersion,
            List<CategoryDecision> categories) {}

    private final ParkedDeliveries parked;
    private final MessageLedger ledger;
    private final PartnerService partners;
    private final ForwardingGate gate;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final DeliveryQueue deliveryQueue;
    private final AuditLog audit;

    public ReplayService(ParkedDeliveries parked, MessageLedger ledger, PartnerService partners, ForwardingGate gate,
            ObjectMapper mapper, Clock clock, DeliveryQueue deliveryQueue, AuditLog audit) {
        this.parked = parked;
        this.ledger = ledger;
        this.partners = partners;
        this.gate = gate;
        this.mapper = mapper;
        this.clock = clock;
        this.deliveryQueue = deliveryQueue;
        this.audit = audit;
    }

    @Transactional
    public ReplayResult replay(String parkedId, boolean dryRun) {
        ParkedDelivery p = parked.find(parkedId).orElseThrow(() -> ProblemException.notFound("parked delivery " + parkedId));
        DeliveryRecord d = ledger.findDelivery(p.deliveryId()).orElseThrow();
        MessageRecord m = ledger.find(p.trackingId()).orElseThrow();
        String body = parked.body(parkedId).orElseThrow();
        Envelope envelope = read(body);
        Partner recipient = partners.get(p.recipient());
        GateDecision decision = gate.decide(envelope, recipient, LocalDate.now(clock));

        String outcome;
        if (!ParkedDeliveries.PARKED.equals(p.state())) {
            outcome = "not-parked";
        } else if (d.state() == DeliveryState.DELIVERED) {
            outcome = "already-delivered";
        } else if (!recipient.enabled()) {
            outcome = "recipient-disabled";
        } else {
            outcome = dryRun ? "would-send" : "sent";
        }
        if (dryRun || !"sent".equals(outcome)) {
            if (!dryRun && !"sent".equals(outcome)) {
                throw new ProblemException(HttpStatus.CONFLICT, "replay-refused", "Replay refused",
                        switch (outcome) {
                            case "already-delivered" -> "the recipient already has this delivery; it is never sent twice";
                            case "recipient-disabled" -> "partner " + recipient.oin() + " is disabled; enable it first";
                            default -> "this delivery is not parked (state " + p.state() + ")";
                        });
            }
            return new ReplayResult(parkedId, p.trackingId(), p.recipient(), true, outcome, decision.policyVersion(),
                    decision.categories());
        }
        if (!parked.markReplayed(parkedId, AuditLog.currentActor())) {
            throw new ProblemException(HttpStatus.CONFLICT, "replay-refused", "Replay refused", "already replayed");
        }
        ledger.setDeliveryState(d, DeliveryState.QUEUED, d.attempts(), null);
        ledger.event(d.trackingId(), "REPLAYED", d.recipient(), "replayed by " + AuditLog.currentActor()
                + "; the consent gate runs again at forwarding");
        deliveryQueue.put(d, m, envelope.messageId(), envelope.type().wireName(), body, true);
        audit.record("delivery.replay", parkedId, "delivery " + d.id() + " of " + d.trackingId() + " to " + d.recipient());
        return new ReplayResult(parkedId, p.trackingId(), p.recipient(), false, outcome, decision.policyVersion(),
                decision.categories());
    }

    private Envelope read(String body) {
        try {
            return mapper.readValue(body, Envelope.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parked body no longer binds", e);
        }
    }
}
