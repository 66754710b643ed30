package nl.ketenhub.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.ketenhub.canonical.Ids;
import nl.ketenhub.audit.RetentionProperties;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.DeliveryState;
import nl.ketenhub.ledger.MessageLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Parked deliveries: kept whole, per partner, until an admin replays them. */
@Component
public class ParkedDeliveries {

    public static final String PARKED = "PARKED";
    public static final String REPLAYED = "REPLAYED";

    private static final String COLUMNS = "id, delivery_id, tracking_id, recipient_oin, parked_at, attempts, reason, state, "
            + "replayed_at, replayed_by";

    private static final Logger log = LoggerFactory.getLogger(ParkedDeliveries.class);

    private final JdbcClient jdbc;
    private final MessageLedger ledger;
    private final Clock clock;
    private final Duration replayedBodyRetention;

    public ParkedDeliveries(JdbcClient jdbc, MessageLedger ledger, Clock clock, RetentionProperties retention) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
        this.replayedBodyRetention = retention.replayedParked();
    }

    /**
     * Clears the bodies of deliveries replayed longer than {@code ketenhub.retention.replayed-parked} ago (run by the
     * retention route); a delivery still parked keeps its body. Answers how many were cleared.
     */
    public int clearReplayedBodies() {
        int cleared = jdbc.sql("update parked_delivery set body = '' where state = ? and replayed_at < ? and body <> ''")
                .params(REPLAYED, Timestamp.from(clock.instant().minus(replayedBodyRetention))).update();
        if (cleared > 0) {
            log.info("retention: {} replayed parked delivery bodies cleared", cleared);
        }
        return cleared;
    }

    @Transactional
    public void park(DeliveryRecord d, int attempts, String reason, String body) {
        boolean alreadyParked = jdbc.sql("select count(*) from parked_delivery where delivery_id = ? and state = ?")
                .params(d.id(), PARKED).query(Long.class).single() > 0;
        if (!alreadyParked) {
            jdbc.sql("insert into parked_delivery (" + COLUMNS + ", body) values (?, ?, ?, ?, ?, ?, ?, ?, null, null, ?)")
                    .params(Ids.next(), d.id(), d.trackingId(), d.recipient(),
                            Timestamp.from(clock.instant()), attempts, reason, PARKED, body)
                    .update();
        }
        ledger.setDeliveryState(d, DeliveryState.PARKED, attempts, reason);
        ledger.event(d.trackingId(), "PARKED", d.recipient(), "gave up after " + attempts + " attempt(s): " + reason);
    }

    public List<ParkedDelivery> list(String recipient, String state, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from parked_delivery where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (recipient != null && !recipient.isBlank()) {
            sql.append(" and recipient_oin = ?");
            params.add(recipient);
        }
        if (state != null && !state.isBlank()) {
            sql.append(" and state = ?");
            params.add(state);
        }
        sql.append(" order by parked_at desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(ParkedDeliveries::map).list();
    }

    public Optional<ParkedDelivery> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from parked_delivery where id = ?").param(id).query(ParkedDeliveries::map).optional();
    }

    public Optional<String> body(String id) {
        return jdbc.sql("select body from parked_delivery where id = ?").param(id).query(String.class).optional();
    }

    public long countParked(String recipient) {
        return jdbc.sql("select count(*) from parked_delivery where recipient_oin = ? and state = ?")
                .params(recipient, PARKED).query(Long.class).single();
    }

    /** Marks a parked delivery as replayed, once: false when another replay got there first. */
    @Transactional
    public boolean markReplayed(String id, String by) {
        return jdbc.sql("update parked_delivery set state = ?, replayed_at = ?, replayed_by = ? where id = ? and state = ?")
                .params(REPLAYED, Timestamp.from(clock.instant()), by, id, PARKED)
                .update() == 1;
    }

    private static ParkedDelivery map(ResultSet rs, int row) throws SQLException {
        Timestamp replayed = rs.getTimestamp("replayed_at");
        return new ParkedDelivery(rs.getString("id"), rs.getString("delivery_id"), rs.getString("tracking_id"),
                rs.getString("recipient_oin"), rs.getTimestamp("parked_at").toInstant(), rs.getInt("attempts"),
                rs.getString("reason"), rs.getString("state"), replayed == null ? null : replayed.toInstant(),
                rs.getString("replayed_by"));
    }
}
