package nl.ketenhub.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** The headers the hub's own queues carry, for tests that put a message on one as the hub (or an earlier version) did. */
final class QueuedHeaders {

    private QueuedHeaders() {}

    /** The headers of a message on the core's queue, as received over REST. */
    static Map<String, Object> intake(String trackingId, JsonNode envelope) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(Headers.TRACKING_ID, trackingId);
        headers.put(Headers.MESSAGE_ID, envelope.path("messageId").asText());
        headers.put(Headers.SENDER, envelope.path("sender").asText());
        headers.put(Headers.RECIPIENT, envelope.path("recipient").asText());
        headers.put(Headers.TYPE, envelope.path("type").asText());
        headers.put(Headers.CHANNEL, "rest");
        return headers;
    }

    /** The headers of the primary delivery of that message, on its recipient's delivery queue. */
    static Map<String, Object> primaryDelivery(String trackingId, String deliveryId, JsonNode envelope) {
        Map<String, Object> headers = intake(trackingId, envelope);
        String recipient = envelope.path("recipient").asText();
        headers.put(Headers.DELIVERY_ID, deliveryId);
        headers.put(Headers.DELIVERY_KIND, "primary");
        headers.put(Headers.DELIVERY_RECIPIENT, recipient);
        headers.put(Headers.IDEMPOTENCY_KEY,
                PlannedDelivery.key(envelope.path("sender").asText(), envelope.path("messageId").asText(), recipient));
        return headers;
    }
}
