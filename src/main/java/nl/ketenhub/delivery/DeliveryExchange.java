package nl.ketenhub.delivery;

/**
 * Names of the exchange properties the delivery route carries between its steps: set by {@link DeliveryService},
 * read by the route's channel choice, by DeliveryService's own later steps, by the SOAP and CSV delivery beans, and by the delivery route's error
 * handling.
 */
public final class DeliveryExchange {

    /** The queued message's body as it arrived on the partner's delivery queue. */
    public static final String ORIGINAL_BODY = "KetenhubOriginalBody";
    /** The envelope as it came in, before the gate. */
    public static final String ORIGINAL = "KetenhubOriginal";
    /** The ledger's delivery record. */
    public static final String DELIVERY = "KetenhubDelivery";
    /** The recipient as this delivery reaches it. */
    public static final String PARTNER = "KetenhubPartner";
    public static final String ATTEMPT = "KetenhubAttempt";
    /** The recipient's channel's wire name; the route chooses its transport by it. */
    public static final String CHANNEL = "KetenhubChannel";
    public static final String ENDPOINT = "KetenhubEndpoint";
    /** What the consent gate decided. */
    public static final String DECISION = "KetenhubDecision";
    /** The body sent to the partner in its format; absent when the gate let nothing go. */
    public static final String RENDERED = "KetenhubRendered";

    private DeliveryExchange() {}
}
