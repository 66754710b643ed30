package nl.ketenhub.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerKind;

/**
 * One consent in the registry. The student is only a keyed pseudonym here.
 *
 * @param givenBy student, parent or guardian
 * @param recipientOin one partner, or null when the consent is for every partner of {@code recipientKind}
 * @param source api, message, oso-inzage or admin
 * @param sourceRef what it came from (tracking id of the message, admin user...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentRecord(
        long id,
        String subjectPseudonym,
        String givenBy,
        Set<DataCategory> categories,
        String recipientOin,
        PartnerKind recipientKind,
        LocalDate validFrom,
        LocalDate validUntil,
        String source,
        String sourceRef,
        String recordedBy,
        String reason,
        Instant createdAt,
        Instant withdrawnAt,
        String withdrawnBy,
        String withdrawalReason) {

    public static final String STUDENT = "student";

    public boolean byParentOrGuardian() {
        return "parent".equals(givenBy) || "guardian".equals(givenBy);
    }

    /** Valid on the day: started, not ended, not withdrawn. */
    public boolean validOn(LocalDate day) {
        return withdrawnAt == null && !validFrom.isAfter(day) && (validUntil == null || !validUntil.isBefore(day));
    }

    public boolean coversRecipient(Partner recipient) {
        return recipientOin != null ? recipientOin.equals(recipient.oin()) : recipientKind == recipient.kind();
    }

    /** Why this consent does not apply on a day (for explanations), or null when it does. */
    public String statusOn(LocalDate day) {
        if (withdrawnAt != null) {
            return "withdrawn";
        }
        if (validFrom.isAfter(day)) {
            return "not-yet-valid";
        }
        if (validUntil != null && validUntil.isBefore(day)) {
            return "expired";
        }
        return null;
    }
}
