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

    /**
     * Reads a number someone typed: a valid BSN, else a valid onderwijsnummer; otherwise the BSN check's complaint.
     */
    public static java.util.Optional<StudentId> parse(String typed, java.util.function.Consumer<String> problem) {
        String s = typed == null ? "" : typed.trim();
        if (Identifiers.checkBsn(s).isEmpty()) {
            return java.util.Optional.of(new StudentId(Kind.BSN, s));
        }
        if (Identifiers.checkOnderwijsnummer(s).isEmpty()) {
            return java.util.Optional.of(new StudentId(Kind.ONDERWIJSNUMMER, s));
        }
        problem.accept(Identifiers.checkBsn(s).orElseThrow());
        return java.util.Optional.empty();
    }

    public String bsn() {
        return kind == Kind.BSN ? value : null;
    }

    public String onderwijsnummer() {
        return kind == Kind.ONDERWIJSNUMMER ? value : null;
    }

    @Override
    public String toString() {
        return "StudentId[" + kind + ", redacted]";
    }
}
