package nl.ketenhub.intake;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps every refused message for the admin to inspect: when, from whom, why, and (size-capped) what was sent. */
@Component
public class IntakeRejections {

    static final int MAX_KEPT_BODY = 256 * 1024;

    /** One refused message. */
    public record Entry(long id, Instant at, String channel, String sender, String messageId, int status, String problemType,
            String detail) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    public IntakeRejections(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String channel, String sender, IntakeOutcome.Rejected r, byte[] body) {
        // the violations that the detail does not already say (an undeliverable message's detail is its one violation)
        String violations = r.violations().stream().filter(v -> !v.message().equals(r.detail()))
                .map(v -> v.pointer() + ": " + v.message()).collect(Collectors.joining("\n"));
        String detail = violations.isEmpty() ? r.detail() : r.detail() + "\n" + violations;
        String kept = null;
        if (body != null) {
            int n = Math.min(body.length, MAX_KEPT_BODY);
            kept = new String(body, 0, n, StandardCharsets.UTF_8) + (body.length > n ? "\n[truncated at " + n + " of " + body.length + " bytes]" : "");
        }
        jdbc.sql("insert into intake_rejection (at, channel, sender_oin, message_id, status, problem_type, detail, body) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), channel, sender, truncate(r.messageId(), 100), r.status().value(),
                        r.type(), detail, kept)
                .update();
    }

    public List<Entry> latest(int limit) {
        return jdbc.sql("select id, at, channel, sender_oin, message_id, status, problem_type, detail from intake_rejection "
                        + "order by id desc limit ?")
                .param(limit)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("channel"),
                        rs.getString("sender_oin"), rs.getString("message_id"), rs.getInt("status"),
                        rs.getString("problem_type"), rs.getString("detail")))
                .list();
    }

    public long count() {
        return jdbc.sql("select count(*) from intake_rejection").query(Long.class).single();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
