package nl.ketenhub.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.delivery.CategoryDecision;
import nl.ketenhub.delivery.GateDecision;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The decision audit: for every completed delivery of a dossier, per category, forwarded, held or dropped, the
 * reason (legal basis, consent record, never, age rule, expiry...), the policy version and the hash of what was sent.
 */
@Component
public class DecisionAudit {

    /** One audited decision. */
    public record Row(
            long id,
            String deliveryId,
            String trackingId,
            String messageId,
            String messageType,
            String recipientOin,
            String transferKind,
            String policyVersion,
            DataCategory category,
            String outcome,
            String reason,
            Long consentId,
            String payloadSha256,
            Instant decidedAt) {}

    private final JdbcClient jdbc;

    public DecisionAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String deliveryId, String trackingId, String messageId, String messageType, String recipient,
            String subject, GateDecision decision, String payloadSha256, Instant at) {
        boolean already = jdbc.sql("select count(*) from consent_decision where delivery_id = ?").param(deliveryId)
                .query(Long.class).single() > 0;
        if (already) {
            return;
        }
        insert(deliveryId, trackingId, messageId, messageType, recipient, subject, decision.transferKind().wireName(),
                decision.policyVersion(), decision.categories(), payloadSha256, at);
    }

    /** Records that held categories were discarded (expiry) or cancelled. */
    public void recordClosed(String deliveryId, String trackingId, String messageId, String recipient, String subject,
            String transferKind, String policyVersion, java.util.Set<DataCategory> categories, String reason, Instant at) {
        insert(deliveryId, trackingId, messageId, "transfer-dossier", recipient, subject, transferKind, policyVersion,
                categories.stream().map(c -> CategoryDecision.drop(c, reason)).toList(), null, at);
    }

    public List<Row> forSubject(String subject) {
        return jdbc.sql("select * from consent_decision where subject_pseudonym = ? order by decided_at, id")
                .param(subject).query(DecisionAudit::map).list();
    }

    public List<Row> forDelivery(String deliveryId) {
        return jdbc.sql("select * from consent_decision where delivery_id = ? order by id")
                .param(deliveryId).query(DecisionAudit::map).list();
    }

    public List<Row> forwardedUnder(long consentId) {
        return jdbc.sql("select * from consent_decision where consent_id = ? and outcome = 'FORWARD' order by id")
                .param(consentId).query(DecisionAudit::map).list();
    }

    /**
     * Writes a delivery's decisions in one statement, one row per category: a dossier has a dozen categories, and on
     * PostgreSQL each statement is a round trip.
     */
    private void insert(String deliveryId, String trackingId, String messageId, String messageType, String recipient,
            String subject, String transferKind, String policyVersion, List<CategoryDecision> decisions, String payloadSha256,
            Instant at) {
        if (decisions.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("insert into consent_decision (delivery_id, tracking_id, message_id, "
                + "message_type, recipient_oin, subject_pseudonym, transfer_kind, policy_version, category, outcome, "
                + "reason, consent_id, payload_sha256, decided_at) values ");
        List<Object> params = new ArrayList<>(decisions.size() * 14);
        Timestamp when = Timestamp.from(at);
        for (CategoryDecision d : decisions) {
            sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            params.addAll(Arrays.asList(deliveryId, trackingId, messageId, messageType, recipient, subject, transferKind,
                    policyVersion, d.category().wireName(), d.outcome().name(), d.reason(), d.consentId(), payloadSha256, when));
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        long consent = rs.getLong("consent_id");
        Long consentId = rs.wasNull() ? null : consent;
        return new Row(rs.getLong("id"), rs.getString("delivery_id"), rs.getString("tracking_id"),
                rs.getString("message_id"), rs.getString("message_type"), rs.getString("recipient_oin"),
                rs.getString("transfer_kind"), rs.getString("policy_version"), DataCategory.fromWireName(rs.getString("category")),
                rs.getString("outcome"), rs.getString("reason"), consentId, rs.getString("payload_sha256"),
                rs.getTimestamp("decided_at").toInstant());
    }
}
