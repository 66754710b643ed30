package nl.ketenhub.partner;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the hub delivers to a partner. */
public enum Channel {
    JMS,
    REST,
    SOAP,
    FILE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Channel fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
