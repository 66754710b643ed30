package nl.ketenhub.absence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The absence tables. A row lock ({@code for update skip locked}) makes each reminder go once across instances. */
@Repository
public class AbsenceRepository {

    private static final String COLUMNS = "id, report_tracking_id, report_message_id, school_oin, gemeente_oin, "
            + "gemeente_function, kind, student_pseudonym, brin, vestigingscode, gemeentecode, school_year, period_start, "
            + "period_end, threshold_date, hours_missed, lessons_missed, reported_on, report_due_date, late, state, "
            + "delivered_at, ack_due_date, acknowledged_at, reminder_sent_at, follow_up_status, follow_up_date, "
            + "follow_up_code, closed_at, withdrawn_at, created_at, updated_at";

    /**
     * What the list, the counts and the console filter on; every criterion is optional.
     *
     * @param partnerOin a partner's own reports: those it sent (school) or received (gemeente)
     */
    public record Filter(String schoolOin, String gemeenteOin, String brin, String vestigingscode, String schoolYear,
            AbsenceState state, String kind, Boolean late, String studentPseudonym, String partnerOin) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null, null, null, null);
        }
    }

    private final JdbcClient jdbc;

    public AbsenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new report; false when its tracking id or (school, messageId) is already recorded. */
    /** The school years that have absence reports, newest first. */
    public List<String> schoolYears() {
        return jdbc.sql("select distinct school_year from absence_report order by school_year desc").query(String.class)
                .list();
    }

    public boolean insert(AbsenceReport r) {
        // A repeated report (a redelivery) inserts nothing rather than failing: the statement runs inside the core
        // step's transaction, which a failed statement would abort on PostgreSQL.
        return jdbc.sql("insert into absence_report (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(r.id(), r.reportTrackingId(), r.reportMessageId(), r.schoolOin(), r.gemeenteOin(), r.function(),
                        r.kind(), r.studentPseudonym(), r.brin(), r.vestigingscode(), r.gemeentecode(), r.schoolYear(),
                        r.periodStart(), r.periodEnd(), r.thresholdDate(), r.hoursMissed(), r.lessonsMissed(),
                        r.reportedOn(), r.reportDueDate(), r.late(), r.state().wireName(), ts(r.deliveredAt()),
                        r.ackDueDate(), ts(r.acknowledgedAt()), ts(r.reminderSentAt()), r.followUpStatus(),
                        r.followUpDate(), r.followUpCode(), ts(r.closedAt()), ts(r.withdrawnAt()), ts(r.createdAt()),
                        ts(r.updatedAt()))
                .update() == 1;
    }

    public Optional<AbsenceReport> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from absence_report where id = ?").param(id)
                .query(AbsenceRepository::map).optional();
    }

    /** The report a school sent under a messageId, locked for the change about to be made to it. */
    public Optional<AbsenceReport> lockByMessage(String schoolOin, String messageId) {
        return jdbc.sql("select " + COLUMNS + " from absence_report where school_oin = ? and report_message_id = ? "
                        + "for update")
                .params(schoolOin, messageId).query(AbsenceRepository::map).optional();
    }

    public Optional<AbsenceReport> lockByTrackingId(String trackingId) {
        return jdbc.sql("select " + COLUMNS + " from absence_report where report_tracking_id = ? for update")
                .param(trackingId).query(AbsenceRepository::map).optional();
    }

    /** Moves a report to a state (or keeps it) and sets the given follow-up facts. */
    public void update(String id, AbsenceState state, Instant deliveredAt, LocalDate ackDueDate, Instant acknowledgedAt,
            String followUpStatus, LocalDate followUpDate, String followUpCode, Instant closedAt, Instant withdrawnAt,
            Instant now) {
        jdbc.sql("update absence_report set state = ?, delivered_at = ?, ack_due_date = ?, acknowledged_at = ?, "
                        + "follow_up_status = ?, follow_up_date = ?, follow_up_code = ?, closed_at = ?, withdrawn_at = ?, "
                        + "updated_at = ? where id = ?")
                .params(state.wireName(), ts(deliveredAt), ackDueDate, ts(acknowledgedAt), followUpStatus, followUpDate,
                        followUpCode, ts(closedAt), ts(withdrawnAt), ts(now), id)
                .update();
    }

    /** Whether a step caused by this message was already recorded (a redelivered message is applied once). */
    public boolean hasEvent(String reportId, String event, String causeTrackingId) {
        return jdbc.sql("select count(*) from absence_event where report_id = ? and event = ? and cause_tracking_id = ?")
                .params(reportId, event, causeTrackingId).query(Long.class).single() > 0;
    }

    public void addEvent(String reportId, Instant at, String event, AbsenceState from, AbsenceState to,
            String causeTrackingId, String detail) {
        jdbc.sql("insert into absence_event (report_id, at, event, from_state, to_state, cause_tracking_id, detail) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(reportId, ts(at), event, from == null ? null : from.wireName(), to == null ? null : to.wireName(),
                        causeTrackingId, detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000))
                .update();
    }

    public List<AbsenceEvent> history(String reportId) {
        return jdbc.sql("select at, event, from_state, to_state, cause_tracking_id, detail from absence_event "
                        + "where report_id = ? order by id")
                .param(reportId)
                .query((rs, n) -> new AbsenceEvent(rs.getTimestamp("at").toInstant(), rs.getString("event"),
                        rs.getString("from_state"), rs.getString("to_state"), rs.getString("cause_tracking_id"),
                        rs.getString("detail")))
                .list();
    }

    public List<AbsenceReport> list(Filter f, int limit, int offset) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        params.add(limit);
        params.add(offset);
        return jdbc.sql("select " + COLUMNS + " from absence_report" + where + " order by reported_on desc, id "
                        + "limit ? offset ?")
                .params(params).query(AbsenceRepository::map).list();
    }

    /** Every report under a filter, for the counts (a school year of one region: thousands at most). */
    public List<AbsenceReport> all(Filter f) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        return jdbc.sql("select " + COLUMNS + " from absence_report" + where).params(params)
                .query(AbsenceRepository::map).list();
    }

    public long count(Filter f) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        return jdbc.sql("select count(*) from absence_report" + where).params(params).query(Long.class).single();
    }

    /** Delivered reports past their acknowledgement due date that have had no reminder. */
    public List<String> dueForReminder(LocalDate today, int limit) {
        return jdbc.sql("select id from absence_report where state = 'delivered' and ack_due_date < ? "
                        + "and reminder_sent_at is null order by ack_due_date, id limit ?")
                .params(today, limit).query(String.class).list();
    }

    /** Claims one report for its reminder; empty when another instance has it, or it needs none any more. */
    public Optional<AbsenceReport> claimForReminder(String id, LocalDate today) {
        return jdbc.sql("select " + COLUMNS + " from absence_report where id = ? and state = 'delivered' "
                        + "and ack_due_date < ? and reminder_sent_at is null for update skip locked")
                .params(id, today).query(AbsenceRepository::map).optional();
    }

    public void markReminded(String id, Instant at) {
        jdbc.sql("update absence_report set reminder_sent_at = ?, updated_at = ? where id = ?").params(ts(at), ts(at), id)
                .update();
    }

    private static String where(Filter f, List<Object> params) {
        StringBuilder w = new StringBuilder();
        add(w, params, "school_oin = ?", f.schoolOin());
        add(w, params, "gemeente_oin = ?", f.gemeenteOin());
        add(w, params, "brin = ?", f.brin());
        add(w, params, "vestigingscode = ?", f.vestigingscode());
        add(w, params, "school_year = ?", f.schoolYear());
        add(w, params, "state = ?", f.state() == null ? null : f.state().wireName());
        add(w, params, "kind = ?", f.kind());
        add(w, params, "late = ?", f.late());
        add(w, params, "student_pseudonym = ?", f.studentPseudonym());
        if (f.partnerOin() != null) {
            w.append(w.isEmpty() ? " where " : " and ").append("(school_oin = ? or gemeente_oin = ?)");
            params.add(f.partnerOin());
            params.add(f.partnerOin());
        }
        return w.toString();
    }

    private static void add(StringBuilder w, List<Object> params, String clause, Object value) {
        if (value != null) {
            w.append(w.isEmpty() ? " where " : " and ").append(clause);
            params.add(value);
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static AbsenceReport map(ResultSet rs, int row) throws SQLException {
        int lessons = rs.getInt("lessons_missed");
        Integer lessonsMissed = rs.wasNull() ? null : lessons;
        return new AbsenceReport(rs.getString("id"), rs.getString("report_tracking_id"), rs.getString("report_message_id"),
                rs.getString("school_oin"), rs.getString("gemeente_oin"), rs.getString("gemeente_function"),
                rs.getString("kind"), rs.getString("student_pseudonym"), rs.getString("brin"),
                rs.getString("vestigingscode"), rs.getString("gemeentecode"), rs.getString("school_year"),
                rs.getObject("period_start", LocalDate.class), rs.getObject("period_end", LocalDate.class),
                rs.getObject("threshold_date", LocalDate.class), rs.getBigDecimal("hours_missed"), lessonsMissed,
                rs.getObject("reported_on", LocalDate.class), rs.getObject("report_due_date", LocalDate.class),
                rs.getBoolean("late"), AbsenceState.of(rs.getString("state")), instant(rs, "delivered_at"),
                rs.getObject("ack_due_date", LocalDate.class), instant(rs, "acknowledged_at"),
                instant(rs, "reminder_sent_at"), rs.getString("follow_up_status"),
                rs.getObject("follow_up_date", LocalDate.class), rs.getString("follow_up_code"),
                instant(rs, "closed_at"), instant(rs, "withdrawn_at"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
