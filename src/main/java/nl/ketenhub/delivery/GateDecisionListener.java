package nl.ketenhub.delivery;

import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.consent.GateDecision;
import nl.ketenhub.ledger.DeliveryRecord;

/** Told of every gate decision taken at forwarding, before the delivery is sent. */
public interface GateDecisionListener {

    void decided(DeliveryRecord delivery, Envelope original, GateDecision decision, Envelope forwarded, String renderedBody);
}
