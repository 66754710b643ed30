package nl.ketenhub.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A delivery that gave up and waits for an admin (the body is kept, but never listed). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParkedDelivery(
        String id,
        String deliveryId,
        String trackingId,
        String recipient,
        Instant parkedAt,
        int attempts,
        String reason,
        String state,
        Instant replayedAt,
        String replayedBy) {}
