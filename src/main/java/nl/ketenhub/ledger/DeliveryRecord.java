package nl.ketenhub.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One delivery: a message (or a notice derived from it) for one recipient.
 *
 * @param kind primary (the addressed recipient), notice (a copy the hub derives, e.g. for a gemeente) or supplement
 *     (categories released later by consent)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryRecord(
        String id,
        String trackingId,
        String recipient,
        DeliveryKind kind,
        String idempotencyKey,
        DeliveryState state,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant updatedAt,
        Instant deliveredAt) {}
