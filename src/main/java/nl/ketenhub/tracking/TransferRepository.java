package nl.ketenhub.tracking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.ketenhub.canonical.ApplicationStatus;
import nl.ketenhub.canonical.SchoolYears;
import nl.ketenhub.security.StudentTransfers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The transfer tables. Row locks ({@code for update}, {@code for update skip locked}) are what keeps several hub
 * instances from handling the same transfer at once; callers hold a transaction around them.
 */
@Repository
public class TransferRepository implements StudentTransfers {

    /**
     * The one rule for "overdue", as an SQL condition on the transfer table with today's date as its parameter: the
     * dossier was delivered and waits for its acknowledgement (still or again overdue) past the acknowledgement due
     * date. The transfer search and the funnel both count by it.
     */
    static final String OVERDUE = "(dossier_state in ('DELIVERED', 'OVERDUE') and ack_due_date < ?)";

    /** '' in the mbo_oin column: the MBO institution is not known yet. */
    static final String UNKNOWN_MBO = "";

    private static final String COLUMNS = "id, student_pseudonym, vo_oin, vo_brin, mbo_oin, mbo_brin, school_year, "
            + "leaving_year, state, dossier_state, application_status, status_date, held_categories, expected_leaving_date, "
            + "dossier_tracking_id, dossier_message_id, dossier_received_at, forwarded_at, delivered_at, ack_due_date, "
            + "acknowledged_at, rejected_at, rejection_code, rejection_reason, reminder_sent_at, escalation_due_date, "
            + "escalated_at, rmc_checked_at, rmc_outcome, signalled_at, created_at, updated_at";

    private final JdbcClient jdbc;

    public TransferRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean fromSchool(String studentPseudonym, String voOin) {
        return jdbc.sql("select count(*) from transfer where student_pseudonym = ? and vo_oin = ?")
                .params(studentPseudonym, voOin).query(Long.class).single() > 0;
    }

    @Override
    public List<String> voSchools(String studentPseudonym, List<String> schoolYears) {
        if (schoolYears.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select distinct vo_oin from transfer where student_pseudonym = :student and school_year in (:years)")
                .param("student", studentPseudonym).param("years", schoolYears).query(String.class).list();
    }

    /** A transfer to create. */
    public record NewTransfer(String id, String studentPseudonym, String voOin, String voBrin, String mboOin,
            String mboBrin, String schoolYear, TransferState state, Instant at) {}

    /** A filter of the query API; null members do not filter. */
    public record Filter(String voOin, String voBrin, String mboOin, String mboBrin, TransferState state,
            Boolean overdue, Boolean heldForConsent, Boolean signalled, String schoolYear, String partnerOin,
            LocalDate today) {

        /** The same filter, narrowed further. */
        public Filter withOverdue(boolean value) {
            return new Filter(voOin, voBrin, mboOin, mboBrin, state, value, heldForConsent, signalled, schoolYear, partnerOin, today);
        }

        public Filter withHeldForConsent(boolean value) {
            return new Filter(voOin, voBrin, mboOin, mboBrin, state, overdue, value, signalled, schoolYear, partnerOin, today);
        }

        public Filter withSignalled(boolean value) {
            return new Filter(voOin, voBrin, mboOin, mboBrin, state, overdue, heldForConsent, value, schoolYear, partnerOin, today);
        }
    }

    /** Creates the transfer unless one with the same key exists; true when it was created. */
    public boolean insertIfAbsent(NewTransfer t) {
        return jdbc.sql("insert into transfer (id, student_pseudonym, vo_oin, vo_brin, mbo_oin, mbo_brin, school_year, "
                        + "leaving_year, state, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict do nothing")
                .params(t.id(), t.studentPseudonym(), t.voOin(), t.voBrin(), mboKey(t.mboOin()), t.mboBrin(),
                        t.schoolYear(), SchoolYears.leavingYear(t.schoolYear()), t.state().name(), ts(t.at()), ts(t.at()))
                .update() == 1;
    }

    /**
     * Locks the students' rows (created on first use) for the rest of the transaction, in pseudonym order so two
     * messages about the same students never wait for each other crosswise.
     */
    public void lockStudents(java.util.Collection<String> pseudonyms) {
        for (String student : new java.util.TreeSet<>(pseudonyms)) {
            jdbc.sql("insert into transfer_student_lock (student_pseudonym) values (?) on conflict do nothing")
                    .param(student).update();
            // an update locks the row like SELECT ... FOR UPDATE, and H2 can keep it in its statement cache
            jdbc.sql("update transfer_student_lock set student_pseudonym = student_pseudonym where student_pseudonym = ?")
                    .param(student).update();
        }
    }

    public Optional<Transfer> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from transfer where id = ?").param(id).query(TransferRepository::map).optional();
    }

    public Optional<Transfer> lock(String id) {
        return jdbc.sql("select " + COLUMNS + " from transfer where id = ? for update").param(id)
                .query(TransferRepository::map).optional();
    }

    /** The transfer with this exact key, locked; {@code mboOin} null looks for the one without a known MBO. */
    public Optional<Transfer> lockByKey(String student, String voOin, String mboOin, String schoolYear) {
        return jdbc.sql("select " + COLUMNS + " from transfer where student_pseudonym = ? and vo_oin = ? and mbo_oin = ? "
                        + "and school_year = ? for update")
                .params(student, voOin, mboKey(mboOin), schoolYear).query(TransferRepository::map).optional();
    }

    /** Every transfer of a student from one VO school in one school year, whatever the MBO, locked. */
    public List<Transfer> lockAll(String student, String voOin, String schoolYear) {
        return jdbc.sql("select " + COLUMNS + " from transfer where student_pseudonym = ? and vo_oin = ? "
                        + "and school_year = ? order by id for update")
                .params(student, voOin, schoolYear).query(TransferRepository::map).list();
    }

    /**
     * Whether the student has any transfer from this VO school in the given school years. Not locking: it lets the
     * common case (a status before its transfer) skip the locking query, which the database cannot reuse from its
     * statement cache and parses anew each time; a lock on no rows would hold nothing anyway.
     */
    public boolean anyTransfer(String student, String voOin, List<String> schoolYears) {
        List<Object> params = studentVoYears(student, voOin, schoolYears);
        return jdbc.sql("select count(*) from transfer where student_pseudonym = ? and vo_oin = ? and school_year in ("
                        + placeholders(schoolYears) + ")")
                .params(params).query(Long.class).single() > 0;
    }

    /** Whether unapplied statuses wait for this student and VO school in the given school years (not locking). */
    public boolean anyPending(String student, String voOin, List<String> schoolYears) {
        List<Object> params = studentVoYears(student, voOin, schoolYears);
        return jdbc.sql("select count(*) from transfer_pending where student_pseudonym = ? and vo_oin = ? "
                        + "and school_year in (" + placeholders(schoolYears) + ") and applied_at is null")
                .params(params).query(Long.class).single() > 0;
    }

    /** The parameters of a query by student, VO school and school years, in that order. */
    private static List<Object> studentVoYears(String student, String voOin, List<String> schoolYears) {
        List<Object> params = new ArrayList<>(List.of(student, voOin));
        params.addAll(schoolYears);
        return params;
    }

    private static String placeholders(List<?> values) {
        return values.stream().map(v -> "?").collect(Collectors.joining(", "));
    }

    /** Every transfer of a student from one VO school in any of the given school years, whatever the MBO, locked. */
    public List<Transfer> lockAll(String student, String voOin, List<String> schoolYears) {
        String in = placeholders(schoolYears);
        List<Object> params = studentVoYears(student, voOin, schoolYears);
        return jdbc.sql("select " + COLUMNS + " from transfer where student_pseudonym = ? and vo_oin = ? "
                        + "and school_year in (" + in + ") order by id for update")
                .params(params).query(TransferRepository::map).list();
    }

    /** The transfers of a student in which a school takes part (as VO school or as MBO institution), locked. */
    public List<Transfer> lockByStudentAndSchool(String student, String schoolOin) {
        return jdbc.sql("select " + COLUMNS + " from transfer where student_pseudonym = ? and (vo_oin = ? or mbo_oin = ?) "
                        + "order by id for update")
                .params(student, schoolOin, schoolOin).query(TransferRepository::map).list();
    }

    /** The transfer whose current dossier is this message, locked. */
    public Optional<Transfer> lockByDossier(String dossierTrackingId) {
        return jdbc.sql("select " + COLUMNS + " from transfer where dossier_tracking_id = ? order by id for update")
                .param(dossierTrackingId).query(TransferRepository::map).list().stream().findFirst();
    }

    public Optional<Transfer> findByDossier(String dossierTrackingId) {
        return jdbc.sql("select " + COLUMNS + " from transfer where dossier_tracking_id = ? order by id")
                .param(dossierTrackingId).query(TransferRepository::map).list().stream().findFirst();
    }

    /** Writes the given columns (names are code constants, never input) and the update time. */
    public void update(String id, Map<String, Object> columns, Instant at) {
        Map<String, Object> all = new LinkedHashMap<>(columns);
        all.put("updated_at", at);
        String set = all.keySet().stream().map(c -> c + " = ?").collect(Collectors.joining(", "));
        List<Object> params = new ArrayList<>();
        all.values().forEach(v -> params.add(v instanceof Instant i ? ts(i) : v));
        params.add(id);
        jdbc.sql("update transfer set " + set + " where id = ?").params(params).update();
    }

    // ---- the student reference (personal data) ----

    /** Keeps the newest student reference of a transfer: an older message does not overwrite a newer one. */
    public void saveStudent(String transferId, String studentJson, Instant asOf) {
        int updated = jdbc.sql("update transfer_student set student = ?, as_of = ? where transfer_id = ? and as_of <= ?")
                .params(studentJson, ts(asOf), transferId, ts(asOf)).update();
        if (updated == 0) {
            jdbc.sql("insert into transfer_student (transfer_id, student, as_of) values (?, ?, ?) on conflict do nothing")
                    .params(transferId, studentJson, ts(asOf)).update();
        }
    }

    public Optional<String> student(String transferId) {
        return jdbc.sql("select student from transfer_student where transfer_id = ?").param(transferId)
                .query(String.class).optional();
    }

    /** The newest student reference among several transfers (of one student). */
    public Optional<String> newestStudent(List<String> transferIds) {
        if (transferIds.isEmpty()) {
            return Optional.empty();
        }
        String in = transferIds.stream().map(i -> "?").collect(Collectors.joining(", "));
        return jdbc.sql("select student from transfer_student where transfer_id in (" + in + ") order by as_of desc, transfer_id")
                .params(new ArrayList<Object>(transferIds)).query(String.class).list().stream().findFirst();
    }

    // ---- history ----

    public void addEvent(String transferId, Instant at, String event, TransferStateMachine.Outcome outcome,
            TransferState from, TransferState to, String cause, String causeTrackingId, String detail) {
        jdbc.sql("insert into transfer_event (transfer_id, at, event, outcome, from_state, to_state, cause, "
                        + "cause_tracking_id, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(transferId, ts(at), event, outcome.name().toLowerCase(), wire(from), wire(to), truncate(cause, 150),
                        causeTrackingId, truncate(detail, 1000))
                .update();
    }

    public List<TransferEvent> history(String transferId) {
        return jdbc.sql("select at, event, outcome, from_state, to_state, cause, cause_tracking_id, detail "
                        + "from transfer_event where transfer_id = ? order by id")
                .param(transferId)
                .query((rs, n) -> new TransferEvent(rs.getTimestamp("at").toInstant(), rs.getString("event"),
                        rs.getString("outcome"), rs.getString("from_state"), rs.getString("to_state"), rs.getString("cause"),
                        rs.getString("cause_tracking_id"), rs.getString("detail")))
                .list();
    }

    // ---- applied messages ----

    /** Marks a message as applied; false when it already was (a redelivery). */
    public boolean markApplied(String trackingId, Instant at) {
        return jdbc.sql("insert into transfer_message (tracking_id, applied_at) values (?, ?) on conflict do nothing")
                .params(trackingId, ts(at)).update() == 1;
    }

    // ---- statuses waiting for their transfer ----

    /** A status that arrived before its transfer. */
    public record Pending(String trackingId, String studentPseudonym, String voOin, String mboOin, String schoolYear,
            ApplicationStatus.Status status, LocalDate statusDate, String messageId, Instant receivedAt) {}

    public void addPending(Pending p) {
        jdbc.sql("insert into transfer_pending (tracking_id, student_pseudonym, vo_oin, mbo_oin, school_year, status, "
                        + "status_date, message_id, received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(p.trackingId(), p.studentPseudonym(), p.voOin(), p.mboOin(), p.schoolYear(), p.status().name(),
                        p.statusDate(), p.messageId(), ts(p.receivedAt()))
                .update();
    }

    /** Unapplied statuses of a student from one VO school for the given school years, oldest status first. */
    public List<Pending> pending(String student, String voOin, List<String> schoolYears) {
        String in = placeholders(schoolYears);
        List<Object> params = studentVoYears(student, voOin, schoolYears);
        return jdbc.sql("select tracking_id, student_pseudonym, vo_oin, mbo_oin, school_year, status, status_date, message_id, "
                        + "received_at from transfer_pending where student_pseudonym = ? and vo_oin = ? and school_year in ("
                        + in + ") and applied_at is null order by status_date, received_at, tracking_id for update")
                .params(params)
                .query((rs, n) -> new Pending(rs.getString("tracking_id"), rs.getString("student_pseudonym"),
                        rs.getString("vo_oin"), rs.getString("mbo_oin"), rs.getString("school_year"),
                        ApplicationStatus.Status.valueOf(rs.getString("status")), rs.getObject("status_date", LocalDate.class),
                        rs.getString("message_id"), rs.getTimestamp("received_at").toInstant()))
                .list();
    }

    public void markPendingApplied(String trackingId, String transferId, Instant at) {
        jdbc.sql("update transfer_pending set applied_to = ?, applied_at = ? where tracking_id = ?")
                .params(transferId, ts(at), trackingId).update();
    }

    public long countPending() {
        return jdbc.sql("select count(*) from transfer_pending where applied_at is null").query(Long.class).single();
    }

    // ---- the deadline scans ----

    /** Transfers whose acknowledgement is past due and that have had no reminder yet. */
    public List<String> dueForReminder(LocalDate today, int limit) {
        return jdbc.sql("select id from transfer where dossier_state = 'DELIVERED' and ack_due_date < ? "
                        + "and reminder_sent_at is null order by ack_due_date, id limit ?")
                .params(today, limit).query(String.class).list();
    }

    /** Claims one transfer for its reminder: locked, still due, and not locked by another instance. */
    public Optional<Transfer> claimForReminder(String id, LocalDate today) {
        return jdbc.sql("select " + COLUMNS + " from transfer where id = ? and dossier_state = 'DELIVERED' "
                        + "and ack_due_date < ? and reminder_sent_at is null for update skip locked")
                .params(id, today).query(TransferRepository::map).optional();
    }

    /** A transfer whose dossier was received or forwarded, and not yet recorded as delivered. */
    public record AwaitingDelivery(String id, String dossierTrackingId, String mboOin) {}

    /**
     * Transfers whose dossier is received or forwarded but not recorded as delivered, in id order after
     * {@code afterId} (the last of the previous page; "" for the first).
     */
    public List<AwaitingDelivery> awaitingDelivery(String afterId, int limit) {
        return jdbc.sql("select id, dossier_tracking_id, mbo_oin from transfer where dossier_state in ('RECEIVED', 'FORWARDED') "
                        + "and dossier_tracking_id is not null and id > ? order by id limit ?")
                .params(afterId, limit)
                .query((rs, n) -> new AwaitingDelivery(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** Overdue transfers past their escalation date that have not been escalated yet. */
    public List<String> dueForEscalation(LocalDate today, int limit) {
        return jdbc.sql("select id from transfer where dossier_state = 'OVERDUE' and escalation_due_date < ? "
                        + "and escalated_at is null order by escalation_due_date, id limit ?")
                .params(today, limit).query(String.class).list();
    }

    public Optional<Transfer> claimForEscalation(String id, LocalDate today) {
        return jdbc.sql("select " + COLUMNS + " from transfer where id = ? and dossier_state = 'OVERDUE' "
                        + "and escalation_due_date < ? and escalated_at is null for update skip locked")
                .params(id, today).query(TransferRepository::map).optional();
    }

    /** A student and school year whose RMC deadline has passed and that has not been checked yet. */
    public record RmcGroup(String studentPseudonym, String schoolYear) {}

    public List<RmcGroup> dueForRmcCheck(int lastLeavingYearDue, int limit) {
        // groups waiting for a gemeente partner come last, so they never crowd out the others
        return jdbc.sql("select student_pseudonym, school_year, min(case when rmc_outcome is null then 0 else 1 end) as retry "
                        + "from transfer where leaving_year <= ? and rmc_checked_at is null "
                        + "group by student_pseudonym, school_year order by retry, school_year, student_pseudonym limit ?")
                .params(lastLeavingYearDue, limit)
                .query((rs, n) -> new RmcGroup(rs.getString("student_pseudonym"), rs.getString("school_year")))
                .list();
    }

    /** Claims the unchecked transfers of one student and school year; rows another instance holds are skipped. */
    public List<Transfer> claimForRmcCheck(RmcGroup group) {
        return jdbc.sql("select " + COLUMNS + " from transfer where student_pseudonym = ? and school_year = ? "
                        + "and rmc_checked_at is null order by id for update skip locked")
                .params(group.studentPseudonym(), group.schoolYear()).query(TransferRepository::map).list();
    }

    /** Whether any transfer of the student in that school year ended in an enrolment. */
    public boolean enrolled(RmcGroup group) {
        return jdbc.sql("select count(*) from transfer where student_pseudonym = ? and school_year = ? "
                        + "and application_status = 'INGESCHREVEN'")
                .params(group.studentPseudonym(), group.schoolYear()).query(Long.class).single() > 0;
    }

    // ---- the query API ----

    /** Every transfer of one student (by pseudonym), newest school year first. */
    public List<Transfer> forStudent(String studentPseudonym) {
        return jdbc.sql("select " + COLUMNS + " from transfer where student_pseudonym = ? order by school_year desc, created_at")
                .param(studentPseudonym).query(TransferRepository::map).list();
    }

    public List<Transfer> list(Filter f, int limit, int offset) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        params.add(limit);
        params.add(offset);
        return jdbc.sql("select " + COLUMNS + " from transfer" + where + " order by school_year desc, created_at, id limit ? offset ?")
                .params(params).query(TransferRepository::map).list();
    }

    public long count(Filter f) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        return jdbc.sql("select count(*) from transfer" + where).params(params).query(Long.class).single();
    }

    public Map<TransferState, Long> countByState(Filter f) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        Map<TransferState, Long> counts = new LinkedHashMap<>();
        for (TransferState s : TransferState.values()) {
            counts.put(s, 0L);
        }
        jdbc.sql("select state, count(*) as n from transfer" + where + " group by state").params(params)
                .query((rs, n) -> Map.entry(TransferState.valueOf(rs.getString("state")), rs.getLong("n")))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    private static String where(Filter f, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        if (f.partnerOin() != null) {
            clauses.add("(vo_oin = ? or mbo_oin = ?)");
            params.add(f.partnerOin());
            params.add(f.partnerOin());
        }
        if (f.voOin() != null) {
            clauses.add("vo_oin = ?");
            params.add(f.voOin());
        }
        if (f.voBrin() != null) {
            clauses.add("vo_brin = ?");
            params.add(f.voBrin());
        }
        if (f.mboOin() != null) {
            clauses.add("mbo_oin = ?");
            params.add(f.mboOin());
        }
        if (f.mboBrin() != null) {
            clauses.add("mbo_brin = ?");
            params.add(f.mboBrin());
        }
        if (f.state() != null) {
            clauses.add("state = ?");
            params.add(f.state().name());
        }
        if (f.schoolYear() != null) {
            clauses.add("school_year = ?");
            params.add(f.schoolYear());
        }
        if (f.overdue() != null) {
            clauses.add(f.overdue() ? OVERDUE : "not " + OVERDUE);
            params.add(f.today());
        }
        if (f.heldForConsent() != null) {
            clauses.add(f.heldForConsent() ? "held_categories is not null" : "held_categories is null");
        }
        if (f.signalled() != null) {
            clauses.add(f.signalled() ? "signalled_at is not null" : "signalled_at is null");
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    // ---- mapping ----

    static String mboKey(String mboOin) {
        return mboOin == null ? UNKNOWN_MBO : mboOin;
    }

    private static String wire(TransferState s) {
        return s == null ? null : s.wireName();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static TransferState state(ResultSet rs, String column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? null : TransferState.valueOf(s);
    }

    static Transfer map(ResultSet rs, int row) throws SQLException {
        String mbo = rs.getString("mbo_oin");
        String status = rs.getString("application_status");
        return new Transfer(
                rs.getString("id"),
                rs.getString("student_pseudonym"),
                rs.getString("vo_oin"),
                rs.getString("vo_brin"),
                mbo == null || mbo.isEmpty() ? null : mbo,
                rs.getString("mbo_brin"),
                rs.getString("school_year"),
                rs.getInt("leaving_year"),
                state(rs, "state"),
                state(rs, "dossier_state"),
                status == null ? null : ApplicationStatus.Status.valueOf(status),
                rs.getObject("status_date", LocalDate.class),
                rs.getString("held_categories"),
                rs.getObject("expected_leaving_date", LocalDate.class),
                rs.getString("dossier_tracking_id"),
                rs.getString("dossier_message_id"),
                instant(rs, "dossier_received_at"),
                instant(rs, "forwarded_at"),
                instant(rs, "delivered_at"),
                rs.getObject("ack_due_date", LocalDate.class),
                instant(rs, "acknowledged_at"),
                instant(rs, "rejected_at"),
                rs.getString("rejection_code"),
                rs.getString("rejection_reason"),
                instant(rs, "reminder_sent_at"),
                rs.getObject("escalation_due_date", LocalDate.class),
                instant(rs, "escalated_at"),
                instant(rs, "rmc_checked_at"),
                rs.getString("rmc_outcome"),
                instant(rs, "signalled_at"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
