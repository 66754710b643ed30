package nl.ketenhub.consent;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.security.SpeakingAuthority;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The consent registry: who consented to which categories reaching whom, for how long, and withdrawals. */
@Component
public class ConsentRegistry implements ConsentLookup {

    private static final String COLUMNS = "id, subject_pseudonym, given_by, categories, recipient_oin, recipient_kind, "
            + "valid_from, valid_until, source, source_ref, recorded_by, reason, created_at, withdrawn_at, withdrawn_by, "
            + "withdrawal_reason";

    /** A consent to record. */
    public record NewConsent(
            String subjectPseudonym,
            String givenBy,
            Set<DataCategory> categories,
            String recipientOin,
            PartnerKind recipientKind,
            LocalDate validFrom,
            LocalDate validUntil,
            String source,
            String sourceRef,
            String recordedBy,
            String reason) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    public ConsentRegistry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<Long> find(String subjectPseudonym, DataCategory category, Partner recipient, LocalDate on,
            boolean parentRequired, String dataSender) {
        return matching(forSubject(subjectPseudonym), category, recipient, on, parentRequired, dataSender);
    }

    /** The student's consents, read once for every category of one decision. */
    @Override
    public ConsentLookup forDecision(String subjectPseudonym) {
        List<ConsentRecord> consents = forSubject(subjectPseudonym);
        return (subject, category, recipient, on, parentRequired, dataSender) -> subject.equals(subjectPseudonym)
                ? matching(consents, category, recipient, on, parentRequired, dataSender)
                : find(subject, category, recipient, on, parentRequired, dataSender);
    }

    private static Optional<Long> matching(List<ConsentRecord> consents, DataCategory category, Partner recipient,
            LocalDate on, boolean parentRequired, String dataSender) {
        return consents.stream()
                .filter(c -> SpeakingAuthority.consentReleases(c.source(), c.recordedBy(), dataSender))
                .filter(c -> c.categories().contains(category))
                .filter(c -> c.coversRecipient(recipient))
                .filter(c -> c.validOn(on))
                .filter(c -> !parentRequired || c.byParentOrGuardian())
                // the most specific and most recent consent explains the decision
                .sorted(Comparator.comparing((ConsentRecord c) -> c.recipientOin() == null)
                        .thenComparing(ConsentRecord::createdAt, Comparator.reverseOrder()))
                .map(ConsentRecord::id)
                .findFirst();
    }

    /** Records a consent; a second record from the same source reference answers the first one's id. */
    public ConsentRecord record(NewConsent c) {
        if (c.sourceRef() != null) {
            Optional<ConsentRecord> earlier = findBySource(c.source(), c.sourceRef());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        // Two records from one source at the same moment: the second inserts nothing and answers the first. Not a
        // failed statement: the core step records consent messages in its transaction, which one would abort on
        // PostgreSQL.
        int inserted = jdbc.sql("insert into consent (subject_pseudonym, given_by, categories, recipient_oin, recipient_kind, "
                        + "valid_from, valid_until, source, source_ref, recorded_by, reason, created_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(c.subjectPseudonym(), c.givenBy(), join(c.categories()), c.recipientOin(),
                        c.recipientKind() == null ? null : c.recipientKind().name(), Date.valueOf(c.validFrom()),
                        c.validUntil() == null ? null : Date.valueOf(c.validUntil()), c.source(), c.sourceRef(),
                        c.recordedBy(), c.reason(), Timestamp.from(clock.instant()))
                .update(keys, "id");
        if (inserted == 0) {
            return findBySource(c.source(), c.sourceRef()).orElseThrow();
        }
        return get(keys.getKey().longValue());
    }

    public Optional<ConsentRecord> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from consent where id = ?").param(id).query(ConsentRegistry::map).optional();
    }

    public ConsentRecord get(long id) {
        return find(id).orElseThrow(() -> new IllegalStateException("no consent " + id));
    }

    public Optional<ConsentRecord> findBySource(String source, String sourceRef) {
        return jdbc.sql("select " + COLUMNS + " from consent where source = ? and source_ref = ?")
                .params(source, sourceRef).query(ConsentRegistry::map).optional();
    }

    /** Whether any consent (current, expired or withdrawn) was ever recorded for the student. */
    public boolean anyFor(String subjectPseudonym) {
        return jdbc.sql("select count(*) from consent where subject_pseudonym = ?").param(subjectPseudonym)
                .query(Long.class).single() > 0;
    }

    public List<ConsentRecord> forSubject(String subjectPseudonym) {
        return jdbc.sql("select " + COLUMNS + " from consent where subject_pseudonym = ? order by id")
                .param(subjectPseudonym).query(ConsentRegistry::map).list();
    }

    public List<ConsentRecord> recordedBy(String recordedBy, int limit) {
        return jdbc.sql("select " + COLUMNS + " from consent where recorded_by = ? order by id desc limit ?")
                .params(recordedBy, limit).query(ConsentRegistry::map).list();
    }

    public List<ConsentRecord> latest(int limit) {
        return jdbc.sql("select " + COLUMNS + " from consent order by id desc limit ?")
                .param(limit).query(ConsentRegistry::map).list();
    }

    /** Withdraws a consent at once; false if it was already withdrawn. */
    public boolean withdraw(long id, String by, String reason) {
        return jdbc.sql("update consent set withdrawn_at = ?, withdrawn_by = ?, withdrawal_reason = ? "
                        + "where id = ? and withdrawn_at is null")
                .params(Timestamp.from(clock.instant()), by, reason, id)
                .update() == 1;
    }

    static String join(Set<DataCategory> categories) {
        return categories.stream().sorted().map(DataCategory::wireName).collect(Collectors.joining(","));
    }

    static Set<DataCategory> split(String categories) {
        Set<DataCategory> out = EnumSet.noneOf(DataCategory.class);
        if (categories != null && !categories.isBlank()) {
            Arrays.stream(categories.split(",")).map(String::trim).map(DataCategory::fromWireName).forEach(out::add);
        }
        return out;
    }

    private static ConsentRecord map(ResultSet rs, int row) throws SQLException {
        Date until = rs.getDate("valid_until");
        Timestamp withdrawn = rs.getTimestamp("withdrawn_at");
        String kind = rs.getString("recipient_kind");
        return new ConsentRecord(rs.getLong("id"), rs.getString("subject_pseudonym"), rs.getString("given_by"),
                split(rs.getString("categories")), rs.getString("recipient_oin"),
                kind == null ? null : PartnerKind.valueOf(kind), rs.getDate("valid_from").toLocalDate(),
                until == null ? null : until.toLocalDate(), rs.getString("source"), rs.getString("source_ref"),
                rs.getString("recorded_by"), rs.getString("reason"), rs.getTimestamp("created_at").toInstant(),
                withdrawn == null ? null : withdrawn.toInstant(), rs.getString("withdrawn_by"),
                rs.getString("withdrawal_reason"));
    }
}
