package nl.ketenhub.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import nl.ketenhub.canonical.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds the hub's problem+json answers: a stable type URI per kind of error, and every violation with its pointer. */
public final class Problems {

    public static final String TYPE_BASE = "https://ketenhub.nl/problems/";

    private Problems() {}

    public static ProblemDetail detail(HttpStatus status, String type, String title, String detail, List<Violation> violations) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setType(URI.create(TYPE_BASE + type));
        pd.setTitle(title);
        if (violations != null && !violations.isEmpty()) {
            pd.setProperty("violations", violations.stream()
                    .map(v -> Map.of("pointer", v.pointer(), "message", v.message()))
                    .toList());
        }
        return pd;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemException e) {
        return ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(detail(e.status(), e.type(), e.title(), e.getMessage(), e.violations()));
    }
}
