package nl.ketenhub.partner;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.ketenhub.audit.AuditLog;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The endpoints a gemeente keeps per function (Leerplicht, RMC), on its own channel: absence messages for that
 * function go there instead of to the partner's endpoint. Without one, everything goes to the partner's endpoint.
 */
@Service
public class FunctionEndpoints {

    public static final List<String> FUNCTIONS = List.of("leerplicht", "rmc");

    private final JdbcClient jdbc;
    private final PartnerService partners;
    private final AuditLog audit;
    private final Clock clock;

    public FunctionEndpoints(JdbcClient jdbc, PartnerService partners, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<String> endpoint(String partnerOin, String function) {
        return jdbc.sql("select endpoint from partner_function_endpoint where partner_oin = ? and function = ?")
                .params(partnerOin, function).query(String.class).optional();
    }

    public Map<String, String> all(String partnerOin) {
        Map<String, String> out = new LinkedHashMap<>();
        jdbc.sql("select function, endpoint from partner_function_endpoint where partner_oin = ? order by function")
                .param(partnerOin).query(rs -> {
                    out.put(rs.getString(1), rs.getString(2));
                });
        return out;
    }

    /** Sets a gemeente's endpoint for one function, checked like the partner's own endpoint on its channel. */
    @Transactional
    public Map<String, String> set(String partnerOin, String function, String endpoint) {
        Partner p = gemeente(partnerOin, function);
        partners.checkEndpoint(p.channel(), endpoint).ifPresent(m -> {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Request is not valid", m,
                    List.of(new Violation("/endpoint", m)));
        });
        int updated = jdbc.sql("update partner_function_endpoint set endpoint = ?, updated_at = ? where partner_oin = ? "
                        + "and function = ?")
                .params(endpoint, Timestamp.from(clock.instant()), partnerOin, function).update();
        if (updated == 0) {
            jdbc.sql("insert into partner_function_endpoint (partner_oin, function, endpoint, updated_at) values (?, ?, ?, ?)")
                    .params(partnerOin, function, endpoint, Timestamp.from(clock.instant())).update();
        }
        audit.record("partner.function-endpoint.set", partnerOin, function + " -> " + endpoint);
        return all(partnerOin);
    }

    @Transactional
    public Map<String, String> remove(String partnerOin, String function) {
        gemeente(partnerOin, function);
        jdbc.sql("delete from partner_function_endpoint where partner_oin = ? and function = ?")
                .params(partnerOin, function).update();
        audit.record("partner.function-endpoint.removed", partnerOin, function);
        return all(partnerOin);
    }

    private Partner gemeente(String partnerOin, String function) {
        Partner p = partners.find(partnerOin).orElseThrow(() -> ProblemException.notFound("partner " + partnerOin));
        if (!FUNCTIONS.contains(function)) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Request is not valid",
                    "unknown function '" + function + "'; one of " + String.join(", ", FUNCTIONS),
                    List.of(new Violation("/function", "one of " + String.join(", ", FUNCTIONS))));
        }
        if (p.kind() != PartnerKind.GEMEENTE) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Request is not valid",
                    "only a gemeente has endpoints per function", List.of(new Violation("/oin", "not a gemeente")));
        }
        return p;
    }

    /** The partner as a delivery to one of its functions sees it: the same, with that function's endpoint. */
    public static Partner withEndpoint(Partner p, String endpoint) {
        return new Partner(p.oin(), p.name(), p.kind(), p.brin(), p.gemeentecode(), p.channel(), endpoint, p.format(),
                p.apiKeyHint(), p.ackPeriodDays(), p.enabled(), p.demo(), p.createdAt(), p.updatedAt(), p.keyRotatedAt());
    }
}
