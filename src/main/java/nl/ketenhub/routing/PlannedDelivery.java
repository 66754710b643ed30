package nl.ketenhub.routing;

import nl.ketenhub.ledger.DeliveryKind;

/**
 * A delivery the core decided on: who receives what.
 *
 * @param idempotencyKey (messageId, recipient) for a primary delivery; further parts for derived ones
 * @param body the canonical envelope to forward (the gate still decides what of it goes)
 */
public record PlannedDelivery(String recipient, DeliveryKind kind, String idempotencyKey, String body) {

    public static String key(String sender, String messageId, String recipient) {
        return sender + "/" + messageId + "|" + recipient;
    }
}
