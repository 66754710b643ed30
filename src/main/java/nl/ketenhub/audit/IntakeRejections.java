package nl.ketenhub.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import nl.ketenhub.web.IntakeOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps every refused message for the admin to inspect: when, from whom, why, and (size-capped) what was sent. What
 * is kept is bounded: each body to {@code ketenhub.retention.rejection-body} bytes, each detail to
 * {@link #MAX_DETAIL} characters, and {@link #purge()} drops entries older than {@code ketenhub.retention.rejections}
 * and the oldest beyond {@code ketenhub.retention.max-rejections}.
 */
@Component("intakeRejections")
public class IntakeRejections {

    private static final Logger log = LoggerFactory.getLogger(IntakeRejections.class);
    static final int MAX_DETAIL = 4000;

    /** One refused message. */
    public record Entry(long id, Instant at, String channel, String sender, String messageId, int status, String problemType,
            String detail) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxKeptBody;
    private final Duration retention;
    private final long maxRows;

    public IntakeRejections(JdbcClient jdbc, Clock clock, RetentionProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxKeptBody = (int) Math.min(Integer.MAX_VALUE, properties.rejectionBody().toBytes());
        this.retention = properties.rejections();
        this.maxRows = properties.maxRejections();
    }

    public void record(String channel, String sender, IntakeOutcome.Rejected r, byte[] body) {
        // the violations that the detail does not already say (an undeliverable message's detail is its one violation)
        String violations = r.violations().stream().filter(v -> !v.message().equals(r.detail()))
                .map(v -> v.pointer() + ": " + v.message()).collect(Collectors.joining("\n"));
        String detail = violations.isEmpty() ? r.detail() : r.detail() + "\n" + violations;
        String kept = null;
        if (body != null) {
            int n = Math.min(body.length, maxKeptBody);
            kept = storable(new String(body, 0, n, StandardCharsets.UTF_8))
                    + (body.length > n ? "\n[truncated at " + n + " of " + body.length + " bytes]" : "");
        }
        jdbc.sql("insert into intake_rejection (at, channel, sender_oin, message_id, status, problem_type, detail, body) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), channel, truncate(sender, 20), truncate(storable(r.messageId()), 100),
                        r.status().value(), r.type(), truncate(storable(detail), MAX_DETAIL), kept)
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

    /**
     * Drops refused messages past their retention or beyond the row cap (oldest first), and the bodies of parked
     * deliveries replayed longer ago than their retention (the entry stays; a delivery still parked is never touched:
     * the hub owes it to its recipient until an admin acts).
     *
     * @return how many rejections were dropped
     */
    public int purge() {
        return purgeKeeping(maxRows);
    }

    /** {@link #purge()} with another row cap (a name of its own: the route calls the method without arguments). */
    int purgeKeeping(long maxRows) {
        Instant now = clock.instant();
        int dropped = jdbc.sql("delete from intake_rejection where at < ?").param(Timestamp.from(now.minus(retention)))
                .update();
        Long cutoff = jdbc.sql("select id from intake_rejection order by id desc limit 1 offset ?").param(maxRows)
                .query(Long.class).optional().orElse(null);
        if (cutoff != null) {
            dropped += jdbc.sql("delete from intake_rejection where id <= ?").param(cutoff).update();
        }
        if (dropped > 0) {
            log.info("retention: {} refused message(s) dropped", dropped);
        }
        return dropped;
    }

    /** Text as every database stores it: control characters other than tab and line breaks become U+FFFD. */
    static String storable(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
            if (bad && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(bad ? '\uFFFD' : c);
            }
        }
        return out == null ? s : out.toString();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
