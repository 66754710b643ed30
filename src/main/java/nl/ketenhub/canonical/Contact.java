package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A phone number, e-mail address or other means of contact.
 *
 * @param kindCode the sender's own code for the kind of contact (OSO soort); {@code kind} is its canonical reading
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Contact(String kind, String value, String label, Boolean confidential, Boolean emergency, String kindCode) {

    /** A contact with only the fields of the first canonical version. */
    public Contact(String kind, String value, String label, Boolean confidential, Boolean emergency) {
        this(kind, value, label, confidential, emergency, null);
    }
}
