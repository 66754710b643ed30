package nl.ketenhub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.UUID;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerFormat;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.support.MutableClock;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Consent windows, withdrawal and the parent rule, against the real migrations on an in-memory H2. */
class ConsentRegistryTest {

    private static final LocalDate TODAY = LocalDate.of(2027, 3, 15);
    private static final String SUBJECT = "a".repeat(64);

    private final MutableClock clock = new MutableClock(Instant.parse("2027-03-15T10:00:00Z"));
    private ConsentRegistry registry;
    private final Partner mbo = partner("00000099700000000101", PartnerKind.MBO);
    private final Partner otherMbo = partner("00000099700000000102", PartnerKind.MBO);

    @BeforeEach
    void database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        registry = new ConsentRegistry(JdbcClient.create(ds), clock);
    }

    @Test
    void shouldNotCountAConsentThatIsNotYetValid() {
        record("student", mbo.oin(), null, TODAY.plusDays(1), null);
        assertThat(registry.find(SUBJECT, DataCategory.SUPPORT_NEEDS, mbo, TODAY, false, SENDER)).isEmpty();
        assertThat(registry.find(SUBJECT, DataCategory.SUPPORT_NEEDS, mbo, TODAY.plusDays(1), false, SENDER)).isPresent();
    }

    @Test
    void shouldCountAConsentWithinItsWindowIncludingItsLastDay() {
        ConsentRecord c = record("student", mbo.oin(), null, TODAY.minusDays(10), TODAY);
        assertThat(registry.find(SUBJECT, DataCategory.SUPPORT_NEEDS, mbo, TODAY, false, SENDER)).contains(c.id());
    }

    @Test
    void shouldNotCountAnExpiredConsent() {
        record("student", mbo.oin(), null, TODAY.minusDays(10), TODAY.minusDays(1));
        assertThat(registry.find(SUBJECT, DataCategory.SUPPORT_NEEDS, mbo, TODAY, false, SENDER)).isEmpty();
    }

    @Test
    void shouldStopCountingAConsentTheMomentItIsWithdrawn() {
        ConsentRecord c = record("student", mbo.oin(), null, TODAY.minusDays(10), null);
        assertThat(registry.withdraw(c.id(), "tester", "changed mind")).isTrue();
        assertThat(registry.withdraw(c.id(), "tester", "again")).isFalse();
        assertThat(registry.find(SUBJECT, DataCategory.SUPPORT_NEEDS, mbo, TODAY, false, SENDER)).isEmpty();
        assertThat(registry.get(c.id()).statusOn(TODAY)).isEqualTo("withdrawn");
    }

    @Test
    void shouldCoverOnlyTheNamedPartnerOrEveryPartnerOfTheKind() {
        record("student", mbo.oin(), null, TODAY, null);
        assertThat(registry.find(SUBJECT, DataCategory.SUPPORT_NEEDS, otherMbo, TODAY, false, SENDER)).isEmpty();
        record("student", null, PartnerKind.MBO, TODAY, null);
        assertThat(registry.find(SUBJECT, DataCategory.SUPPORT_NEEDS, otherMbo, TODAY, false, SENDER)).isPresent();
        assertThat(registry.find(SUBJECT, DataCategory.SUPPORT_NEEDS, partner("00000099700000000002", PartnerKind.VO), TODAY,
                false, SENDER)).isEmpty();
    }

    @Test
    void shouldCountOnlyAParentsOrGuardiansConsentWhenTheParentRuleApplies() {
        record("student", mbo.oin(), null, TODAY, null);
        assertThat(registry.find(SUBJECT, DataCategory.SUPPORT_NEEDS, mbo, TODAY, true, SENDER)).isEmpty();
        ConsentRecord guardian = record("guardian", mbo.oin(), null, TODAY, null);
        assertThat(registry.find(SUBJECT, DataCategory.SUPPORT_NEEDS, mbo, TODAY, true, SENDER)).contains(guardian.id());
    }

    @Test
    void shouldCountOnlyTheCategoriesConsentedTo() {
        record("student", mbo.oin(), null, TODAY, null);
        assertThat(registry.find(SUBJECT, DataCategory.ATTACHMENTS, mbo, TODAY, false, SENDER)).isEmpty();
    }

    @Test
    void shouldReleaseOnlyDataSentByTheSchoolThatRecordedTheConsentUnlessAnAdminRecordedIt() {
        record("student", mbo.oin(), null, TODAY, null);
        assertThat(registry.find(SUBJECT, DataCategory.SUPPORT_NEEDS, mbo, TODAY, false, SENDER)).isPresent();
        assertThat(registry.find(SUBJECT, DataCategory.SUPPORT_NEEDS, mbo, TODAY, false, "00000099700000000002")).isEmpty();

        ConsentRecord admin = registry.record(new ConsentRegistry.NewConsent(SUBJECT, "parent",
                EnumSet.of(DataCategory.SUPPORT_NEEDS), mbo.oin(), null, TODAY, null, "admin", null, "admin",
                "paper form received by the hub's helpdesk"));
        assertThat(registry.find(SUBJECT, DataCategory.SUPPORT_NEEDS, mbo, TODAY, false, "00000099700000000002"))
                .contains(admin.id());
    }

    @Test
    void shouldRecordAConsentFromOneSourceOnlyOnce() {
        ConsentRegistry.NewConsent c = new ConsentRegistry.NewConsent(SUBJECT, "student",
                EnumSet.of(DataCategory.SUPPORT_NEEDS), mbo.oin(), null, TODAY, null, "message", "tracking-1", "x", null);
        assertThat(registry.record(c).id()).isEqualTo(registry.record(c).id());
        assertThat(registry.forSubject(SUBJECT)).hasSize(1);
    }

    private static final String SENDER = "00000099700000000001";

    private ConsentRecord record(String givenBy, String oin, PartnerKind kind, LocalDate from, LocalDate until) {
        return registry.record(new ConsentRegistry.NewConsent(SUBJECT, givenBy,
                EnumSet.of(DataCategory.SUPPORT_NEEDS, DataCategory.TRANSFER_ADVICE), oin, kind, from, until, "api", null,
                SENDER, null));
    }

    private static Partner partner(String oin, PartnerKind kind) {
        Instant now = Instant.parse("2027-01-01T00:00:00Z");
        return new Partner(oin, "Test", kind, "25XA", null, Channel.REST, "http://localhost/x", PartnerFormat.CANONICAL_JSON,
                "kh_x", 10, true, false, now, now, now);
    }
}
