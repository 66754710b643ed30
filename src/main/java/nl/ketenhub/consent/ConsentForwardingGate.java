package nl.ketenhub.consent;

import java.time.LocalDate;
import java.util.Optional;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.delivery.ForwardingGate;
import nl.ketenhub.delivery.GateDecision;
import nl.ketenhub.ledger.DeliveryKind;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.PartnerService;
import org.springframework.stereotype.Component;

/**
 * The consent gate as delivery sees it: decides for the message's sender and recipient, keeps a supplement's own
 * notes, and sends nothing of a supplement whose consent no longer holds (its categories are held again).
 */
@Component
public class ConsentForwardingGate implements ForwardingGate {

    private final ConsentGate gate;
    private final PartnerService partners;
    private final ConsentEnforcement enforcement;

    public ConsentForwardingGate(ConsentGate gate, PartnerService partners, ConsentEnforcement enforcement) {
        this.gate = gate;
        this.partners = partners;
        this.enforcement = enforcement;
    }

    @Override
    public Optional<Passage> pass(DeliveryRecord delivery, Envelope original, Partner recipient, LocalDate on) {
        Passage passage = gate.pass(original, senderKind(original), recipient, on);
        GateDecision decision = passage.decision();
        boolean supplement = delivery.kind() == DeliveryKind.SUPPLEMENT;
        Envelope forwarded = supplement ? gate.keepSupplementNotes(passage.forwarded(), original) : passage.forwarded();
        if (supplement && !releasesAnything(decision)) {
            // the consent that released this supplement no longer holds: send nothing, hold the categories again
            enforcement.supplementCancelled(delivery, decision.held());
            return Optional.empty();
        }
        return Optional.of(new Passage(decision, forwarded));
    }

    @Override
    public GateDecision decide(Envelope original, Partner recipient, LocalDate on) {
        return gate.decide(original, senderKind(original), recipient, on);
    }

    /** The hub's own notifications have no partner as sender. */
    private PartnerKind senderKind(Envelope original) {
        return partners.find(original.sender()).map(Partner::kind).orElse(null);
    }

    private static boolean releasesAnything(GateDecision decision) {
        return decision.forwarded().stream().anyMatch(c -> c != DataCategory.IDENTITY);
    }
}
