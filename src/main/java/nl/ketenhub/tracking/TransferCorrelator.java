package nl.ketenhub.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import nl.ketenhub.canonical.Ids;
import java.util.stream.Collectors;
import nl.ketenhub.canonical.Acknowledgement;
import nl.ketenhub.canonical.ApplicationStatus;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.EnrolmentNotice;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.ExpectedTransfer;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.canonical.School;
import nl.ketenhub.canonical.SchoolYears;
import nl.ketenhub.canonical.StudentRef;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.delivery.GateDecision;
import nl.ketenhub.ledger.DeliveryKind;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageRecord;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.PartnerRepository;
import nl.ketenhub.pseudonym.Pseudonymizer;
import nl.ketenhub.tracking.TransferStateMachine.Decision;
import nl.ketenhub.tracking.TransferStateMachine.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transfer correlator: correlates dossiers, expected-transfer reports, application statuses, acknowledgements and
 * delivery outcomes with their transfer, runs every event through the {@link TransferStateMachine}, and writes the
 * history. Every method runs in one database transaction and locks the transfer rows it changes; a partner message
 * first locks its students' rows, so concurrent messages about one student, on any hub instance, take turns.
 */
@Service
public class TransferCorrelator {

    private static final Logger log = LoggerFactory.getLogger(TransferCorrelator.class);

    private final TransferRepository repository;
    private final PartnerRepository partners;
    private final MessageLedger messages;
    private final Pseudonymizer pseudonymizer;
    private final WorkingDays workingDays;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final TrackingProperties properties;

    public TransferCorrelator(TransferRepository repository, PartnerRepository partners, MessageLedger messages,
            Pseudonymizer pseudonymizer, WorkingDays workingDays, ObjectMapper mapper, Clock clock,
            TrackingProperties properties) {
        this.repository = repository;
        this.partners = partners;
        this.messages = messages;
        this.pseudonymizer = pseudonymizer;
        this.workingDays = workingDays;
        this.mapper = mapper;
        this.clock = clock;
        this.properties = properties;
    }

    /** Whether the ledger follows messages of this type. */
    public static boolean follows(MessageType type) {
        return type == MessageType.TRANSFER_DOSSIER || type == MessageType.EXPECTED_TRANSFER
                || type == MessageType.APPLICATION_STATUS || type == MessageType.ACKNOWLEDGEMENT
                || type == MessageType.ENROLMENT_NOTICE;
    }

    /**
     * Applies a routed partner message, once per tracking id (a redelivery finds it applied and does nothing).
     *
     * <p>Nested: it runs inside the core step's transaction, behind a savepoint. When it fails, what it wrote is
     * rolled back to that savepoint and the step goes on routing the message (tracking must not stop a delivery); as a
     * plain member of the step's transaction, its failure would have marked the whole step for rollback.
     */
    @Transactional(propagation = Propagation.NESTED)
    public void apply(String trackingId, Envelope e) {
        if (!follows(e.type())) {
            return;
        }
        // One message about a student at a time: a status must not look for its transfer while the dossier that
        // creates it is still uncommitted (it would find none, and the dossier would find no pending status).
        repository.lockStudents(studentsOf(e));
        if (!repository.markApplied(trackingId, clock.instant())) {
            log.debug("{} was already applied to the transfer ledger", trackingId);
            return;
        }
        switch (e.type()) {
            case TRANSFER_DOSSIER -> onDossier(trackingId, e);
            case EXPECTED_TRANSFER -> onExpected(trackingId, e);
            case APPLICATION_STATUS -> onStatus(trackingId, e);
            case ACKNOWLEDGEMENT -> onAcknowledgement(trackingId, e);
            case ENROLMENT_NOTICE -> onEnrolmentNotice(trackingId, e);
            default -> { }
        }
    }

    /** The pseudonyms of the students a message is about (none for an acknowledgement: it names its dossier). */
    private List<String> studentsOf(Envelope e) {
        return switch (e.type()) {
            case TRANSFER_DOSSIER -> List.of(pseudonymizer.pseudonym(
                    e.payloadAs(mapper, TransferDossier.Summary.class).student().id()));
            case APPLICATION_STATUS -> List.of(pseudonymizer.pseudonym(
                    e.payloadAs(mapper, ApplicationStatus.class).student().id()));
            case ENROLMENT_NOTICE -> List.of(pseudonymizer.pseudonym(
                    e.payloadAs(mapper, EnrolmentNotice.class).student().id()));
            case EXPECTED_TRANSFER -> e.payloadAs(mapper, ExpectedTransfer.class).leavers().stream()
                    .map(l -> pseudonymizer.pseudonym(l.student().id())).distinct().toList();
            default -> List.of();
        };
    }

    // ---- dossiers ----

    private void onDossier(String trackingId, Envelope e) {
        Optional<Partner> mbo = partners.findByOin(e.recipient()).filter(p -> p.kind() == PartnerKind.MBO);
        if (mbo.isEmpty()) {
            return; // a VO-to-VO dossier is no VO-to-MBO transfer
        }
        TransferDossier.Summary dossier = e.payloadAs(mapper, TransferDossier.Summary.class);
        String student = pseudonymizer.pseudonym(dossier.student().id());
        String cause = cause(e);
        Instant now = clock.instant();
        String mboBrin = dossier.receivingSchool() != null ? dossier.receivingSchool().brin() : mbo.get().brin();
        Key key = new Key(student, e.sender(), e.recipient(), dossier.schoolYear());
        Resolved r = resolve(key, brin(dossier.school()), mboBrin, TransferState.RECEIVED, cause, trackingId);
        Map<String, Object> facts = new HashMap<>();
        facts.put("dossier_tracking_id", trackingId);
        facts.put("dossier_message_id", e.messageId());
        facts.put("dossier_received_at", now);
        facts.put("dossier_state", TransferState.RECEIVED.name());
        // a new version of the dossier needs its own forwarding, delivery and acknowledgement
        for (String column : List.of("forwarded_at", "delivered_at", "ack_due_date", "acknowledged_at", "rejected_at",
                "rejection_code", "rejection_reason", "reminder_sent_at", "escalation_due_date", "escalated_at",
                "held_categories")) {
            facts.put(column, null);
        }
        if (r.created()) {
            repository.update(r.transfer().id(), facts, now);
            repository.addEvent(r.transfer().id(), now, "dossier-received", Outcome.APPLIED, null, TransferState.RECEIVED,
                    cause, trackingId, "transfer created by the VO school's dossier");
        } else {
            Decision d = TransferStateMachine.dossierEvent(r.transfer(), TransferState.RECEIVED, true);
            write(r.transfer(), d, "dossier-received", cause, trackingId, facts, now);
        }
        repository.saveStudent(r.transfer().id(), json(dossier.student().ref()), sentAt(e, now));
        applyPending(key.student(), key.voOin(), key.schoolYear());
    }

    // ---- expected-transfer reports ----

    private void onExpected(String trackingId, Envelope e) {
        ExpectedTransfer report = e.payloadAs(mapper, ExpectedTransfer.class);
        String cause = cause(e);
        Instant now = clock.instant();
        // in pseudonym order, so two reports about the same students lock their rows in the same order
        List<ExpectedTransfer.Leaver> leavers = report.leavers().stream()
                .sorted(Comparator.comparing(l -> pseudonymizer.pseudonym(l.student().id())))
                .toList();
        for (ExpectedTransfer.Leaver leaver : leavers) {
            String student = pseudonymizer.pseudonym(leaver.student().id());
            Optional<Partner> mbo = resolveSchool(leaver.mboSchool(), PartnerKind.MBO);
            List<Transfer> touched;
            if (mbo.isPresent()) {
                Key key = new Key(student, e.sender(), mbo.get().oin(), report.schoolYear());
                Resolved r = resolve(key, brin(report.voSchool()), brinOr(leaver.mboSchool(), mbo.get()),
                        TransferState.EXPECTED, cause, trackingId);
                touched = List.of(r.transfer());
                expected(r, leaver, cause, trackingId, now);
            } else {
                List<Transfer> all = repository.lockAll(student, e.sender(), report.schoolYear());
                if (all.isEmpty()) {
                    Transfer created = create(new Key(student, e.sender(), null, report.schoolYear()), brin(report.voSchool()),
                            leaver.mboSchool() == null ? null : leaver.mboSchool().brin(), TransferState.EXPECTED, now);
                    expected(new Resolved(created, true), leaver, cause, trackingId, now);
                    touched = List.of(created);
                } else {
                    all.forEach(t -> expected(new Resolved(t, false), leaver, cause, trackingId, now));
                    touched = all;
                }
            }
            touched.forEach(t -> repository.saveStudent(t.id(), json(leaver.student()), sentAt(e, now)));
            applyPending(student, e.sender(), report.schoolYear());
        }
    }

    private void expected(Resolved r, ExpectedTransfer.Leaver leaver, String cause, String trackingId, Instant now) {
        Map<String, Object> facts = new HashMap<>();
        if (leaver.expectedLeavingDate() != null) {
            facts.put("expected_leaving_date", leaver.expectedLeavingDate());
            repository.update(r.transfer().id(), facts, now);
        }
        if (r.created()) {
            repository.addEvent(r.transfer().id(), now, "expected-reported", Outcome.APPLIED, null, TransferState.EXPECTED,
                    cause, trackingId, "reported by the VO school as expected to go to MBO");
        } else {
            repository.addEvent(r.transfer().id(), now, "expected-reported", Outcome.RECORDED, r.transfer().state(),
                    r.transfer().state(), cause, trackingId, "reported as expected to go to MBO; the transfer was already known");
        }
    }

    // ---- application statuses ----

    private void onStatus(String trackingId, Envelope e) {
        ApplicationStatus status = e.payloadAs(mapper, ApplicationStatus.class);
        Optional<String> vo = partners.findByOin(e.recipient()).filter(p -> p.kind() == PartnerKind.VO).map(Partner::oin)
                .or(() -> resolveSchool(status.voSchool(), PartnerKind.VO).map(Partner::oin));
        if (vo.isEmpty()) {
            log.info("application status {} names a VO school that is not in the partner directory: not tracked", trackingId);
            return;
        }
        String student = pseudonymizer.pseudonym(status.student().id());
        Instant now = clock.instant();
        String cause = cause(e);
        Optional<Transfer> transfer = correlateStatus(student, vo.get(), e.sender(), brin(status.mboSchool()),
                status.schoolYear(), cause, trackingId, now);
        if (transfer.isEmpty()) {
            repository.addPending(new TransferRepository.Pending(trackingId, student, vo.get(), e.sender(),
                    status.schoolYear(), status.status(), status.statusDate(), e.messageId(), now));
            log.debug("application status {} (subject {}) arrived before its transfer: kept until the dossier or report arrives",
                    trackingId, Pseudonymizer.shortForm(student));
            return;
        }
        applyStatus(transfer.get(), status.status(), status.statusDate(), cause, trackingId, now);
        repository.saveStudent(transfer.get().id(), json(status.student()), sentAt(e, now));
    }

    /**
     * Whether the transfer ledger will ignore this application status: a repeat of the transfer's current status, or
     * older than it. Such a status is still delivered to the VO school it is addressed to, but the gemeente is not
     * told about a status the hub itself does not follow. Locks the candidate transfers, as applying the status later
     * in the same transaction does, so the answer holds until then.
     */
    public boolean ignoresStatus(Envelope e) {
        ApplicationStatus status = e.payloadAs(mapper, ApplicationStatus.class);
        Optional<String> vo = partners.findByOin(e.recipient()).filter(p -> p.kind() == PartnerKind.VO).map(Partner::oin)
                .or(() -> resolveSchool(status.voSchool(), PartnerKind.VO).map(Partner::oin));
        if (vo.isEmpty()) {
            return false;
        }
        String student = pseudonymizer.pseudonym(status.student().id());
        List<String> years = List.of(status.schoolYear(), SchoolYears.previous(status.schoolYear()));
        if (!repository.anyTransfer(student, vo.get(), years)) {
            return false;
        }
        List<Transfer> candidates = repository.lockAll(student, vo.get(), years);
        for (String year : years) {
            Optional<Transfer> exact = candidates.stream()
                    .filter(t -> t.schoolYear().equals(year) && e.sender().equals(t.mboOin())).findFirst();
            if (exact.isPresent()) {
                return TransferStateMachine.statusEvent(exact.get(), status.status(), status.statusDate()).outcome()
                        == Outcome.IGNORED;
            }
        }
        return false;
    }

    /**
     * Finds the transfer a status belongs to. A status may name the school year the student leaves VO or the one the
     * MBO programme starts in; it may identify the MBO of a transfer reported without one; and for a known leaver
     * it opens a transfer at another MBO institution. Empty when the student's transfer is not known yet.
     */
    private Optional<Transfer> correlateStatus(String student, String voOin, String mboOin, String mboBrin, String schoolYear,
            String cause, String trackingId, Instant now) {
        List<String> years = List.of(schoolYear, SchoolYears.previous(schoolYear));
        if (!repository.anyTransfer(student, voOin, years)) {
            return Optional.empty();
        }
        // one statement locks every candidate; the loops below keep the order of preference
        List<Transfer> candidates = repository.lockAll(student, voOin, years);
        for (String year : years) {
            Optional<Transfer> exact = candidates.stream()
                    .filter(t -> t.schoolYear().equals(year) && java.util.Objects.equals(mboOin, t.mboOin())).findFirst();
            if (exact.isPresent()) {
                return exact;
            }
        }
        for (String year : years) {
            Optional<Transfer> unknown = candidates.stream()
                    .filter(t -> t.schoolYear().equals(year) && t.mboOin() == null).findFirst();
            if (unknown.isPresent()) {
                return Optional.of(identifyMbo(unknown.get(), mboOin, mboBrin, cause, trackingId, now));
            }
        }
        for (String year : years) {
            if (candidates.stream().anyMatch(t -> t.schoolYear().equals(year))) {
                Transfer created = create(new Key(student, voOin, mboOin, year), null, mboBrin, TransferState.EXPECTED, now);
                repository.addEvent(created.id(), now, "created", Outcome.APPLIED, null, TransferState.EXPECTED, cause,
                        trackingId, "an application status for a known leaver at another MBO institution");
                return Optional.of(created);
            }
        }
        return Optional.empty();
    }

    private void applyStatus(Transfer t, ApplicationStatus.Status status, LocalDate statusDate, String cause,
            String trackingId, Instant now) {
        Decision d = TransferStateMachine.statusEvent(t, status, statusDate);
        Map<String, Object> facts = new HashMap<>();
        facts.put("application_status", status.name());
        facts.put("status_date", statusDate);
        write(t, d, "application-status", cause, trackingId, facts, now);
    }

    /** Applies the statuses that arrived before the transfer of their student existed. */
    private void applyPending(String student, String voOin, String schoolYear) {
        List<String> years = List.of(schoolYear, SchoolYears.next(schoolYear));
        if (!repository.anyPending(student, voOin, years)) {
            return;
        }
        List<TransferRepository.Pending> waiting = repository.pending(student, voOin, years);
        for (TransferRepository.Pending p : waiting) {
            Instant now = clock.instant();
            String cause = MessageType.APPLICATION_STATUS.wireName() + " " + p.messageId();
            Optional<Transfer> t = correlateStatus(student, voOin, p.mboOin(), null, p.schoolYear(), cause, p.trackingId(), now);
            if (t.isPresent()) {
                repository.addEvent(t.get().id(), now, "correlated", Outcome.RECORDED, t.get().state(), t.get().state(), cause,
                        p.trackingId(), "a status that arrived before the transfer was known, received " + p.receivedAt());
                applyStatus(repository.lock(t.get().id()).orElseThrow(), p.status(), p.statusDate(), cause, p.trackingId(), now);
                repository.markPendingApplied(p.trackingId(), t.get().id(), now);
            }
        }
    }

    // ---- acknowledgements ----

    private void onAcknowledgement(String trackingId, Envelope e) {
        Optional<MessageRecord> dossier = messages.findRelated(e.relatesTo(), e.recipient(), e.sender())
                .filter(m -> MessageType.TRANSFER_DOSSIER.wireName().equals(m.type()));
        if (dossier.isEmpty()) {
            return; // an acknowledgement of something other than a dossier
        }
        Optional<Transfer> transfer = transferOfDossier(dossier.get());
        if (transfer.isEmpty()) {
            return;
        }
        Transfer t = transfer.get();
        Acknowledgement ack = e.payloadAs(mapper, Acknowledgement.class);
        Instant now = clock.instant();
        boolean current = dossier.get().trackingId().equals(t.dossierTrackingId());
        TransferState target = ack.accepted() ? TransferState.ACKNOWLEDGED : TransferState.REJECTED;
        Decision d = TransferStateMachine.dossierEvent(t, target, current);
        Map<String, Object> facts = new HashMap<>();
        if (ack.accepted()) {
            facts.put("acknowledged_at", now);
        } else {
            facts.put("rejected_at", now);
            facts.put("rejection_code", ack.reasonCode());
            facts.put("rejection_reason", ack.reason());
        }
        String event = ack.accepted() ? "acknowledged" : "rejected";
        String reason = ack.accepted() ? d.reason()
                : d.reason() + (ack.reasonCode() == null ? "" : " (reason code " + ack.reasonCode() + ")");
        write(t, new Decision(d.outcome(), d.state(), d.dossierState(), reason), event, cause(e), trackingId, facts, now);
    }

    /** The transfer a dossier message belongs to, locked: the current dossier, or an earlier version of it. */
    private Optional<Transfer> transferOfDossier(MessageRecord dossier) {
        Optional<Transfer> current = repository.lockByDossier(dossier.trackingId());
        if (current.isPresent()) {
            return current;
        }
        return messages.body(dossier.trackingId()).map(body -> read(body).payloadAs(mapper, TransferDossier.Summary.class))
                .flatMap(d -> repository.lockByKey(dossier.subjectPseudonym(), dossier.sender(), dossier.recipient(),
                        d.schoolYear()));
    }

    // ---- enrolment notices ----

    private void onEnrolmentNotice(String trackingId, Envelope e) {
        EnrolmentNotice notice = e.payloadAs(mapper, EnrolmentNotice.class);
        String student = pseudonymizer.pseudonym(notice.student().id());
        Instant now = clock.instant();
        for (Transfer t : repository.lockByStudentAndSchool(student, e.sender())) {
            String role = e.sender().equals(t.voOin()) ? "the VO school" : "the MBO institution";
            repository.addEvent(t.id(), now, "enrolment-notice", Outcome.RECORDED, t.state(), t.state(), cause(e), trackingId,
                    notice.kind() + " at " + role + ", effective " + notice.effectiveDate());
            repository.saveStudent(t.id(), json(notice.student()), sentAt(e, now));
        }
    }

    // ---- forwarding and delivery (from the delivery route) ----

    /** The consent gate decided on a dossier delivery to the MBO: forwarded, and which categories wait for consent. */
    @Transactional
    public void forwarded(DeliveryRecord delivery, GateDecision decision) {
        Optional<Transfer> found = repository.lockByDossier(delivery.trackingId())
                .filter(t -> delivery.recipient().equals(t.mboOin()));
        if (found.isEmpty()) {
            return;
        }
        Transfer t = found.get();
        Instant now = clock.instant();
        String cause = "delivery " + delivery.id();
        if (delivery.kind() == DeliveryKind.SUPPLEMENT) {
            Set<String> held = new LinkedHashSet<>(t.heldCategoryList());
            Set<String> released = names(decision.forwarded());
            held.removeAll(released);
            Map<String, Object> facts = new HashMap<>();
            facts.put("held_categories", held.isEmpty() ? null : String.join(",", held));
            repository.update(t.id(), facts, now);
            repository.addEvent(t.id(), now, "consent-released", Outcome.RECORDED, t.state(), t.state(), cause,
                    delivery.trackingId(), "released after consent: " + released + (held.isEmpty() ? "; nothing held any more"
                            : "; still held: " + held));
            return;
        }
        if (delivery.kind() != DeliveryKind.PRIMARY) {
            return;
        }
        Set<String> held = names(decision.held());
        String heldColumn = held.isEmpty() ? null : String.join(",", held);
        Decision d = TransferStateMachine.dossierEvent(t, TransferState.FORWARDED, true);
        boolean heldChanged = !Objects.equals(heldColumn, t.heldCategories());
        if (d.outcome() == Outcome.IGNORED && !heldChanged) {
            return; // a further delivery attempt of a dossier already forwarded
        }
        Map<String, Object> facts = new HashMap<>();
        facts.put("forwarded_at", now);
        facts.put("held_categories", heldColumn);
        String detail = "sent " + names(decision.forwarded()) + (held.isEmpty() ? "" : "; held for consent " + held)
                + (decision.dropped().isEmpty() ? "" : "; never sent " + names(decision.dropped()))
                + " (policy " + decision.policyVersion() + ")";
        if (d.outcome() == Outcome.IGNORED) {
            Map<String, Object> heldOnly = new HashMap<>();
            heldOnly.put("held_categories", heldColumn);
            repository.update(t.id(), heldOnly, now);
        } else {
            write(t, new Decision(d.outcome(), d.state(), d.dossierState(), detail), "forwarded", cause,
                    delivery.trackingId(), facts, now);
        }
        if (heldChanged && !held.isEmpty()) {
            repository.addEvent(t.id(), now, "held-for-consent", Outcome.RECORDED, d.state(), d.state(), cause,
                    delivery.trackingId(), "categories waiting for consent: " + held
                            + "; the legal-basis part went to the MBO");
        }
    }

    /** The MBO's system accepted a delivery of the dossier: the transport acknowledgement starts the deadline. */
    @Transactional
    public void delivered(String trackingId, String recipient, DeliveryKind kind, Instant at) {
        Optional<Transfer> found = repository.lockByDossier(trackingId).filter(t -> recipient.equals(t.mboOin()));
        if (found.isEmpty()) {
            return;
        }
        Transfer t = found.get();
        Instant now = clock.instant();
        if (kind == DeliveryKind.SUPPLEMENT) {
            repository.addEvent(t.id(), now, "supplement-delivered", Outcome.RECORDED, t.state(), t.state(),
                    "delivery succeeded", trackingId, "categories released after consent reached the MBO");
            return;
        }
        if (kind != DeliveryKind.PRIMARY) {
            return;
        }
        Decision d = TransferStateMachine.dossierEvent(t, TransferState.DELIVERED, true);
        Map<String, Object> facts = new HashMap<>();
        facts.put("delivered_at", at);
        String reason = d.reason();
        if (d.dossierState() == TransferState.DELIVERED) {
            int days = partners.findByOin(t.mboOin()).map(Partner::ackPeriodDays).orElse(10);
            LocalDate due = workingDays.plus(LocalDate.ofInstant(at, properties.zone()), days);
            facts.put("ack_due_date", due);
            reason = reason + "; acknowledgement due by " + due + " (" + days + " working days)";
        }
        write(t, new Decision(d.outcome(), d.state(), d.dossierState(), reason), "delivered", "transport acknowledgement",
                trackingId, facts, now);
    }

    // ---- shared ----

    /**
     * Writes a decision: the facts and the new states when it changes facts, the history entry always (a refusal is
     * also logged).
     */
    void write(Transfer t, Decision d, String event, String cause, String causeTrackingId, Map<String, Object> facts,
            Instant now) {
        if (d.changesFacts()) {
            Map<String, Object> columns = new HashMap<>(facts);
            columns.put("state", d.state().name());
            columns.put("dossier_state", d.dossierState() == null ? null : d.dossierState().name());
            repository.update(t.id(), columns, now);
        }
        if (d.outcome() == Outcome.REFUSED) {
            log.warn("transfer {} refused {} in state {} ({}): {}", t.id(), event, t.state().wireName(), cause, d.reason());
        }
        repository.addEvent(t.id(), now, event, d.outcome(), t.state(), d.state(), cause, causeTrackingId, d.reason());
    }

    /** A transfer's key: one student, VO school, MBO institution (null: not known) and school year. */
    record Key(String student, String voOin, String mboOin, String schoolYear) {}

    /** A transfer found or created for a message. */
    record Resolved(Transfer transfer, boolean created) {}

    /**
     * The transfer for a message that may create one: the one with this key; else the student's transfer from that
     * VO school without a known MBO, which now learns its MBO; else a new one.
     */
    private Resolved resolve(Key key, String voBrin, String mboBrin, TransferState initial, String cause, String trackingId) {
        Optional<Transfer> exact = repository.lockByKey(key.student(), key.voOin(), key.mboOin(), key.schoolYear());
        if (exact.isPresent()) {
            return new Resolved(exact.get(), false);
        }
        Instant now = clock.instant();
        Optional<Transfer> unknown = repository.lockByKey(key.student(), key.voOin(), null, key.schoolYear());
        if (unknown.isPresent()) {
            return new Resolved(identifyMbo(unknown.get(), key.mboOin(), mboBrin, cause, trackingId, now), false);
        }
        return new Resolved(create(key, voBrin, mboBrin, initial, now), true);
    }

    private Transfer create(Key key, String voBrin, String mboBrin, TransferState initial, Instant now) {
        String id = Ids.next();
        String vBrin = voBrin != null ? voBrin : partners.findByOin(key.voOin()).map(Partner::brin).orElse(null);
        String mBrin = mboBrin != null || key.mboOin() == null ? mboBrin
                : partners.findByOin(key.mboOin()).map(Partner::brin).orElse(null);
        repository.insertIfAbsent(new TransferRepository.NewTransfer(id, key.student(), key.voOin(), vBrin, key.mboOin(),
                mBrin, key.schoolYear(), initial, now));
        // another message may have created it a moment earlier: then that one is it
        return repository.lockByKey(key.student(), key.voOin(), key.mboOin(), key.schoolYear()).orElseThrow();
    }

    private Transfer identifyMbo(Transfer t, String mboOin, String mboBrin, String cause, String trackingId, Instant now) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("mbo_oin", mboOin);
        facts.put("mbo_brin", mboBrin != null ? mboBrin : partners.findByOin(mboOin).map(Partner::brin).orElse(null));
        repository.update(t.id(), facts, now);
        repository.addEvent(t.id(), now, "mbo-identified", Outcome.RECORDED, t.state(), t.state(), cause, trackingId,
                "the MBO institution of this expected transfer is " + mboOin);
        return repository.lock(t.id()).orElseThrow();
    }

    /** A school named in a payload, found in the partner directory by OIN, else by BRIN. */
    private Optional<Partner> resolveSchool(School school, PartnerKind kind) {
        if (school == null) {
            return Optional.empty();
        }
        Optional<Partner> byOin = school.oin() == null ? Optional.empty() : partners.findByOin(school.oin());
        return byOin.or(() -> school.brin() == null ? Optional.empty() : partners.findByBrin(school.brin()))
                .filter(p -> p.kind() == kind);
    }

    private static String brinOr(School school, Partner partner) {
        return school != null && school.brin() != null ? school.brin() : partner.brin();
    }

    private static String brin(School school) {
        return school == null ? null : school.brin();
    }

    private static Set<String> names(Set<DataCategory> categories) {
        EnumSet<DataCategory> ordered = categories.isEmpty() ? EnumSet.noneOf(DataCategory.class) : EnumSet.copyOf(categories);
        return ordered.stream().map(DataCategory::wireName).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static String cause(Envelope e) {
        return e.type().wireName() + " " + e.messageId();
    }

    private static Instant sentAt(Envelope e, Instant fallback) {
        return e.sentAt() != null ? e.sentAt() : fallback;
    }

    private String json(StudentRef student) {
        try {
            return mapper.writeValueAsString(student);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write a student reference", ex);
        }
    }

    private Envelope read(String body) {
        try {
            return mapper.readValue(body, Envelope.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a ledger body no longer binds", ex);
        }
    }
}
