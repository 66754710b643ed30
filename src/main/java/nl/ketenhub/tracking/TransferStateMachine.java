package nl.ketenhub.tracking;

import static nl.ketenhub.tracking.TransferState.ACKNOWLEDGED;
import static nl.ketenhub.tracking.TransferState.AANMELDING_ONTVANGEN;
import static nl.ketenhub.tracking.TransferState.DELIVERED;
import static nl.ketenhub.tracking.TransferState.ENROLLED;
import static nl.ketenhub.tracking.TransferState.EXPECTED;
import static nl.ketenhub.tracking.TransferState.FORWARDED;
import static nl.ketenhub.tracking.TransferState.INGETROKKEN;
import static nl.ketenhub.tracking.TransferState.LEIDT_NIET_TOT_INSCHRIJVING;
import static nl.ketenhub.tracking.TransferState.ONDERWIJSOVEREENKOMST_AANGEBODEN;
import static nl.ketenhub.tracking.TransferState.OVERDUE;
import static nl.ketenhub.tracking.TransferState.RECEIVED;
import static nl.ketenhub.tracking.TransferState.REJECTED;
import static nl.ketenhub.tracking.TransferState.SIGNALLED;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import nl.ketenhub.canonical.ApplicationStatus;

/**
 * The transfer state machine: which transitions are legal, and what an event does to a transfer in a given state.
 *
 * <p>A transfer moves along two lines at once: its dossier (received, forwarded, delivered, overdue, acknowledged or
 * rejected) and the MBO application (the five statuses). The summary {@code state} follows the table {@link #ALLOWED};
 * each line is also checked on its own, so a fact that arrives late (a transport acknowledgement after the business
 * acknowledgement, a dossier after the first status) is recorded without moving the summary back, a stale or
 * repeated status is ignored, and a contradiction (an acceptance after a rejection, a status after 'ingeschreven')
 * is refused.
 */
public final class TransferStateMachine {

    /** What became of an event. */
    public enum Outcome {
        /** The summary state moved. */
        APPLIED,
        /** The facts were recorded; the summary state stays (the transfer is already further along). */
        RECORDED,
        /** Nothing changed: a duplicate, an older status, or an event about an earlier dossier version. */
        IGNORED,
        /** An illegal transition: nothing changed, and it is logged. */
        REFUSED
    }

    /**
     * The decision on one event.
     *
     * @param state the summary state afterwards
     * @param dossierState the dossier line afterwards
     * @param reason why, for the history
     */
    public record Decision(Outcome outcome, TransferState state, TransferState dossierState, String reason) {

        public boolean changesFacts() {
            return outcome == Outcome.APPLIED || outcome == Outcome.RECORDED;
        }
    }

    private static final Set<TransferState> STATUSES = EnumSet.of(AANMELDING_ONTVANGEN, ONDERWIJSOVEREENKOMST_AANGEBODEN,
            LEIDT_NIET_TOT_INSCHRIJVING, INGETROKKEN, ENROLLED);

    /** The legal transitions of the summary state. */
    static final Map<TransferState, Set<TransferState>> ALLOWED = new EnumMap<>(TransferState.class);

    static {
        ALLOWED.put(EXPECTED, union(EnumSet.of(RECEIVED, SIGNALLED), STATUSES));
        ALLOWED.put(RECEIVED, union(EnumSet.of(FORWARDED, DELIVERED, ACKNOWLEDGED, REJECTED, SIGNALLED), STATUSES));
        ALLOWED.put(FORWARDED, union(EnumSet.of(RECEIVED, DELIVERED, ACKNOWLEDGED, REJECTED, SIGNALLED), STATUSES));
        ALLOWED.put(DELIVERED, union(EnumSet.of(RECEIVED, OVERDUE, ACKNOWLEDGED, REJECTED, SIGNALLED), STATUSES));
        ALLOWED.put(OVERDUE, union(EnumSet.of(RECEIVED, ACKNOWLEDGED, REJECTED, SIGNALLED), STATUSES));
        ALLOWED.put(ACKNOWLEDGED, union(EnumSet.of(RECEIVED, SIGNALLED), STATUSES));
        ALLOWED.put(REJECTED, union(EnumSet.of(RECEIVED, SIGNALLED), STATUSES));
        ALLOWED.put(AANMELDING_ONTVANGEN, EnumSet.of(ONDERWIJSOVEREENKOMST_AANGEBODEN, LEIDT_NIET_TOT_INSCHRIJVING,
                INGETROKKEN, ENROLLED, SIGNALLED));
        ALLOWED.put(ONDERWIJSOVEREENKOMST_AANGEBODEN, EnumSet.of(LEIDT_NIET_TOT_INSCHRIJVING, INGETROKKEN, ENROLLED, SIGNALLED));
        // after a refusal or a withdrawal the student may apply again
        ALLOWED.put(LEIDT_NIET_TOT_INSCHRIJVING, EnumSet.of(AANMELDING_ONTVANGEN, SIGNALLED));
        ALLOWED.put(INGETROKKEN, EnumSet.of(AANMELDING_ONTVANGEN, SIGNALLED));
        ALLOWED.put(ENROLLED, EnumSet.noneOf(TransferState.class));
        // a signalled student who enrols after all closes the case; other statuses are recorded under the signal
        ALLOWED.put(SIGNALLED, EnumSet.of(ENROLLED));
    }

    private TransferStateMachine() {}

    public static boolean allowed(TransferState from, TransferState to) {
        return ALLOWED.getOrDefault(from, Set.of()).contains(to);
    }

    /** The legal next states of a state. */
    public static Set<TransferState> next(TransferState from) {
        return Set.copyOf(ALLOWED.getOrDefault(from, Set.of()));
    }

    /**
     * An event on the dossier line.
     *
     * @param target RECEIVED (a dossier, possibly a new version), FORWARDED, DELIVERED, OVERDUE, ACKNOWLEDGED or REJECTED
     * @param currentVersion false when the event concerns an earlier dossier than the transfer's current one
     */
    public static Decision dossierEvent(Transfer t, TransferState target, boolean currentVersion) {
        if (!target.isDossierState()) {
            throw new IllegalArgumentException(target + " is not a dossier state");
        }
        TransferState line = t.dossierState();
        if (target == RECEIVED) {
            return summary(t, RECEIVED, RECEIVED, line == null ? "dossier received" : "a new version of the dossier");
        }
        if (!currentVersion) {
            return new Decision(Outcome.IGNORED, t.state(), line, "concerns an earlier version of the dossier");
        }
        if (line == null) {
            return refused(t, "no dossier has been received for this transfer");
        }
        switch (target) {
            case FORWARDED:
                if (line == RECEIVED) {
                    return summary(t, FORWARDED, FORWARDED, "released to the MBO's delivery");
                }
                return new Decision(Outcome.IGNORED, t.state(), line, "already " + line.wireName());
            case DELIVERED:
                if (line == RECEIVED || line == FORWARDED) {
                    return summary(t, DELIVERED, DELIVERED, "the MBO's system accepted the dossier");
                }
                if (line == ACKNOWLEDGED || line == REJECTED) {
                    return new Decision(Outcome.RECORDED, t.state(), line,
                            "transport acknowledgement after the MBO's " + (line == ACKNOWLEDGED ? "acceptance" : "rejection"));
                }
                return new Decision(Outcome.IGNORED, t.state(), line, "already " + line.wireName());
            case OVERDUE:
                if (line == DELIVERED) {
                    return summary(t, OVERDUE, OVERDUE, "not acknowledged by its due date");
                }
                return refused(t, "only a delivered, unacknowledged dossier can become overdue (dossier is "
                        + line.wireName() + ")");
            case ACKNOWLEDGED:
            case REJECTED:
                TransferState opposite = target == ACKNOWLEDGED ? REJECTED : ACKNOWLEDGED;
                if (line == target) {
                    return new Decision(Outcome.IGNORED, t.state(), line, "already " + line.wireName());
                }
                if (line == opposite) {
                    return refused(t, "the MBO already " + (opposite == ACKNOWLEDGED ? "accepted" : "rejected")
                            + " this dossier");
                }
                return summary(t, target, target, target == ACKNOWLEDGED ? "the MBO accepted the dossier"
                        : "the MBO rejected the dossier");
            default:
                throw new IllegalArgumentException("unexpected dossier event " + target);
        }
    }

    /** An application status with its status date. */
    public static Decision statusEvent(Transfer t, ApplicationStatus.Status status, LocalDate statusDate) {
        ApplicationStatus.Status current = t.applicationStatus();
        TransferState target = TransferState.of(status);
        if (current != null) {
            TransferState currentState = TransferState.of(current);
            if (current == status) {
                return new Decision(Outcome.IGNORED, t.state(), t.dossierState(), "duplicate: already " + status.wireName());
            }
            if (statusDate.isBefore(t.statusDate())) {
                return new Decision(Outcome.IGNORED, t.state(), t.dossierState(), "older than the current status "
                        + current.wireName() + " of " + t.statusDate());
            }
            if (statusDate.equals(t.statusDate()) && allowed(target, currentState)) {
                return new Decision(Outcome.IGNORED, t.state(), t.dossierState(), "an earlier step than the current status "
                        + current.wireName() + " of the same date");
            }
            if (!allowed(currentState, target)) {
                return refused(t, "application status " + current.wireName() + " cannot be followed by " + status.wireName());
            }
        }
        return summary(t, target, t.dossierState(), "application status " + status.wireName() + " of " + statusDate);
    }

    /** The RMC signal. */
    public static Decision signal(Transfer t) {
        if (!allowed(t.state(), SIGNALLED)) {
            return refused(t, "a transfer in state " + t.state().wireName() + " is not signalled");
        }
        return new Decision(Outcome.APPLIED, SIGNALLED, t.dossierState(), "no 'ingeschreven' status by the RMC deadline");
    }

    private static Decision summary(Transfer t, TransferState target, TransferState line, String reason) {
        if (allowed(t.state(), target)) {
            return new Decision(Outcome.APPLIED, target, line, reason);
        }
        return new Decision(Outcome.RECORDED, t.state(), line, reason + "; the transfer stays " + t.state().wireName());
    }

    private static Decision refused(Transfer t, String reason) {
        return new Decision(Outcome.REFUSED, t.state(), t.dossierState(), reason);
    }

    private static Set<TransferState> union(Set<TransferState> a, Set<TransferState> b) {
        EnumSet<TransferState> all = EnumSet.noneOf(TransferState.class);
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
