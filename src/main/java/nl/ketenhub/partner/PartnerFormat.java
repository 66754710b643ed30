package nl.ketenhub.partner;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The format a partner wants its deliveries in. */
public enum PartnerFormat {
    CANONICAL_JSON("canonical-json"),
    OSO_XML("oso-xml"),
    CSV("csv");

    private final String wireName;

    PartnerFormat(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static PartnerFormat fromWireName(String name) {
        return Arrays.stream(values())
                .filter(f -> f.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown format: " + name));
    }
}
