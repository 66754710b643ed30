package nl.ketenhub.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** One step in a message's history. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageEvent(Instant at, String state, String recipient, String detail) {}
