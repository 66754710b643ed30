package nl.ketenhub.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.ketenhub.canonical.Ids;
import nl.ketenhub.canonical.DataCategory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The held_part table. */
@Component
public class HeldParts {

    private static final String COLUMNS = "id, delivery_id, tracking_id, recipient_oin, subject_pseudonym, categories, state, "
            + "held_at, expires_at, closed_at, closed_reason, supplement_delivery_id";

    private final JdbcClient jdbc;

    public HeldParts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds categories of a delivery; a second call for the same delivery changes nothing. */
    public void hold(String deliveryId, String trackingId, String recipientOin, String subject, Set<DataCategory> categories,
            Instant at, Instant expiresAt) {
        try {
            jdbc.sql("insert into held_part (id, delivery_id, tracking_id, recipient_oin, subject_pseudonym, categories, state, "
                            + "held_at, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(Ids.next(), deliveryId, trackingId, recipientOin, subject,
                            ConsentRegistry.join(categories), HeldPart.HELD, Timestamp.from(at), Timestamp.from(expiresAt))
                    .update();
        } catch (DuplicateKeyException alreadyHeld) {
            // the delivery was completed before (a redelivery): its held part exists
        }
    }

    public List<HeldPart> heldFor(String subject) {
        return jdbc.sql("select " + COLUMNS + " from held_part where subject_pseudonym = ? and state = ? order by held_at")
                .params(subject, HeldPart.HELD).query(HeldParts::map).list();
    }

    public List<HeldPart> allFor(String subject) {
        return jdbc.sql("select " + COLUMNS + " from held_part where subject_pseudonym = ? order by held_at")
                .param(subject).query(HeldParts::map).list();
    }

    public List<HeldPart> forTracking(String trackingId) {
        return jdbc.sql("select " + COLUMNS + " from held_part where tracking_id = ? order by held_at")
                .param(trackingId).query(HeldParts::map).list();
    }

    public Optional<HeldPart> byDelivery(String deliveryId) {
        return jdbc.sql("select " + COLUMNS + " from held_part where delivery_id = ?").param(deliveryId)
                .query(HeldParts::map).optional();
    }

    public List<HeldPart> dueForExpiry(Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + " from held_part where state = ? and expires_at <= ? order by expires_at limit ?")
                .params(HeldPart.HELD, Timestamp.from(now), limit).query(HeldParts::map).list();
    }

    /**
     * Takes released categories off a held part, provided it still holds exactly what the caller saw (so two
     * releases racing cannot both send the same categories).
     */
    public boolean release(HeldPart part, Set<DataCategory> released, String supplementDeliveryId, Instant at, String reason) {
        java.util.EnumSet<DataCategory> remaining = java.util.EnumSet.noneOf(DataCategory.class);
        remaining.addAll(part.categories());
        remaining.removeAll(released);
        String state = remaining.isEmpty() ? HeldPart.RELEASED : HeldPart.HELD;
        return jdbc.sql("update held_part set categories = ?, state = ?, closed_at = ?, closed_reason = ?, "
                        + "supplement_delivery_id = ? where id = ? and state = ? and categories = ?")
                .params(ConsentRegistry.join(remaining), state, remaining.isEmpty() ? Timestamp.from(at) : null,
                        remaining.isEmpty() ? reason : null, supplementDeliveryId, part.id(), HeldPart.HELD,
                        ConsentRegistry.join(part.categories()))
                .update() == 1;
    }

    /** Puts categories back on hold (a supplement found its consent withdrawn before it went out). */
    public void reopen(String deliveryId, Set<DataCategory> categories) {
        HeldPart part = byDelivery(deliveryId).orElseThrow();
        java.util.EnumSet<DataCategory> held = java.util.EnumSet.noneOf(DataCategory.class);
        held.addAll(part.categories());
        held.addAll(categories);
        jdbc.sql("update held_part set categories = ?, state = ?, closed_at = null, closed_reason = null where id = ?")
                .params(ConsentRegistry.join(held), HeldPart.HELD, part.id()).update();
    }

    /** Claims a held part for expiry; false if another instance or a release got there first. */
    public boolean expire(HeldPart part, Instant at) {
        return jdbc.sql("update held_part set state = ?, closed_at = ?, closed_reason = ? where id = ? and state = ?")
                .params(HeldPart.EXPIRED, Timestamp.from(at), "no consent before " + part.expiresAt(), part.id(), HeldPart.HELD)
                .update() == 1;
    }

    private static HeldPart map(ResultSet rs, int row) throws SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        return new HeldPart(rs.getString("id"), rs.getString("delivery_id"), rs.getString("tracking_id"),
                rs.getString("recipient_oin"), rs.getString("subject_pseudonym"), ConsentRegistry.split(rs.getString("categories")),
                rs.getString("state"), rs.getTimestamp("held_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                closed == null ? null : closed.toInstant(), rs.getString("closed_reason"), rs.getString("supplement_delivery_id"));
    }
}
