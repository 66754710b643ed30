package nl.ketenhub.absence;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** One step in the history of an absence report, with the message that caused it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AbsenceEvent(Instant at, String event, String fromState, String toState, String causeTrackingId,
        String detail) {}
