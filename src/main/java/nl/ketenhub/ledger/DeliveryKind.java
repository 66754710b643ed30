package nl.ketenhub.ledger;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * What a delivery is to its message. Stored, carried in the {@code KetenhubDeliveryKind} header and shown by its
 * {@link #code()}, the lowercase text the delivery table holds.
 */
public enum DeliveryKind {
    /** The message to its addressed recipient. */
    PRIMARY("primary"),
    /** A notice the hub derives from the message, for a gemeente or a school. */
    NOTICE("notice"),
    /** Dossier categories released later by consent, to a recipient that received the dossier before. */
    SUPPLEMENT("supplement");

    private final String code;

    DeliveryKind(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static DeliveryKind fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown delivery kind '" + code + "'"));
    }

    /** The code, so that a kind reads the same in log lines and ledger events as in the table. */
    @Override
    public String toString() {
        return code;
    }
}
