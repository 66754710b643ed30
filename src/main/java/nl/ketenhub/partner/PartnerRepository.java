package nl.ketenhub.partner;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The partner directory table. */
@Repository
public class PartnerRepository {

    private static final String COLUMNS = "oin, name, kind, brin, gemeentecode, channel, endpoint, format, "
            + "api_key_hint, ack_period_days, enabled, demo, created_at, updated_at, key_rotated_at";

    /** How long a partner read by OIN is reused: every message looks its partners up several times. */
    static final long CACHE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private record Cached(Optional<Partner> partner, long readAt) {}

    private final JdbcClient jdbc;
    private record CachedList(List<Partner> partners, long readAt) {}

    private final java.util.Map<String, Cached> byOin = new java.util.concurrent.ConcurrentHashMap<>();
    /** Look-ups by gemeentecode and by BRIN, reused like those by OIN; emptied by every write. */
    private final java.util.Map<String, CachedList> byCode = new java.util.concurrent.ConcurrentHashMap<>();

    public PartnerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Partner> findAll() {
        return jdbc.sql("select " + COLUMNS + " from partner order by kind, name").query(PartnerRepository::map).list();
    }

    /**
     * The partner with this OIN. Reads are reused for a few seconds: a change made through this instance is seen at
     * once; one made through another instance of the hub after at most {@link #CACHE_NANOS}. Authentication never
     * uses this cache: a rotated key or a disabled partner is refused at once everywhere.
     */
    public Optional<Partner> findByOin(String oin) {
        long now = System.nanoTime();
        Cached cached = byOin.get(oin);
        if (cached != null && now - cached.readAt() < CACHE_NANOS) {
            return cached.partner();
        }
        Optional<Partner> partner = jdbc.sql("select " + COLUMNS + " from partner where oin = ?").param(oin)
                .query(PartnerRepository::map).optional();
        byOin.put(oin, new Cached(partner, now));
        return partner;
    }

    /** A partner found by its API key, with its authentication mode as stored (a wire name, null when none is set). */
    public record KeyHolder(Partner partner, String authMode) {}

    /** The partner holding this API key hash and its authentication mode, in one read (never from the cache). */
    public Optional<KeyHolder> findByKeyHash(String hash) {
        return jdbc.sql("select " + COLUMNS + ", auth_mode from partner where api_key_hash = ?").param(hash)
                .query((rs, n) -> new KeyHolder(map(rs, n), rs.getString("auth_mode"))).optional();
    }

    /** The enabled gemeente partners with this gemeentecode; reused for a few seconds as {@link #findByOin}. */
    public List<Partner> findGemeente(String gemeentecode) {
        return cachedList("gemeente:" + gemeentecode, () -> jdbc.sql("select " + COLUMNS
                        + " from partner where kind = 'GEMEENTE' and gemeentecode = ? and enabled = true")
                .param(gemeentecode).query(PartnerRepository::map).list());
    }

    /** The first enabled partner with this BRIN; reused for a few seconds as {@link #findByOin}. */
    public Optional<Partner> findByBrin(String brin) {
        return cachedList("brin:" + brin, () -> jdbc.sql("select " + COLUMNS
                        + " from partner where brin = ? and enabled = true order by oin")
                .param(brin).query(PartnerRepository::map).list()).stream().findFirst();
    }

    private List<Partner> cachedList(String key, java.util.function.Supplier<List<Partner>> read) {
        long now = System.nanoTime();
        CachedList cached = byCode.get(key);
        if (cached != null && now - cached.readAt() < CACHE_NANOS) {
            return cached.partners();
        }
        List<Partner> partners = List.copyOf(read.get());
        byCode.put(key, new CachedList(partners, now));
        return partners;
    }

    /** Forgets every cached read of this partner and every look-up by code it may have been part of. */
    private void forget(String oin) {
        byOin.remove(oin);
        byCode.clear();
    }

    public void insert(Partner p, String keyHash) {
        jdbc.sql("insert into partner (oin, name, kind, brin, gemeentecode, channel, endpoint, format, api_key_hash, "
                        + "api_key_hint, ack_period_days, enabled, demo, created_at, updated_at, key_rotated_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(p.oin(), p.name(), p.kind().name(), p.brin(), p.gemeentecode(), p.channel().name(),
                        p.endpoint(), p.format().wireName(), keyHash, p.apiKeyHint(), p.ackPeriodDays(), p.enabled(),
                        p.demo(), ts(p.createdAt()), ts(p.updatedAt()), ts(p.keyRotatedAt()))
                .update();
        forget(p.oin());
    }

    public void update(Partner p) {
        jdbc.sql("update partner set name = ?, kind = ?, brin = ?, gemeentecode = ?, channel = ?, endpoint = ?, "
                        + "format = ?, ack_period_days = ?, enabled = ?, updated_at = ? where oin = ?")
                .params(p.name(), p.kind().name(), p.brin(), p.gemeentecode(), p.channel().name(), p.endpoint(),
                        p.format().wireName(), p.ackPeriodDays(), p.enabled(), ts(p.updatedAt()), p.oin())
                .update();
        forget(p.oin());
    }

    public void updateKey(String oin, String keyHash, String hint, Instant at) {
        jdbc.sql("update partner set api_key_hash = ?, api_key_hint = ?, key_rotated_at = ?, updated_at = ? where oin = ?")
                .params(keyHash, hint, ts(at), ts(at), oin)
                .update();
        forget(oin);
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Partner map(ResultSet rs, int row) throws SQLException {
        return new Partner(
                rs.getString("oin"),
                rs.getString("name"),
                PartnerKind.valueOf(rs.getString("kind")),
                rs.getString("brin"),
                rs.getString("gemeentecode"),
                Channel.valueOf(rs.getString("channel")),
                rs.getString("endpoint"),
                PartnerFormat.fromWireName(rs.getString("format")),
                rs.getString("api_key_hint"),
                rs.getInt("ack_period_days"),
                rs.getBoolean("enabled"),
                rs.getBoolean("demo"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getTimestamp("key_rotated_at").toInstant());
    }

    // ---- how a partner authenticates (security keeps the rules; the columns are the partner's) ----

    /** The partner's authentication mode as stored (a wire name), or empty for an unknown partner or none set. */
    public Optional<String> authMode(String oin) {
        return jdbc.sql("select auth_mode from partner where oin = ?").param(oin).query(String.class).optional();
    }

    /** Sets the partner's authentication mode (a wire name); false when no such partner exists. */
    public boolean setAuthMode(String oin, String mode) {
        return jdbc.sql("update partner set auth_mode = ? where oin = ?").params(mode, oin).update() == 1;
    }

    public Optional<String> brokerUser(String oin) {
        return jdbc.sql("select broker_user from partner where oin = ?").param(oin).query(String.class).optional();
    }

    public void setBrokerUser(String oin, String brokerUser) {
        jdbc.sql("update partner set broker_user = ? where oin = ?").params(brokerUser, oin).update();
    }

    public Optional<String> inboxAccount(String oin) {
        return jdbc.sql("select inbox_account from partner where oin = ?").param(oin).query(String.class).optional();
    }

    public void setInboxAccount(String oin, String account) {
        jdbc.sql("update partner set inbox_account = ? where oin = ?").params(account, oin).update();
    }

    /** Every broker user that is set, by partner OIN. */
    public java.util.Map<String, String> brokerUsers() {
        java.util.Map<String, String> users = new java.util.LinkedHashMap<>();
        jdbc.sql("select oin, broker_user from partner where broker_user is not null")
                .query((rs, n) -> users.put(rs.getString(1), rs.getString(2))).list();
        return users;
    }
}
