package nl.ketenhub.ledger;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import nl.ketenhub.canonical.Hashes;
import nl.ketenhub.canonical.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The message ledger: every accepted message with its state history and its deliveries. Writes are idempotent, so
 * a redelivered broker message can replay any step without harm.
 */
@Component
public class MessageLedger {

    private static final String MESSAGE_COLUMNS = "tracking_id, message_id, sender_oin, recipient_oin, type, relates_to, "
            + "subject_pseudonym, channel, state, size_bytes, payload_sha256, received_at, updated_at";
    private static final String DELIVERY_COLUMNS = "id, tracking_id, recipient_oin, kind, idempotency_key, state, attempts, "
            + "last_error, created_at, updated_at, delivered_at";

    /** The summary state {@link #refreshState} sets, as SQL over the deliveries of the message {@code :id}. */
    private static final String SUMMARY_STATE = "(case "
            + "when exists (select 1 from delivery where tracking_id = :id and state = 'PARKED') then 'PARKED' "
            + "when exists (select 1 from delivery where tracking_id = :id and state = 'QUEUED') then 'ROUTED' "
            + "else 'DELIVERED' end)";

    private final JdbcClient jdbc;
    private final Clock clock;

    public MessageLedger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A new message as an edge received it.
     *
     * @param packed the body compressed ({@link BodyCompression}) when it is that long, otherwise null: the ledger
     *     stores these bytes and the intake queue carries the same ones
     */
    public record NewMessage(
            String messageId,
            String sender,
            String recipient,
            String type,
            String relatesTo,
            String subjectPseudonym,
            String channel,
            int sizeBytes,
            String payloadSha256,
            String body,
            byte[] packed) {

        /** A message whose body is compressed here when it is long enough. */
        public NewMessage(String messageId, String sender, String recipient, String type, String relatesTo,
                String subjectPseudonym, String channel, int sizeBytes, String payloadSha256, String body) {
            this(messageId, sender, recipient, type, relatesTo, subjectPseudonym, channel, sizeBytes, payloadSha256, body,
                    BodyCompression.compressIfLong(body, body.getBytes(StandardCharsets.UTF_8)));
        }

        /**
         * A message with its size, hash and (when long enough) compressed form taken from one UTF-8 encoding of its
         * body (a dossier is 180 KB).
         */
        public static NewMessage of(String messageId, String sender, String recipient, String type, String relatesTo,
                String subjectPseudonym, String channel, String body) {
            byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
            return new NewMessage(messageId, sender, recipient, type, relatesTo, subjectPseudonym, channel, utf8.length,
                    Hashes.sha256(utf8), body, BodyCompression.compressIfLong(body, utf8));
        }
    }

    /** Records a received message; throws {@link org.springframework.dao.DuplicateKeyException} on a repeat. */
    @Transactional
    public String recordReceived(NewMessage m) {
        String trackingId = Ids.next();
        Timestamp now = now();
        jdbc.sql("insert into message (" + MESSAGE_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(trackingId, m.messageId(), m.sender(), m.recipient(), m.type(), m.relatesTo(),
                        m.subjectPseudonym(), m.channel(), MessageState.RECEIVED.name(), m.sizeBytes(), m.payloadSha256(),
                        now, now)
                .update();
        insertBody(trackingId, m);
        insertEvent(trackingId, MessageState.RECEIVED.name(), null, "via " + m.channel(), now);
        return trackingId;
    }

    /**
     * Records a message again under the tracking id the broker still carries, when a crash lost the ledger's entry
     * (an embedded H2 writes its commits to the file in the background; the broker's journal had the message). Safe
     * to repeat. Answers the tracking id the message is kept under: {@code trackingId}, or another one when the
     * sender's repeat of the same messageId was accepted anew after the crash (this copy is then a duplicate).
     */
    @Transactional
    public String recordRecovered(String trackingId, NewMessage m, String detail) {
        Timestamp now = now();
        int inserted = jdbc.sql("insert into message (" + MESSAGE_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict do nothing")
                .params(trackingId, m.messageId(), m.sender(), m.recipient(), m.type(), m.relatesTo(),
                        m.subjectPseudonym(), m.channel(), MessageState.RECEIVED.name(), m.sizeBytes(), m.payloadSha256(),
                        now, now)
                .update();
        if (inserted == 0) {
            return find(trackingId).map(MessageRecord::trackingId)
                    .or(() -> findBySenderAndMessageId(m.sender(), m.messageId()).map(MessageRecord::trackingId))
                    .orElseThrow(() -> new IllegalStateException("message " + trackingId + " neither recorded nor recordable"));
        }
        insertBody(trackingId, m);
        insertEvent(trackingId, MessageState.RECEIVED.name(), null, detail, now);
        return trackingId;
    }

    public Optional<MessageRecord> findBySenderAndMessageId(String sender, String messageId) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + " from message where sender_oin = ? and message_id = ?")
                .params(sender, messageId).query(MessageLedger::mapMessage).optional();
    }

    public Optional<MessageRecord> find(String trackingId) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + " from message where tracking_id = ?")
                .param(trackingId).query(MessageLedger::mapMessage).optional();
    }

    /**
     * The message another message relates to: the one with this messageId that {@code originalSender} sent to
     * {@code originalRecipient}. A sender's messageIds are unique, so the ledger's unique index on them finds it.
     */
    public Optional<MessageRecord> findRelated(String messageId, String originalSender, String originalRecipient) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + " from message where sender_oin = ? and message_id = ? "
                        + "and recipient_oin = ?")
                .params(originalSender, messageId, originalRecipient).query(MessageLedger::mapMessage).optional();
    }

    /**
     * The newest message with this messageId that a partner received, from whichever sender: for an answer that names
     * only the messageId (a gemeente's CSV follow-up of an absence report). It reads the recipient's messages.
     */
    public Optional<MessageRecord> findReceived(String messageId, String recipient) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + " from message where message_id = ? and recipient_oin = ? "
                        + "order by received_at desc")
                .params(messageId, recipient).query(MessageLedger::mapMessage).list().stream().findFirst();
    }

    /** What the console searches messages by; every criterion is optional. */
    public record Search(
            String trackingId,
            String messageId,
            String partner,
            String type,
            String state,
            Instant from,
            Instant until,
            String subjectPseudonym) {}

    /** Messages matching every given criterion, newest first. */
    public List<MessageRecord> search(Search q, int limit) {
        StringBuilder sql = new StringBuilder("select " + MESSAGE_COLUMNS + " from message where 1 = 1");
        java.util.List<Object> params = new java.util.ArrayList<>();
        if (notBlank(q.trackingId())) {
            sql.append(" and tracking_id = ?");
            params.add(q.trackingId().trim());
        }
        if (notBlank(q.messageId())) {
            sql.append(" and message_id = ?");
            params.add(q.messageId().trim());
        }
        if (notBlank(q.partner())) {
            sql.append(" and (sender_oin = ? or recipient_oin = ? or tracking_id in (select tracking_id from delivery where recipient_oin = ?))");
            params.add(q.partner().trim());
            params.add(q.partner().trim());
            params.add(q.partner().trim());
        }
        if (notBlank(q.type())) {
            sql.append(" and type = ?");
            params.add(q.type());
        }
        if (notBlank(q.state())) {
            sql.append(" and state = ?");
            params.add(q.state());
        }
        if (q.from() != null) {
            sql.append(" and received_at >= ?");
            params.add(Timestamp.from(q.from()));
        }
        if (q.until() != null) {
            sql.append(" and received_at < ?");
            params.add(Timestamp.from(q.until()));
        }
        if (notBlank(q.subjectPseudonym())) {
            sql.append(" and subject_pseudonym = ?");
            params.add(q.subjectPseudonym());
        }
        sql.append(" order by received_at desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(MessageLedger::mapMessage).list();
    }

    /** Messages still waiting for the core (RECEIVED or QUEUED) since before a moment, oldest first. */
    public List<MessageRecord> notRoutedSince(Instant before, int limit) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + " from message where state in ('RECEIVED', 'QUEUED') "
                        + "and updated_at < ? order by updated_at limit ?")
                .params(Timestamp.from(before), limit).query(MessageLedger::mapMessage).list();
    }

    /** Message counts per state since a moment (for the overview). */
    public java.util.Map<String, Long> countByState(Instant since) {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.sql("select state, count(*) as n from message where received_at >= ? group by state")
                .param(Timestamp.from(since))
                .query((rs, n) -> counts.put(rs.getString("state"), rs.getLong("n")))
                .list();
        return counts;
    }

    /** Delivered deliveries per recipient (for the overview). */
    public java.util.Map<String, Long> deliveredPerRecipient() {
        return deliveriesPerRecipient("state = 'DELIVERED'");
    }

    /** Per recipient: deliveries that needed more than one attempt (retried after a refusal or a time-out). */
    public java.util.Map<String, Long> retriedPerRecipient() {
        return deliveriesPerRecipient("attempts > 1");
    }

    private java.util.Map<String, Long> deliveriesPerRecipient(String condition) {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.sql("select recipient_oin, count(*) as n from delivery where " + condition + " group by recipient_oin")
                .query((rs, n) -> counts.put(rs.getString("recipient_oin"), rs.getLong("n")))
                .list();
        return counts;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** Every message about one student (by pseudonym), oldest first. */
    public List<MessageRecord> findBySubject(String subjectPseudonym) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + " from message where subject_pseudonym = ? order by received_at")
                .param(subjectPseudonym).query(MessageLedger::mapMessage).list();
    }

    public Optional<String> body(String trackingId) {
        return jdbc.sql("select body, body_zstd, body_gzip from message_body where tracking_id = ?").param(trackingId)
                .query((rs, n) -> {
                    String text = rs.getString("body");
                    if (text != null) {
                        return text;
                    }
                    byte[] zstd = rs.getBytes("body_zstd");
                    return zstd != null ? BodyCompression.fromZstd(zstd)
                            : BodyCompression.fromGzip(rs.getBytes("body_gzip"));
                })
                .optional();
    }

    public List<MessageEvent> history(String trackingId) {
        return jdbc.sql("select at, state, recipient_oin, detail from message_event where tracking_id = ? order by id")
                .param(trackingId)
                .query((rs, n) -> new MessageEvent(rs.getTimestamp("at").toInstant(), rs.getString("state"),
                        rs.getString("recipient_oin"), rs.getString("detail")))
                .list();
    }

    /** Moves the message to a state and records the step. */
    @Transactional
    public void transition(String trackingId, MessageState state, String detail) {
        Timestamp now = now();
        jdbc.sql("update message set state = ?, updated_at = ? where tracking_id = ?")
                .params(state.name(), now, trackingId).update();
        insertEvent(trackingId, state.name(), null, detail, now);
    }

    /**
     * Moves the message to a state only if it is still in {@code from} (atomically), and records the step only then.
     * The edge and the core both confirm a message as queued this way, so the step is recorded once, before routing.
     */
    @Transactional
    public boolean transitionFrom(String trackingId, MessageState from, MessageState state, String detail) {
        Timestamp now = now();
        int changed = jdbc.sql("update message set state = ?, updated_at = ? where tracking_id = ? and state = ?")
                .params(state.name(), now, trackingId, from.name()).update();
        if (changed == 1) {
            insertEvent(trackingId, state.name(), null, detail, now);
        }
        return changed == 1;
    }

    /**
     * Records that the core routed the message: from RECEIVED (also recording that it was on the intake queue, as
     * the edge of a transacted transport does not) or from QUEUED; nothing when it was neither (routed before).
     */
    @Transactional
    public void routed(String trackingId, String queuedDetail, String routedDetail) {
        Timestamp now = now();
        int fromReceived = jdbc.sql("update message set state = ?, updated_at = ? where tracking_id = ? and state = ?")
                .params(MessageState.ROUTED.name(), now, trackingId, MessageState.RECEIVED.name()).update();
        if (fromReceived == 1) {
            jdbc.sql("insert into message_event (tracking_id, at, state, recipient_oin, detail) values (?, ?, ?, null, ?), "
                            + "(?, ?, ?, null, ?)")
                    .params(trackingId, now, MessageState.QUEUED.name(), truncate(queuedDetail),
                            trackingId, now, MessageState.ROUTED.name(), truncate(routedDetail))
                    .update();
        } else {
            transitionFrom(trackingId, MessageState.QUEUED, MessageState.ROUTED, routedDetail);
        }
    }

    /** Records a step that does not change the message's summary state. */
    public void event(String trackingId, String what, String recipient, String detail) {
        insertEvent(trackingId, what, recipient, detail, now());
    }

    /** Creates the delivery unless it exists (same idempotency key); answers the delivery either way. */
    @Transactional
    public DeliveryRecord createDelivery(String trackingId, String recipient, DeliveryKind kind, String idempotencyKey) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Timestamp now = Timestamp.from(at);
        String id = Ids.next();
        int inserted = jdbc.sql("insert into delivery (" + DELIVERY_COLUMNS + ") values (?, ?, ?, ?, ?, ?, 0, null, ?, ?, null) "
                        + "on conflict do nothing")
                .params(id, trackingId, recipient, kind.code(), idempotencyKey, DeliveryState.QUEUED.name(), now, now)
                .update();
        if (inserted == 1) {
            return new DeliveryRecord(id, trackingId, recipient, kind, idempotencyKey, DeliveryState.QUEUED, 0, null,
                    at, at, null);
        }
        return findDeliveryByKey(idempotencyKey).orElseThrow();
    }

    /**
     * Records a delivery again from its queued message, with the id and idempotency key that message carries, when a
     * crash lost the ledger's row. Safe to repeat; answers the delivery with that idempotency key.
     */
    @Transactional
    public DeliveryRecord recordRecoveredDelivery(String id, String trackingId, String recipient, DeliveryKind kind,
            String idempotencyKey) {
        Timestamp now = now();
        int inserted = jdbc.sql("insert into delivery (" + DELIVERY_COLUMNS + ") values (?, ?, ?, ?, ?, ?, 0, null, ?, ?, null) "
                        + "on conflict do nothing")
                .params(id, trackingId, recipient, kind.code(), idempotencyKey, DeliveryState.QUEUED.name(), now, now)
                .update();
        if (inserted == 1) {
            insertEvent(trackingId, "DELIVERY_RECOVERED", recipient, "delivery " + id + " recorded again from the "
                    + "delivery queue: the ledger had lost it in a crash", now);
            refreshState(trackingId, now);
        }
        return findDeliveryByKey(idempotencyKey).orElseThrow();
    }

    public Optional<DeliveryRecord> findDelivery(String id) {
        return jdbc.sql("select " + DELIVERY_COLUMNS + " from delivery where id = ?").param(id)
                .query(MessageLedger::mapDelivery).optional();
    }

    public Optional<DeliveryRecord> findDeliveryByKey(String key) {
        return jdbc.sql("select " + DELIVERY_COLUMNS + " from delivery where idempotency_key = ?").param(key)
                .query(MessageLedger::mapDelivery).optional();
    }

    /** Whether the sender has sent a message of this type (wire name) about the student (by keyed pseudonym). */
    public boolean hasSent(String senderOin, String subjectPseudonym, String type) {
        return jdbc.sql("select count(*) from message where sender_oin = ? and subject_pseudonym = ? and type = ?")
                .params(senderOin, subjectPseudonym, type).query(Long.class).single() > 0;
    }

    /** The recipients the hub carried the sender's message of this type (wire name) and messageId to. */
    public List<String> carriedTo(String messageId, String senderOin, String type) {
        return jdbc.sql("select distinct recipient_oin from message where message_id = ? and sender_oin = ? and type = ?")
                .params(messageId, senderOin, type).query(String.class).list();
    }

    /** A delivery that succeeded: of which message, to whom, when. */
    public record Delivered(String trackingId, String recipient, Instant deliveredAt) {}

    /** The deliveries of these messages, of one kind, that succeeded before {@code before}. */
    public List<Delivered> deliveredBefore(java.util.Collection<String> trackingIds, DeliveryKind kind, Instant before) {
        if (trackingIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select tracking_id, recipient_oin, delivered_at from delivery where tracking_id in (:ids) "
                        + "and kind = :kind and state = 'DELIVERED' and delivered_at < :before")
                .param("ids", List.copyOf(trackingIds)).param("kind", kind.code()).param("before", Timestamp.from(before))
                .query((rs, n) -> new Delivered(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    public List<DeliveryRecord> deliveries(String trackingId) {
        return jdbc.sql("select " + DELIVERY_COLUMNS + " from delivery where tracking_id = ? order by created_at, id")
                .param(trackingId).query(MessageLedger::mapDelivery).list();
    }

    @Transactional
    public void deliveryAttemptFailed(String deliveryId, int attempt, String error) {
        jdbc.sql("update delivery set attempts = ?, last_error = ?, updated_at = ? where id = ?")
                .params(attempt, truncate(error), now(), deliveryId).update();
    }

    /**
     * Moves a delivery to a state and the message's summary state with it. The message row is locked first, so two
     * deliveries of one message finishing at the same moment take turns: the second sees the first's outcome when it
     * summarises, instead of each seeing the other still queued and leaving the message routed for good.
     */
    @Transactional
    public void setDeliveryState(DeliveryRecord delivery, DeliveryState state, int attempts, String error) {
        moveDelivery(delivery, state, attempts, error);
    }

    /**
     * Records a delivery as made: the delivery's state, the message's summary state and the step in its history, in
     * one transaction (one commit, and never the state without the step); answers the message as it was locked
     * (its summary state is the one from before this delivery).
     */
    @Transactional
    public Optional<MessageRecord> delivered(DeliveryRecord delivery, int attempts, String detail) {
        Optional<MessageRecord> message = moveDelivery(delivery, DeliveryState.DELIVERED, attempts, null);
        insertEvent(delivery.trackingId(), "DELIVERED", delivery.recipient(), detail, now());
        return message;
    }

    /**
     * The delivery's move and the message's summary state with it, under the message row's lock; answers the message
     * as it was locked, before its summary state was refreshed.
     */
    private Optional<MessageRecord> moveDelivery(DeliveryRecord delivery, DeliveryState state, int attempts, String error) {
        Optional<MessageRecord> locked = jdbc.sql("select " + MESSAGE_COLUMNS + " from message where tracking_id = ? for update")
                .param(delivery.trackingId()).query(MessageLedger::mapMessage).optional();
        Timestamp now = now();
        jdbc.sql("update delivery set state = ?, attempts = ?, last_error = ?, updated_at = ?, "
                        + "delivered_at = case when ? = 'DELIVERED' then ? else delivered_at end where id = ?")
                .params(state.name(), attempts, truncate(error), now, state.name(), now, delivery.id())
                .update();
        if (locked.isPresent()) {
            refreshState(delivery.trackingId(), now);
        }
        return locked;
    }

    /**
     * The message's summary state from its deliveries' states: parked when one is, routed while one is still queued,
     * delivered otherwise (delivered, cancelled, expired). One statement, which leaves the message alone when it has no
     * deliveries or its state is that already. Run it after the message row is locked: each statement reads what was
     * committed before it started, so the locked message's other deliveries are read as they are now.
     */
    private void refreshState(String trackingId, Timestamp now) {
        jdbc.sql("update message set state = " + SUMMARY_STATE + ", updated_at = :now where tracking_id = :id "
                        + "and state <> " + SUMMARY_STATE + " and exists (select 1 from delivery where tracking_id = :id)")
                .param("now", now).param("id", trackingId).update();
    }

    /** Stores a body compressed when the message carries it so, as text otherwise. */
    private void insertBody(String trackingId, NewMessage m) {
        if (m.packed() != null) {
            jdbc.sql("insert into message_body (tracking_id, body_zstd) values (?, ?)").params(trackingId, m.packed())
                    .update();
        } else {
            jdbc.sql("insert into message_body (tracking_id, body) values (?, ?)").params(trackingId, m.body()).update();
        }
    }

    private void insertEvent(String trackingId, String state, String recipient, String detail, Timestamp at) {
        jdbc.sql("insert into message_event (tracking_id, at, state, recipient_oin, detail) values (?, ?, ?, ?, ?)")
                .params(trackingId, at, state, recipient, truncate(detail)).update();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    static MessageRecord mapMessage(ResultSet rs, int row) throws SQLException {
        return new MessageRecord(rs.getString("tracking_id"), rs.getString("message_id"), rs.getString("sender_oin"),
                rs.getString("recipient_oin"), rs.getString("type"), rs.getString("relates_to"),
                rs.getString("subject_pseudonym"), rs.getString("channel"), MessageState.valueOf(rs.getString("state")),
                rs.getInt("size_bytes"), rs.getString("payload_sha256"), instant(rs, "received_at"),
                instant(rs, "updated_at"));
    }

    static DeliveryRecord mapDelivery(ResultSet rs, int row) throws SQLException {
        return new DeliveryRecord(rs.getString("id"), rs.getString("tracking_id"), rs.getString("recipient_oin"),
                DeliveryKind.fromCode(rs.getString("kind")), rs.getString("idempotency_key"), DeliveryState.valueOf(rs.getString("state")),
                rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "delivered_at"));
    }
}
