package nl.ketenhub.absence;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The state of an absence report. The follow-up line moves only forward (sent, delivered, acknowledged, in progress,
 * closed): a step that arrives after a later one is recorded in the history without moving the state back. A
 * withdrawal ends the report from any state.
 */
public enum AbsenceState {
    SENT("sent", 0),
    DELIVERED("delivered", 1),
    ACKNOWLEDGED("acknowledged", 2),
    IN_PROGRESS("in-progress", 3),
    CLOSED("closed", 4),
    WITHDRAWN("withdrawn", 5);

    private final String wireName;
    private final int rank;

    AbsenceState(String wireName, int rank) {
        this.wireName = wireName;
        this.rank = rank;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether this state lies further along the follow-up line than {@code other}. */
    public boolean isAfter(AbsenceState other) {
        return rank > other.rank;
    }

    /** Open: not yet closed by the gemeente nor withdrawn by the school. */
    public boolean isOpen() {
        return this != CLOSED && this != WITHDRAWN;
    }

    /** The state a follow-up status leads to: received acknowledges, measure-taken is work in progress. */
    public static AbsenceState ofFollowUp(String status) {
        return switch (status) {
            case "received" -> ACKNOWLEDGED;
            case "in-progress", "measure-taken" -> IN_PROGRESS;
            case "closed" -> CLOSED;
            default -> throw new IllegalArgumentException("unknown follow-up status " + status);
        };
    }

    public static Optional<AbsenceState> parse(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    public static AbsenceState of(String wireName) {
        return parse(wireName).orElseThrow(() -> new IllegalArgumentException("unknown absence state " + wireName));
    }
}
