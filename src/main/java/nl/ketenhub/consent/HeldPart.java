package nl.ketenhub.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Set;
import nl.ketenhub.canonical.DataCategory;

/**
 * Dossier categories held back from one delivery until consent arrives.
 *
 * @param state HELD, RELEASED (everything went out in supplements), EXPIRED (discarded after the policy's expiry)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HeldPart(
        String id,
        String deliveryId,
        String trackingId,
        String recipientOin,
        String subjectPseudonym,
        Set<DataCategory> categories,
        String state,
        Instant heldAt,
        Instant expiresAt,
        Instant closedAt,
        String closedReason,
        String supplementDeliveryId) {

    public static final String HELD = "HELD";
    public static final String RELEASED = "RELEASED";
    public static final String EXPIRED = "EXPIRED";
}
