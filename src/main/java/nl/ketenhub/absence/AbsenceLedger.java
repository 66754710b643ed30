package nl.ketenhub.absence;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.ketenhub.canonical.Ids;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.canonical.Notification;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageRecord;
import nl.ketenhub.routing.HubOutbox;
import nl.ketenhub.routing.MessageObserver;
import nl.ketenhub.tracking.TrackingProperties;
import nl.ketenhub.tracking.WorkingDays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The absence ledger: one row per report, created when the core routes it, moved by its delivery to the gemeente,
 * by the gemeente's follow-ups and by the school's withdrawal. Each step is applied once per message (a redelivery
 * finds it recorded) and recorded in the history even when it does not move the state: a follow-up that arrives
 * after a later one, or after a withdrawal, is kept without moving the state back.
 */
@Service
public class AbsenceLedger implements MessageObserver {

    private static final Logger log = LoggerFactory.getLogger(AbsenceLedger.class);

    private final AbsenceRepository repository;
    private final MessageLedger messages;
    private final WorkingDays workingDays;
    private final HubOutbox outbox;
    private final Clock clock;
    private final TrackingProperties tracking;
    private final AbsenceProperties properties;

    public AbsenceLedger(AbsenceRepository repository, MessageLedger messages, WorkingDays workingDays, HubOutbox outbox,
            Clock clock, TrackingProperties tracking, AbsenceProperties properties) {
        this.repository = repository;
        this.messages = messages;
        this.workingDays = workingDays;
        this.outbox = outbox;
        this.clock = clock;
        this.tracking = tracking;
        this.properties = properties;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), tracking.zone());
    }

    /**
     * Called by the core inside its broker transaction. A follow-up or withdrawal whose report the core has not routed
     * yet (both handled at the same moment) fails the step: the broker redelivers it once the report is recorded.
     */
    @Override
    @Transactional
    public void routed(String trackingId, Envelope envelope, List<DeliveryRecord> deliveries) {
        switch (envelope.type()) {
            case ABSENCE_REPORT -> report(trackingId, envelope);
            case ABSENCE_FOLLOW_UP -> followUp(trackingId, envelope);
            case ABSENCE_WITHDRAWAL -> withdrawal(trackingId, envelope);
            default -> { }
        }
    }

    private void report(String trackingId, Envelope e) {
        MessageRecord record = messages.find(trackingId)
                .orElseThrow(() -> new IllegalStateException("no ledger entry for " + trackingId));
        JsonNode p = e.payload();
        JsonNode period = p.path("period");
        LocalDate start = LocalDate.parse(period.path("startDate").asText());
        LocalDate end = LocalDate.parse(period.path("endDate").asText());
        LocalDate threshold = period.path("thresholdReachedOn").isTextual()
                ? LocalDate.parse(period.get("thresholdReachedOn").asText()) : null;
        LocalDate reportedOn = LocalDate.ofInstant(record.receivedAt(), tracking.zone());
        LocalDate due = workingDays.plus(threshold != null ? threshold : end, properties.reportWithinSchoolDays());
        boolean late = reportedOn.isAfter(due);
        Instant now = clock.instant();
        AbsenceReport r = new AbsenceReport(Ids.next(), trackingId, e.messageId(), e.sender(),
                e.recipient(), p.path("function").asText(), p.path("kind").asText(), record.subjectPseudonym(),
                p.at("/school/brin").asText(), p.at("/school/vestigingscode").asText(),
                p.at("/student/gemeentecode").asText(), p.path("schoolYear").asText(), start, end, threshold,
                p.path("hoursMissed").isNumber() ? p.get("hoursMissed").decimalValue() : null,
                p.path("lessonsMissed").isNumber() ? p.get("lessonsMissed").asInt() : null, reportedOn, due, late,
                AbsenceState.SENT, null, null, null, null, null, null, null, null, null, now, now);
        if (!repository.insert(r)) {
            return; // a redelivery: recorded the first time
        }
        repository.addEvent(r.id(), now, "reported", null, AbsenceState.SENT, trackingId, r.kind() + " for "
                + r.function() + " at " + r.brin() + r.vestigingscode() + ", received " + reportedOn + ", due by " + due
                + (threshold != null ? " (5 school days after the threshold of " + threshold + ")"
                        : " (5 school days after the end of the period " + end + ")"));
        if (late) {
            repository.addEvent(r.id(), now, "reported-late", AbsenceState.SENT, AbsenceState.SENT, trackingId,
                    "received " + reportedOn + ", after its due date " + due);
        }
    }

    private AbsenceReport reportOf(Envelope e, String school) {
        return repository.lockByMessage(school, e.relatesTo()).orElseThrow(() -> new IllegalStateException(
                e.type().wireName() + " " + e.messageId() + " arrived before its report " + e.relatesTo()
                        + " was recorded: retried by redelivery"));
    }

    private void followUp(String trackingId, Envelope e) {
        AbsenceReport r = reportOf(e, e.recipient());
        if (repository.hasEvent(r.id(), "follow-up", trackingId)) {
            return;
        }
        Instant now = clock.instant();
        String status = e.payload().path("status").asText();
        LocalDate statusDate = LocalDate.parse(e.payload().path("statusDate").asText());
        String code = e.payload().path("code").isTextual() ? e.payload().get("code").asText() : null;
        AbsenceState target = AbsenceState.ofFollowUp(status);
        Instant acknowledged = r.acknowledgedAt() != null ? r.acknowledgedAt() : now;
        String detail = status + (code == null ? "" : " (" + code + ")") + " of " + statusDate;
        if (r.state() == AbsenceState.WITHDRAWN) {
            repository.addEvent(r.id(), now, "follow-up", r.state(), r.state(), trackingId,
                    detail + ": after the school withdrew the report; state kept");
            return;
        }
        if (target.isAfter(r.state())) {
            repository.update(r.id(), target, r.deliveredAt(), r.ackDueDate(), acknowledged, status, statusDate, code,
                    target == AbsenceState.CLOSED ? now : r.closedAt(), null, now);
            repository.addEvent(r.id(), now, "follow-up", r.state(), target, trackingId, detail);
        } else {
            repository.update(r.id(), r.state(), r.deliveredAt(), r.ackDueDate(), acknowledged, r.followUpStatus(),
                    r.followUpDate(), r.followUpCode(), r.closedAt(), null, now);
            repository.addEvent(r.id(), now, "follow-up", r.state(), r.state(), trackingId,
                    detail + ": arrived after a later step (" + r.state().wireName() + "); recorded, state kept");
        }
    }

    private void withdrawal(String trackingId, Envelope e) {
        AbsenceReport r = reportOf(e, e.sender());
        if (repository.hasEvent(r.id(), "withdrawn", trackingId)) {
            return;
        }
        Instant now = clock.instant();
        if (r.state() == AbsenceState.WITHDRAWN) {
            repository.addEvent(r.id(), now, "withdrawn", r.state(), r.state(), trackingId, "withdrawn again; state kept");
            return;
        }
        repository.update(r.id(), AbsenceState.WITHDRAWN, r.deliveredAt(), r.ackDueDate(), r.acknowledgedAt(),
                r.followUpStatus(), r.followUpDate(), r.followUpCode(), r.closedAt(), now, now);
        repository.addEvent(r.id(), now, "withdrawn", r.state(), AbsenceState.WITHDRAWN, trackingId,
                "withdrawn by the school on " + e.payload().path("withdrawnOn").asText());
    }

    /** The gemeente's system accepted the report: its acknowledgement period starts. */
    @Transactional
    public void delivered(String trackingId, Instant at) {
        Optional<AbsenceReport> found = repository.lockByTrackingId(trackingId);
        if (found.isEmpty() || found.get().deliveredAt() != null) {
            return;
        }
        AbsenceReport r = found.get();
        LocalDate ackDue = workingDays.plus(LocalDate.ofInstant(at, tracking.zone()), properties.ackWithinWorkingDays());
        AbsenceState state = r.state() == AbsenceState.SENT ? AbsenceState.DELIVERED : r.state();
        repository.update(r.id(), state, at, ackDue, r.acknowledgedAt(), r.followUpStatus(), r.followUpDate(),
                r.followUpCode(), r.closedAt(), r.withdrawnAt(), clock.instant());
        repository.addEvent(r.id(), clock.instant(), "delivered", r.state(), state, trackingId,
                "delivered to the gemeente; acknowledgement due by " + ackDue);
    }

    /** Reminds the gemeente of one unacknowledged report, unless another instance did; true when this call sent it. */
    @Transactional
    public boolean remind(String id, LocalDate today) {
        Optional<AbsenceReport> claimed = repository.claimForReminder(id, today);
        if (claimed.isEmpty()) {
            return false;
        }
        AbsenceReport r = claimed.get();
        Instant now = clock.instant();
        repository.markReminded(r.id(), now);
        String messageId = "absence-reminder-" + r.id();
        Notification reminder = new Notification(Notification.ABSENCE_ACK_REMINDER, "The absence report "
                + r.reportMessageId() + " (" + r.kind() + ", " + r.function() + ") was delivered on "
                + LocalDate.ofInstant(r.deliveredAt(), tracking.zone()) + " and has had no follow-up by its due date "
                + r.ackDueDate() + ". Please confirm its receipt with an absence follow-up (status received).",
                null, r.reportMessageId(), null, r.schoolYear(), null, null, r.state().wireName(), r.ackDueDate(),
                Map.of("kind", r.kind(), "function", r.function(), "schoolLocation", r.brin() + r.vestigingscode(),
                        "school", r.schoolOin()));
        String trackingId = outbox.send(messageId, MessageType.NOTIFICATION, r.gemeenteOin(), r.reportMessageId(), reminder);
        repository.addEvent(r.id(), now, "reminder-sent", r.state(), r.state(), trackingId,
                "reminder " + messageId + " to the gemeente: no follow-up by " + r.ackDueDate());
        log.info("absence report {} unacknowledged since {}: reminder {} to {}", r.id(), r.ackDueDate(), trackingId,
                r.gemeenteOin());
        return true;
    }
}
