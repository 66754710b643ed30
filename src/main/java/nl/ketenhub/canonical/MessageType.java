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

    @JsonCreator
    public static MessageType fromWireName(String name) {
        return Arrays.stream(values())
                .filter(t -> t.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown message type: " + name));
    }
}
