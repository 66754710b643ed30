package nl.ketenhub.tracking;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The transfer funnel per VO school or per MBO institution for one school year, read from the transfer ledger; its
 * "overdue" is the transfer search's ({@link TransferRepository#OVERDUE}).
 */
@Component
public class TransferFunnel {

    /**
     * One school's funnel.
     *
     * @param overdue delivered, waiting for its acknowledgement, and past the acknowledgement due date
     * @param notEnrolled ended without enrolment: withdrawn, refused, or signalled to the RMC
     */
    public record Row(String school, long total, long sent, long delivered, long acknowledged, long overdue, long enrolled,
            long notEnrolled) {

        /** Bar width (0-100) of a figure against this row's total. */
        public int percent(long value) {
            return total == 0 ? 0 : (int) Math.round(100.0 * value / total);
        }
    }

    private final JdbcClient jdbc;

    public TransferFunnel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Row> perVoSchool(String schoolYear, LocalDate today) {
        return rows("vo_oin", schoolYear, today);
    }

    public List<Row> perMbo(String schoolYear, LocalDate today) {
        return rows("mbo_oin", schoolYear, today);
    }

    public List<String> schoolYears() {
        return jdbc.sql("select distinct school_year from transfer order by school_year desc").query(String.class).list();
    }

    private List<Row> rows(String column, String schoolYear, LocalDate today) {
        return jdbc.sql("select " + column + " as school, count(*) as total, "
                        + "sum(case when dossier_received_at is not null then 1 else 0 end) as sent, "
                        + "sum(case when delivered_at is not null then 1 else 0 end) as delivered, "
                        + "sum(case when acknowledged_at is not null then 1 else 0 end) as acknowledged, "
                        + "sum(case when " + TransferRepository.OVERDUE + " then 1 else 0 end) as overdue, "
                        + "sum(case when state = 'ENROLLED' then 1 else 0 end) as enrolled, "
                        + "sum(case when state in ('SIGNALLED', 'INGETROKKEN', 'LEIDT_NIET_TOT_INSCHRIJVING') then 1 else 0 end) "
                        + "as not_enrolled "
                        + "from transfer where school_year = ? group by " + column + " order by " + column)
                .params(Date.valueOf(today), schoolYear)
                .query((rs, n) -> new Row(rs.getString("school"), rs.getLong("total"), rs.getLong("sent"),
                        rs.getLong("delivered"), rs.getLong("acknowledged"), rs.getLong("overdue"), rs.getLong("enrolled"),
                        rs.getLong("not_enrolled")))
                .list();
    }
}
