package nl.ketenhub.routing;

/** Names of the message headers (JMS properties) the hub's routes carry between queues. */
public final class Headers {

    public static final String TRACKING_ID = "KetenhubTrackingId";
    public static final String MESSAGE_ID = "KetenhubMessageId";
    public static final String SENDER = "KetenhubSender";
    public static final String RECIPIENT = "KetenhubRecipient";
    public static final String TYPE = "KetenhubType";
    public static final String DELIVERY_ID = "KetenhubDeliveryId";
    public static final String DELIVERY_KIND = "KetenhubDeliveryKind";
    public static final String DELIVERY_RECIPIENT = "KetenhubDeliveryRecipient";
    public static final String IDEMPOTENCY_KEY = "KetenhubIdempotencyKey";
    public static final String CHANNEL = "KetenhubChannel";
    public static final String REPLAY = "KetenhubReplay";
    public static final String API_KEY = "KetenhubApiKey";
    public static final String STATUS = "KetenhubStatus";
    /** How the body is encoded on the hub's own queues ({@link Bodies#ZSTD}); absent for plain UTF-8. */
    public static final String BODY_ENCODING = "KetenhubBodyEncoding";
    /** The JMS message group: the broker gives every message of one group to the same consumer, one at a time. */
    public static final String GROUP = "JMSXGroupID";

    private Headers() {}
}
