package nl.ketenhub.routing;

import java.util.List;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.ledger.DeliveryRecord;

/**
 * Told of every message the core routed, once its deliveries exist (transfer tracking follows dossiers, statuses
 * and acknowledgements this way). Called inside the core's broker transaction: must be idempotent per tracking id,
 * since a redelivery calls it again.
 */
public interface MessageObserver {

    void routed(String trackingId, Envelope envelope, List<DeliveryRecord> deliveries);
}
