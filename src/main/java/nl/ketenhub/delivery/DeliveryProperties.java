package nl.ketenhub.delivery;

/** Names of the exchange properties the delivery route carries between its steps. */
final class DeliveryProperties {

    static final String ORIGINAL_BODY = "KetenhubOriginalBody";
    static final String ORIGINAL = "KetenhubOriginal";
    static final String DELIVERY = "KetenhubDelivery";
    static final String PARTNER = "KetenhubPartner";
    static final String ATTEMPT = "KetenhubAttempt";
    static final String CHANNEL = "KetenhubChannel";
    static final String ENDPOINT = "KetenhubEndpoint";
    static final String RESEND_ON_REDELIVERY = "KetenhubResendOnRedelivery";
    static final String DECISION = "KetenhubDecision";
    static final String RENDERED = "KetenhubRendered";
    static final String SKIP = "KetenhubSkip";

    private DeliveryProperties() {}
}
