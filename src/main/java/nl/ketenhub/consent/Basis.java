package nl.ketenhub.consent;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** On what ground a category of data may be forwarded. */
public enum Basis {
    /** The law gives the school a basis: always forwarded. */
    LEGAL_BASIS("legal-basis"),
    /** Forwarded only under a valid consent of the student (or, under the age of consent, a parent or guardian). */
    CONSENT("consent"),
    /** Never forwarded. */
    NEVER("never");

    private final String wireName;

    Basis(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Basis fromWireName(String name) {
        return Arrays.stream(values()).filter(b -> b.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown basis '" + name + "' (legal-basis, consent, never)"));
    }
}
