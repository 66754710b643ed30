package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A phone number, e-mail address or other means of contact. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Contact(String kind, String value, String label, Boolean confidential, Boolean emergency) {}
