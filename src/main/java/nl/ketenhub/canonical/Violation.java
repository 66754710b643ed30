package nl.ketenhub.canonical;

/**
 * One thing wrong with a message.
 *
 * @param pointer JSON pointer (RFC 6901) to the offending value, or where a missing member belongs
 * @param message what is wrong, without repeating personal data
 */
public record Violation(String pointer, String message) {}
