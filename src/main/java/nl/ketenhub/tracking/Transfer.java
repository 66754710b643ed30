package nl.ketenhub.tracking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import nl.ketenhub.canonical.ApplicationStatus;

/**
 * One VO-to-MBO transfer: one student, VO school, MBO institution and school year. No personal data: the student is
 * the keyed pseudonym.
 *
 * @param mboOin null while the MBO institution is not known (an expected-transfer report without one)
 * @param leavingYear the calendar year the school year ends in
 * @param state the summary state
 * @param dossierState where the dossier stands (null before a dossier arrived)
 * @param heldCategories dossier categories held for consent, comma-separated (null when none)
 * @param rmcOutcome signalled, enrolled, not-eligible or no-gemeente-partner once the RMC deadline was checked
 */
public record Transfer(
        String id,
        String studentPseudonym,
        String voOin,
        String voBrin,
        String mboOin,
        String mboBrin,
        String schoolYear,
        int leavingYear,
        TransferState state,
        TransferState dossierState,
        ApplicationStatus.Status applicationStatus,
        LocalDate statusDate,
        String heldCategories,
        LocalDate expectedLeavingDate,
        String dossierTrackingId,
        String dossierMessageId,
        Instant dossierReceivedAt,
        Instant forwardedAt,
        Instant deliveredAt,
        LocalDate ackDueDate,
        Instant acknowledgedAt,
        Instant rejectedAt,
        String rejectionCode,
        String rejectionReason,
        Instant reminderSentAt,
        LocalDate escalationDueDate,
        Instant escalatedAt,
        Instant rmcCheckedAt,
        String rmcOutcome,
        Instant signalledAt,
        Instant createdAt,
        Instant updatedAt) {

    public List<String> heldCategoryList() {
        return heldCategories == null || heldCategories.isBlank() ? List.of() : Arrays.asList(heldCategories.split(","));
    }

    /** Delivered to the MBO, not yet acknowledged or rejected. */
    public boolean awaitsAcknowledgement() {
        return dossierState == TransferState.DELIVERED || dossierState == TransferState.OVERDUE;
    }

    /** Past its acknowledgement due date without an acknowledgement, on the given day. */
    public boolean isOverdue(LocalDate today) {
        return awaitsAcknowledgement() && ackDueDate != null && today.isAfter(ackDueDate);
    }
}
