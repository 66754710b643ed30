package nl.ketenhub.oso;

import java.util.List;
import nl.ketenhub.canonical.Violation;

/** An OSO dossier that is valid XML but cannot become a canonical dossier; each violation names its element path. */
public class OsoMappingException extends RuntimeException {

    private final List<Violation> violations;

    public OsoMappingException(List<Violation> violations) {
        super(violations.size() + " problem(s) mapping the OSO dossier: " + violations.get(0).pointer() + ": "
                + violations.get(0).message());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
