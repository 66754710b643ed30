package nl.ketenhub.web;

import java.util.List;
import nl.ketenhub.canonical.Violation;
import org.springframework.http.HttpStatus;

/** What an edge answers a sender: the REST, SOAP, JMS and CSV edges, and the security filter in front of them. */
public sealed interface IntakeOutcome {

    /**
     * The message is durable on the intake queue.
     *
     * @param repeat the sender had sent this messageId before: this is the original tracking id
     */
    record Accepted(String trackingId, String messageId, boolean repeat) implements IntakeOutcome {}

    /** The message was refused; nothing was queued. */
    record Rejected(HttpStatus status, String type, String title, String detail, List<Violation> violations, String messageId)
            implements IntakeOutcome {

        public Rejected {
            violations = violations == null ? List.of() : List.copyOf(violations);
        }
    }
}
