package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.Map;

/** A message the hub itself writes to a partner (reminder, escalation, RMC signal, rejection, withdrawal). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(
        String kind,
        String text,
        String transferId,
        String relatesToMessageId,
        StudentRef student,
        String schoolYear,
        School voSchool,
        School mboSchool,
        String state,
        LocalDate dueDate,
        Map<String, String> facts) {

    public static final String ACK_REMINDER = "acknowledgement-reminder";
    public static final String ACK_ESCALATION = "acknowledgement-escalation";
    public static final String RMC_SIGNAL = "rmc-signal";
    public static final String DOSSIER_REJECTED = "dossier-rejected";
    public static final String CONSENT_WITHDRAWN = "consent-withdrawn";
    public static final String HELD_DATA_EXPIRED = "held-data-expired";
    public static final String ABSENCE_ACK_REMINDER = "absence-acknowledgement-reminder";
}
