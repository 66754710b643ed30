package nl.ketenhub.tracking;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.ketenhub.canonical.Hashes;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.canonical.Notification;
import nl.ketenhub.canonical.SchoolYears;
import nl.ketenhub.canonical.StudentRef;
import nl.ketenhub.ledger.DeliveryKind;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerRepository;
import nl.ketenhub.pseudonym.Pseudonymizer;
import nl.ketenhub.routing.HubOutbox;
import nl.ketenhub.tracking.TransferStateMachine.Decision;
import nl.ketenhub.tracking.TransferStateMachine.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The deadline steps, one transfer (or one student's transfers) per transaction: the reminder to an MBO that did not
 * acknowledge in time, the escalation to the VO school, and the RMC signal. Each step first claims its rows with
 * {@code select ... for update skip locked} and a predicate that only an unhandled row meets, then marks them in the
 * same transaction as the notification enters the message ledger under a deterministic messageId: another instance
 * skips or no longer sees the rows, and a restart finds them marked.
 */
@Service
public class TransferDeadlines {

    private static final Logger log = LoggerFactory.getLogger(TransferDeadlines.class);

    static final String RMC_SIGNALLED = "signalled";
    static final String RMC_ENROLLED = "enrolled";
    static final String RMC_NOT_ELIGIBLE = "not-eligible";
    static final String RMC_NO_GEMEENTE = "no-gemeente-partner";

    private final TransferRepository repository;
    private final TransferCorrelator correlator;
    private final TransferNotifications notifications;
    private final GemeenteNotices gemeenteNotices;
    private final PartnerRepository partners;
    private final HubOutbox outbox;
    private final WorkingDays workingDays;
    private final Clock clock;
    private final TrackingProperties properties;

    public TransferDeadlines(TransferRepository repository, TransferCorrelator correlator, TransferNotifications notifications,
            GemeenteNotices gemeenteNotices, PartnerRepository partners, HubOutbox outbox, WorkingDays workingDays,
            Clock clock, TrackingProperties properties) {
        this.repository = repository;
        this.correlator = correlator;
        this.notifications = notifications;
        this.gemeenteNotices = gemeenteNotices;
        this.partners = partners;
        this.outbox = outbox;
        this.workingDays = workingDays;
        this.clock = clock;
        this.properties = properties;
    }

    /** Today in the tracking time zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), properties.zone());
    }

    /** Reminds the MBO of one overdue transfer, unless another instance did or does; true when this call sent it. */
    @Transactional
    public boolean remind(String transferId, LocalDate today) {
        Optional<Transfer> claimed = repository.claimForReminder(transferId, today);
        if (claimed.isEmpty()) {
            return false;
        }
        Transfer t = claimed.get();
        Instant now = clock.instant();
        LocalDate escalationDue = workingDays.plus(today, properties.escalationAfterDays());
        Decision d = TransferStateMachine.dossierEvent(t, TransferState.OVERDUE, true);
        Map<String, Object> facts = new HashMap<>();
        facts.put("reminder_sent_at", now);
        facts.put("escalation_due_date", escalationDue);
        correlator.write(t, d, "overdue", "deadline scan", null, facts, now);
        Transfer overdue = repository.find(t.id()).orElseThrow();
        String messageId = TransferNotifications.reminderId(t);
        String trackingId = outbox.send(messageId, MessageType.NOTIFICATION, t.mboOin(), t.dossierMessageId(),
                notifications.reminder(overdue, student(t)));
        repository.addEvent(t.id(), now, "reminder-sent", Outcome.RECORDED, overdue.state(), overdue.state(),
                "deadline scan", trackingId, "reminder " + messageId + " to the MBO institution; escalation to the VO school "
                        + "after " + escalationDue);
        log.info("transfer {} overdue since {}: reminder {} to {}", t.id(), t.ackDueDate(), trackingId, t.mboOin());
        return true;
    }

    /** Escalates one still unacknowledged transfer to the VO school; true when this call sent it. */
    @Transactional
    public boolean escalate(String transferId, LocalDate today) {
        Optional<Transfer> claimed = repository.claimForEscalation(transferId, today);
        if (claimed.isEmpty()) {
            return false;
        }
        Transfer t = claimed.get();
        Instant now = clock.instant();
        Map<String, Object> facts = new HashMap<>();
        facts.put("escalated_at", now);
        repository.update(t.id(), facts, now);
        String messageId = TransferNotifications.escalationId(t);
        String trackingId = outbox.send(messageId, MessageType.NOTIFICATION, t.voOin(), t.dossierMessageId(),
                notifications.escalation(t, student(t)));
        repository.addEvent(t.id(), now, "escalated", Outcome.RECORDED, t.state(), t.state(), "deadline scan", trackingId,
                "escalation " + messageId + " to the VO school: no acknowledgement since the reminder of "
                        + LocalDate.ofInstant(t.reminderSentAt(), properties.zone()));
        log.info("transfer {} still unacknowledged: escalation {} to {}", t.id(), trackingId, t.voOin());
        return true;
    }

    /**
     * Checks one student's transfers of one school year at the RMC deadline: signalled to the gemeente of residence
     * unless enrolled somewhere, or not the RMC's concern (a startkwalificatie, or at the notice age). True when this
     * call signalled.
     */
    @Transactional
    public boolean checkRmc(TransferRepository.RmcGroup group) {
        List<Transfer> claimed = repository.claimForRmcCheck(group);
        if (claimed.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        LocalDate deadline = SchoolYears.rmcDeadline(group.schoolYear(), properties.rmcDeadlineMonthDay());
        if (repository.enrolled(group)) {
            claimed.forEach(t -> close(t, RMC_ENROLLED, t.state() == TransferState.ENROLLED ? "enrolled by the RMC deadline"
                    : "enrolled at another MBO institution by the RMC deadline: no signal", now));
            return false;
        }
        Optional<StudentRef> student = notifications.student(
                repository.newestStudent(claimed.stream().map(Transfer::id).toList()).orElse(null));
        if (student.isEmpty()) {
            log.error("transfers of subject {} in {} have no student reference: no RMC signal",
                    Pseudonymizer.shortForm(group.studentPseudonym()), group.schoolYear());
            return false;
        }
        if (!gemeenteNotices.concernsGemeente(student.get(), deadline)) {
            claimed.forEach(t -> close(t, RMC_NOT_ELIGIBLE, "not the RMC's concern: a startkwalificatie, or "
                    + properties.noticeMaxAge() + " or older on " + deadline, now));
            return false;
        }
        String gemeentecode = student.get().gemeentecode();
        List<Partner> gemeenten = gemeentecode == null ? List.of() : partners.findGemeente(gemeentecode);
        if (gemeenten.isEmpty()) {
            // retried on every scan until the gemeente is in the partner directory; told once
            for (Transfer t : claimed) {
                if (!RMC_NO_GEMEENTE.equals(t.rmcOutcome())) {
                    Map<String, Object> facts = new HashMap<>();
                    facts.put("rmc_outcome", RMC_NO_GEMEENTE);
                    repository.update(t.id(), facts, now);
                    repository.addEvent(t.id(), now, "rmc-signal-pending", Outcome.RECORDED, t.state(), t.state(), "rmc scan",
                            null, gemeentecode == null
                                    ? "no gemeente of residence is known (the dossier named none the hub could"
                                            + " resolve): signalled once a message names it"
                                    : "no gemeente partner for gemeentecode " + gemeentecode + ": signalled once it is registered");
                    log.warn("transfer {} is due for an RMC signal but no gemeente partner has gemeentecode {}", t.id(),
                            gemeentecode == null ? "(none known)" : gemeentecode);
                }
            }
            return false;
        }
        Notification signal = notifications.rmcSignal(claimed, student.get(), deadline);
        StringBuilder sent = new StringBuilder();
        for (Partner gemeente : gemeenten) {
            String messageId = rmcSignalId(group, gemeente.oin());
            String trackingId = outbox.send(messageId, MessageType.NOTIFICATION, gemeente.oin(), null, signal);
            sent.append(sent.isEmpty() ? "" : ", ").append(messageId).append(" (").append(trackingId).append(") to ")
                    .append(gemeente.oin());
        }
        for (Transfer t : claimed) {
            Decision d = TransferStateMachine.signal(t);
            Map<String, Object> facts = new HashMap<>();
            facts.put("signalled_at", now);
            facts.put("rmc_checked_at", now);
            facts.put("rmc_outcome", RMC_SIGNALLED);
            if (!d.changesFacts()) {
                repository.update(t.id(), facts, now);
            }
            correlator.write(t, new Decision(d.outcome(), d.state(), d.dossierState(), d.reason() + " (" + deadline
                    + ", gemeentecode " + gemeentecode + "): " + sent), "signalled", "rmc scan", null, facts, now);
        }
        log.info("RMC signal for subject {} ({}): {}", Pseudonymizer.shortForm(group.studentPseudonym()),
                group.schoolYear(), sent);
        return true;
    }

    /** The signal's messageId: one per student, school year and gemeente, whichever instance or transfer sends it. */
    static String rmcSignalId(TransferRepository.RmcGroup group, String gemeenteOin) {
        return "rmc-signal-" + Hashes.sha256(group.studentPseudonym() + "|" + group.schoolYear() + "|" + gemeenteOin)
                .substring(0, 40);
    }

    private void close(Transfer t, String outcome, String detail, Instant now) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("rmc_checked_at", now);
        facts.put("rmc_outcome", outcome);
        repository.update(t.id(), facts, now);
        repository.addEvent(t.id(), now, "rmc-checked", Outcome.RECORDED, t.state(), t.state(), "rmc scan", null, detail);
    }

    /** Records a dossier delivery the delivery listener missed (the ledger could not be written at the time). */
    @Transactional
    public void catchUp(String dossierTrackingId, String mboOin, Instant deliveredAt) {
        correlator.delivered(dossierTrackingId, mboOin, DeliveryKind.PRIMARY, deliveredAt);
    }

    private Optional<StudentRef> student(Transfer t) {
        return notifications.student(repository.student(t.id()).orElse(null));
    }
}
