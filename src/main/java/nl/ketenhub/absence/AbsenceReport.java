package nl.ketenhub.absence;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One row of the absence ledger: a report and how far it is followed up (the student as keyed pseudonym only). */
public record AbsenceReport(
        String id,
        String reportTrackingId,
        String reportMessageId,
        String schoolOin,
        String gemeenteOin,
        String function,
        String kind,
        String studentPseudonym,
        String brin,
        String vestigingscode,
        String gemeentecode,
        String schoolYear,
        LocalDate periodStart,
        LocalDate periodEnd,
        LocalDate thresholdDate,
        BigDecimal hoursMissed,
        Integer lessonsMissed,
        LocalDate reportedOn,
        LocalDate reportDueDate,
        boolean late,
        AbsenceState state,
        Instant deliveredAt,
        LocalDate ackDueDate,
        Instant acknowledgedAt,
        Instant reminderSentAt,
        String followUpStatus,
        LocalDate followUpDate,
        String followUpCode,
        Instant closedAt,
        Instant withdrawnAt,
        Instant createdAt,
        Instant updatedAt) {

    /** Delivered to the gemeente and not acknowledged by its due date. */
    public boolean isAckOverdue(LocalDate today) {
        return state == AbsenceState.DELIVERED && ackDueDate != null && today.isAfter(ackDueDate);
    }
}
