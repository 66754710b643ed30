package nl.ketenhub.canonical;

/**
 * A student's national identifier: a BSN, or an onderwijsnummer for students without one. Never log it: derive the
 * keyed pseudonym.
 */
public record StudentId(Kind kind, String value) {

    public enum Kind { BSN, ONDERWIJSNUMMER }

    public static StudentId of(String bsn, String onderwijsnummer) {
        if (bsn != null && !bsn.isBlank()) {
            return new StudentId(Kind.BSN, bsn);
        }
        if (onderwijsnummer != null && !onderwijsnummer.isBlank()) {
            return new StudentId(Kind.ONDERWIJSNUMMER, onderwijsnummer);
        }
        throw new IllegalArgumentException("a student needs a bsn or an onderwijsnummer");
    }

    @Override
    public String toString() {
        return "StudentId[" + kind + ", redacted]";
    }
}
