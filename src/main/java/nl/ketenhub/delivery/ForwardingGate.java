package nl.ketenhub.delivery;

import java.time.LocalDate;
import java.util.Optional;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.partner.Partner;

/**
 * The check every delivery passes at the moment of forwarding: what of a message its recipient may receive now
 * (consent implements it). Delivery calls the gate; the gate never calls delivery back.
 */
public interface ForwardingGate {

    /**
     * What goes to {@code recipient} now, or nothing: a supplement whose consent no longer holds sends nothing, and
     * the gate has put its categories on hold again.
     */
    Optional<Passage> pass(DeliveryRecord delivery, Envelope original, Partner recipient, LocalDate on);

    /** The decision the gate would take now, with no effect (what a replay would send). */
    GateDecision decide(Envelope original, Partner recipient, LocalDate on);

    /** A decision and the envelope as the recipient may see it under that decision. */
    record Passage(GateDecision decision, Envelope forwarded) {}
}
