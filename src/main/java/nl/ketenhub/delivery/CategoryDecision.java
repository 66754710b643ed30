package nl.ketenhub.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import nl.ketenhub.canonical.DataCategory;

/**
 * What the gate decided for one category of one delivery, and why.
 *
 * @param reason legal-basis, consent, never, awaiting-consent, age-rule, consent-withdrawn, consent-expired
 * @param consentId the consent record that allowed it, when the reason is consent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CategoryDecision(DataCategory category, Outcome outcome, String reason, Long consentId) {

    /** Forward now, hold until consent arrives, or drop for good. */
    public enum Outcome { FORWARD, HOLD, DROP }

    public static CategoryDecision forward(DataCategory c, String reason, Long consentId) {
        return new CategoryDecision(c, Outcome.FORWARD, reason, consentId);
    }

    public static CategoryDecision hold(DataCategory c, String reason) {
        return new CategoryDecision(c, Outcome.HOLD, reason, null);
    }

    public static CategoryDecision drop(DataCategory c, String reason) {
        return new CategoryDecision(c, Outcome.DROP, reason, null);
    }
}
