package nl.ketenhub.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Writes every admin action, with who did it and when. */
@Component
public class AuditLog {

    /** One audited action. */
    public record Entry(long id, java.time.Instant at, String actor, String action, String target, String detail) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String action, String target, String detail) {
        jdbc.sql("insert into audit_log (at, actor, action, target, detail) values (?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), currentActor(), action, target, truncate(detail))
                .update();
    }

    public List<Entry> latest(int limit) {
        return jdbc.sql("select id, at, actor, action, target, detail from audit_log order by id desc limit ?")
                .param(limit)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        rs.getString("action"), rs.getString("target"), rs.getString("detail")))
                .list();
    }

    public static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "system" : auth.getName();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
