package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A business acknowledgement of an earlier message (named by the envelope's relatesTo). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Acknowledgement(String result, String reason, String reasonCode) {

    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";

    public boolean accepted() {
        return ACCEPTED.equals(result);
    }
}
