package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The message families the hub carries, as named in the envelope's {@code type}. */
public enum MessageType {
    TRANSFER_DOSSIER("transfer-dossier"),
    APPLICATION_STATUS("application-status"),
    ENROLMENT_NOTICE("enrolment-notice"),
    EXPECTED_TRANSFER("expected-transfer"),
    ACKNOWLEDGEMENT("acknowledgement"),
    CONSENT("consent"),
    /** A school reports a student's absence to the gemeente of residence (Leerplicht or RMC). */
    ABSENCE_REPORT("absence-report"),
    /** The gemeente tells the school how an absence report is followed up ({@code relatesTo} = the report). */
    ABSENCE_FOLLOW_UP("absence-follow-up"),
    /** The school withdraws an absence report made in error ({@code relatesTo} = the report). */
    ABSENCE_WITHDRAWAL("absence-withdrawal"),
    /** Written by the hub itself (reminders, escalations, signals); never accepted from a partner. */
    NOTIFICATION("notification");

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The absence family: reports, follow-ups and withdrawals. */
    public boolean isAbsence() {
        return this == ABSENCE_REPORT || this == ABSENCE_FOLLOW_UP || this == ABSENCE_WITHDRAWAL;
    }

    @JsonCreator
    public static MessageType fromWireName(String name) {
        return Arrays.stream(values())
                .filter(t -> t.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown message type: " + name));
    }
}
