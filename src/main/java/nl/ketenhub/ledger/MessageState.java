package nl.ketenhub.ledger;

/** Where a message stands, summarised over its deliveries. */
public enum MessageState {
    /** Persisted by an edge; not yet confirmed on the durable intake queue. */
    RECEIVED,
    /** On the durable intake queue; the sender has its receipt. */
    QUEUED,
    /** The core routed it: one delivery per recipient exists. */
    ROUTED,
    /** Every delivery reached its recipient. */
    DELIVERED,
    /** At least one delivery gave up and is parked for an admin. */
    PARKED,
    /** A message addressed to the hub itself (consent) was processed. */
    PROCESSED,
    /** A message addressed to the hub itself could not be processed, or the core could not route a message. */
    FAILED
}
