package nl.ketenhub.ledger;

/** Where one delivery (a message for one recipient) stands. */
public enum DeliveryState {
    QUEUED,
    DELIVERED,
    PARKED,
    /** Consent was withdrawn before forwarding: nothing was sent. */
    CANCELLED,
    /** Held categories were discarded after the consent expiry. */
    EXPIRED
}
