package nl.ketenhub.tracking;

import static nl.ketenhub.canonical.ApplicationStatus.Status.AANMELDING_ONTVANGEN;
import static nl.ketenhub.canonical.ApplicationStatus.Status.INGESCHREVEN;
import static nl.ketenhub.canonical.ApplicationStatus.Status.INGETROKKEN;
import static nl.ketenhub.canonical.ApplicationStatus.Status.LEIDT_NIET_TOT_INSCHRIJVING;
import static nl.ketenhub.canonical.ApplicationStatus.Status.ONDERWIJSOVEREENKOMST_AANGEBODEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import nl.ketenhub.canonical.ApplicationStatus;
import nl.ketenhub.tracking.TransferStateMachine.Decision;
import nl.ketenhub.tracking.TransferStateMachine.Outcome;
import org.junit.jupiter.api.Test;

class TransferStateMachineTest {

    private static final LocalDate MARCH = LocalDate.of(2027, 3, 1);
    private static final LocalDate JUNE = LocalDate.of(2027, 6, 1);
    private static final LocalDate AUGUST = LocalDate.of(2027, 8, 20);

    private static Transfer transfer(TransferState state, TransferState dossier, ApplicationStatus.Status status,
            LocalDate statusDate) {
        Instant now = Instant.parse("2027-03-01T09:00:00Z");
        return new Transfer("t1", "p", "vo", "01AA", "mbo", "25XA", "2026-2027", 2027, state, dossier, status, statusDate,
                null, null, "dossier-1", "m1", now, null, null, null, null, null, null, null, null, null, null, null, null,
                null, now, now);
    }

    @Test
    void shouldFollowADossierFromReceiptToAcknowledgement() {
        Transfer received = transfer(TransferState.RECEIVED, TransferState.RECEIVED, null, null);

        Decision forwarded = TransferStateMachine.dossierEvent(received, TransferState.FORWARDED, true);
        assertThat(forwarded.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(forwarded.state()).isEqualTo(TransferState.FORWARDED);

        Decision delivered = TransferStateMachine.dossierEvent(
                transfer(TransferState.FORWARDED, TransferState.FORWARDED, null, null), TransferState.DELIVERED, true);
        assertThat(delivered.state()).isEqualTo(TransferState.DELIVERED);

        Decision overdue = TransferStateMachine.dossierEvent(
                transfer(TransferState.DELIVERED, TransferState.DELIVERED, null, null), TransferState.OVERDUE, true);
        assertThat(overdue.state()).isEqualTo(TransferState.OVERDUE);

        Decision acknowledged = TransferStateMachine.dossierEvent(
                transfer(TransferState.OVERDUE, TransferState.OVERDUE, null, null), TransferState.ACKNOWLEDGED, true);
        assertThat(acknowledged.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(acknowledged.state()).isEqualTo(TransferState.ACKNOWLEDGED);
    }

    @Test
    void shouldRecordATransportAcknowledgementThatArrivesAfterTheBusinessAcknowledgement() {
        Transfer acknowledged = transfer(TransferState.ACKNOWLEDGED, TransferState.ACKNOWLEDGED, null, null);

        Decision d = TransferStateMachine.dossierEvent(acknowledged, TransferState.DELIVERED, true);

        assertThat(d.outcome()).isEqualTo(Outcome.RECORDED);
        assertThat(d.state()).isEqualTo(TransferState.ACKNOWLEDGED);
        assertThat(d.dossierState()).isEqualTo(TransferState.ACKNOWLEDGED);
    }

    @Test
    void shouldRefuseAnAcceptanceAfterARejectionAndTheOtherWayRound() {
        Decision acceptAfterReject = TransferStateMachine.dossierEvent(
                transfer(TransferState.REJECTED, TransferState.REJECTED, null, null), TransferState.ACKNOWLEDGED, true);
        Decision rejectAfterAccept = TransferStateMachine.dossierEvent(
                transfer(TransferState.AANMELDING_ONTVANGEN, TransferState.ACKNOWLEDGED, AANMELDING_ONTVANGEN, MARCH),
                TransferState.REJECTED, true);

        assertThat(acceptAfterReject.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(acceptAfterReject.state()).isEqualTo(TransferState.REJECTED);
        assertThat(rejectAfterAccept.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(rejectAfterAccept.dossierState()).isEqualTo(TransferState.ACKNOWLEDGED);
    }

    @Test
    void shouldRefuseDeliveryOrOverdueWithoutADossier() {
        Transfer expected = transfer(TransferState.EXPECTED, null, null, null);

        assertThat(TransferStateMachine.dossierEvent(expected, TransferState.DELIVERED, true).outcome())
                .isEqualTo(Outcome.REFUSED);
        assertThat(TransferStateMachine.dossierEvent(
                transfer(TransferState.ACKNOWLEDGED, TransferState.ACKNOWLEDGED, null, null), TransferState.OVERDUE, true)
                .outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void shouldIgnoreAnAcknowledgementOfAnEarlierDossierVersion() {
        Decision d = TransferStateMachine.dossierEvent(
                transfer(TransferState.DELIVERED, TransferState.DELIVERED, null, null), TransferState.ACKNOWLEDGED, false);

        assertThat(d.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(d.state()).isEqualTo(TransferState.DELIVERED);
    }

    @Test
    void shouldKeepTheApplicationStateWhenTheDossierArrivesAfterTheFirstStatus() {
        Transfer applied = transfer(TransferState.AANMELDING_ONTVANGEN, null, AANMELDING_ONTVANGEN, MARCH);

        Decision d = TransferStateMachine.dossierEvent(applied, TransferState.RECEIVED, true);

        assertThat(d.outcome()).isEqualTo(Outcome.RECORDED);
        assertThat(d.state()).isEqualTo(TransferState.AANMELDING_ONTVANGEN);
        assertThat(d.dossierState()).isEqualTo(TransferState.RECEIVED);
    }

    @Test
    void shouldFollowTheApplicationStatusesToEnrolment() {
        Transfer acknowledged = transfer(TransferState.ACKNOWLEDGED, TransferState.ACKNOWLEDGED, null, null);
        Decision applied = TransferStateMachine.statusEvent(acknowledged, AANMELDING_ONTVANGEN, MARCH);
        assertThat(applied.state()).isEqualTo(TransferState.AANMELDING_ONTVANGEN);

        Decision offered = TransferStateMachine.statusEvent(
                transfer(TransferState.AANMELDING_ONTVANGEN, TransferState.ACKNOWLEDGED, AANMELDING_ONTVANGEN, MARCH),
                ONDERWIJSOVEREENKOMST_AANGEBODEN, JUNE);
        assertThat(offered.state()).isEqualTo(TransferState.ONDERWIJSOVEREENKOMST_AANGEBODEN);

        Decision enrolled = TransferStateMachine.statusEvent(transfer(TransferState.ONDERWIJSOVEREENKOMST_AANGEBODEN,
                TransferState.ACKNOWLEDGED, ONDERWIJSOVEREENKOMST_AANGEBODEN, JUNE), INGESCHREVEN, AUGUST);
        assertThat(enrolled.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(enrolled.state()).isEqualTo(TransferState.ENROLLED);
        assertThat(enrolled.dossierState()).isEqualTo(TransferState.ACKNOWLEDGED);
    }

    @Test
    void shouldIgnoreAnOlderStatusThatArrivesLate() {
        Transfer enrolled = transfer(TransferState.ENROLLED, TransferState.ACKNOWLEDGED, INGESCHREVEN, AUGUST);

        Decision late = TransferStateMachine.statusEvent(enrolled, AANMELDING_ONTVANGEN, MARCH);

        assertThat(late.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(late.state()).isEqualTo(TransferState.ENROLLED);
    }

    @Test
    void shouldIgnoreAnEarlierStepOfTheSameDate() {
        Transfer offered = transfer(TransferState.ONDERWIJSOVEREENKOMST_AANGEBODEN, null, ONDERWIJSOVEREENKOMST_AANGEBODEN, JUNE);

        assertThat(TransferStateMachine.statusEvent(offered, AANMELDING_ONTVANGEN, JUNE).outcome()).isEqualTo(Outcome.IGNORED);
    }

    @Test
    void shouldIgnoreADuplicateStatus() {
        Transfer applied = transfer(TransferState.AANMELDING_ONTVANGEN, null, AANMELDING_ONTVANGEN, MARCH);

        assertThat(TransferStateMachine.statusEvent(applied, AANMELDING_ONTVANGEN, MARCH).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(TransferStateMachine.statusEvent(applied, AANMELDING_ONTVANGEN, JUNE).outcome()).isEqualTo(Outcome.IGNORED);
    }

    @Test
    void shouldRefuseAStatusAfterEnrolment() {
        Transfer enrolled = transfer(TransferState.ENROLLED, TransferState.ACKNOWLEDGED, INGESCHREVEN, AUGUST);

        Decision d = TransferStateMachine.statusEvent(enrolled, INGETROKKEN, AUGUST.plusDays(3));

        assertThat(d.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(d.state()).isEqualTo(TransferState.ENROLLED);
    }

    @Test
    void shouldAllowANewApplicationAfterAWithdrawalOrRefusal() {
        for (ApplicationStatus.Status ended : new ApplicationStatus.Status[] {INGETROKKEN, LEIDT_NIET_TOT_INSCHRIJVING}) {
            Transfer t = transfer(TransferState.of(ended), TransferState.ACKNOWLEDGED, ended, JUNE);

            assertThat(TransferStateMachine.statusEvent(t, AANMELDING_ONTVANGEN, AUGUST).state())
                    .isEqualTo(TransferState.AANMELDING_ONTVANGEN);
            assertThat(TransferStateMachine.statusEvent(t, ONDERWIJSOVEREENKOMST_AANGEBODEN, AUGUST).outcome())
                    .isEqualTo(Outcome.REFUSED);
        }
    }

    @Test
    void shouldSignalOnlyATransferThatDidNotEndInEnrolment() {
        assertThat(TransferStateMachine.signal(transfer(TransferState.EXPECTED, null, null, null)).state())
                .isEqualTo(TransferState.SIGNALLED);
        assertThat(TransferStateMachine.signal(transfer(TransferState.INGETROKKEN, TransferState.ACKNOWLEDGED, INGETROKKEN,
                JUNE)).state()).isEqualTo(TransferState.SIGNALLED);
        assertThat(TransferStateMachine.signal(transfer(TransferState.ENROLLED, TransferState.ACKNOWLEDGED, INGESCHREVEN,
                AUGUST)).outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void shouldRecordStatusesUnderASignalButCloseItOnEnrolment() {
        Transfer signalled = transfer(TransferState.SIGNALLED, TransferState.DELIVERED, INGETROKKEN, JUNE);

        Decision reapplied = TransferStateMachine.statusEvent(signalled, AANMELDING_ONTVANGEN, LocalDate.of(2027, 10, 5));
        assertThat(reapplied.outcome()).isEqualTo(Outcome.RECORDED);
        assertThat(reapplied.state()).isEqualTo(TransferState.SIGNALLED);

        Transfer signalledApplied = transfer(TransferState.SIGNALLED, TransferState.DELIVERED, AANMELDING_ONTVANGEN,
                LocalDate.of(2027, 10, 5));
        assertThat(TransferStateMachine.statusEvent(signalledApplied, INGESCHREVEN, LocalDate.of(2027, 10, 12)).state())
                .isEqualTo(TransferState.ENROLLED);
    }

    @Test
    void shouldLetNothingFollowEnrolment() {
        assertThat(TransferStateMachine.next(TransferState.ENROLLED)).isEmpty();
        for (TransferState s : TransferState.values()) {
            if (s != TransferState.ENROLLED && s != TransferState.SIGNALLED) {
                assertThat(TransferStateMachine.allowed(s, TransferState.SIGNALLED)).as(s + " -> signalled").isTrue();
            }
        }
    }
}
