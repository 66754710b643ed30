package nl.ketenhub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.ketenhub.canonical.DataCategory;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Consents and held parts recorded before the finer categories (V6_2, V6_3) keep their meaning. */
class FinerCategoriesMigrationTest {

    @Test
    void shouldLetEveryConsentAndHeldPartNameTheFinerCategoriesOfWhatItNamed() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(db).locations("classpath:db/migration").target("5").load().migrate();
        JdbcClient jdbc = JdbcClient.create(db);
        consent(jdbc, "a", "identity,results,support-needs");
        consent(jdbc, "b", "transfer-advice,attendance");
        consent(jdbc, "c", "results");
        consent(jdbc, "d", "school-career,transfer-advice");
        heldPart(jdbc, "results,attachments");
        heldPart(jdbc, "support-needs");
        heldPart(jdbc, "school-career");

        Flyway.configure().dataSource(db).locations("classpath:db/migration").target("6.2").load().migrate();

        List<Set<DataCategory>> consents = jdbc.sql("select categories from consent order by source_ref")
                .query(String.class).list().stream().map(ConsentRegistry::split).toList();
        assertThat(consents).containsExactly(
                Set.of(DataCategory.IDENTITY, DataCategory.RESULTS, DataCategory.TEST_RESULTS, DataCategory.SUPPORT_NEEDS),
                Set.of(DataCategory.TRANSFER_ADVICE, DataCategory.ATTENDANCE),
                Set.of(DataCategory.RESULTS, DataCategory.TEST_RESULTS),
                Set.of(DataCategory.SCHOOL_CAREER, DataCategory.EARLY_CHILDHOOD, DataCategory.TRANSFER_ADVICE));
        List<Set<DataCategory>> held = jdbc.sql("select categories from held_part order by held_at")
                .query(String.class).list().stream().map(ConsentRegistry::split).toList();
        assertThat(held).containsExactly(
                Set.of(DataCategory.RESULTS, DataCategory.TEST_RESULTS, DataCategory.ATTACHMENTS),
                Set.of(DataCategory.SUPPORT_NEEDS),
                Set.of(DataCategory.SCHOOL_CAREER, DataCategory.EARLY_CHILDHOOD));
    }

    @Test
    void shouldLetEveryConsentAndHeldPartNameTheCategoriesSplitOffResultsSupportNeedsAndSchoolCareer() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(db).locations("classpath:db/migration").target("6.2").load().migrate();
        JdbcClient jdbc = JdbcClient.create(db);
        consent(jdbc, "a", "identity,results,test-results,support-needs");
        consent(jdbc, "b", "transfer-advice,attendance");
        consent(jdbc, "c", "results,grade-lists");
        consent(jdbc, "d", "school-career,early-childhood");
        heldPart(jdbc, "results,test-results,attachments");
        heldPart(jdbc, "support-needs");
        heldPart(jdbc, "school-career,early-childhood");

        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();

        List<Set<DataCategory>> consents = jdbc.sql("select categories from consent order by source_ref")
                .query(String.class).list().stream().map(ConsentRegistry::split).toList();
        assertThat(consents).containsExactly(
                Set.of(DataCategory.IDENTITY, DataCategory.RESULTS, DataCategory.GRADE_LISTS,
                        DataCategory.PRIMARY_FINAL_TEST, DataCategory.TEST_RESULTS, DataCategory.SUPPORT_NEEDS,
                        DataCategory.ACTION_PLANS),
                Set.of(DataCategory.TRANSFER_ADVICE, DataCategory.ATTENDANCE),
                Set.of(DataCategory.RESULTS, DataCategory.GRADE_LISTS, DataCategory.PRIMARY_FINAL_TEST),
                // the diploma, certificates, competences and internships of cat_vombo moved from school-career to results
                Set.of(DataCategory.SCHOOL_CAREER, DataCategory.EARLY_CHILDHOOD, DataCategory.RESULTS));
        List<String> rawConsentC = jdbc.sql("select categories from consent where source_ref = 'c'").query(String.class).list();
        assertThat(rawConsentC.get(0).split(",")).as("a category the consent already named is not added twice")
                .containsOnlyOnce("grade-lists");
        List<Set<DataCategory>> held = jdbc.sql("select categories from held_part order by held_at")
                .query(String.class).list().stream().map(ConsentRegistry::split).toList();
        assertThat(held).containsExactly(
                Set.of(DataCategory.RESULTS, DataCategory.GRADE_LISTS, DataCategory.PRIMARY_FINAL_TEST,
                        DataCategory.TEST_RESULTS, DataCategory.ATTACHMENTS),
                Set.of(DataCategory.SUPPORT_NEEDS, DataCategory.ACTION_PLANS),
                Set.of(DataCategory.SCHOOL_CAREER, DataCategory.EARLY_CHILDHOOD, DataCategory.RESULTS));
    }

    private static void consent(JdbcClient jdbc, String ref, String categories) {
        jdbc.sql("insert into consent (subject_pseudonym, given_by, categories, recipient_kind, valid_from, source,"
                        + " source_ref, recorded_by, created_at) values ('p', 'student', ?, 'MBO', ?, 'api', ?, 'test', ?)")
                .params(categories, LocalDate.of(2026, 9, 1), ref, java.sql.Timestamp.from(Instant.parse("2026-09-01T10:00:00Z")))
                .update();
    }

    private static int heldParts;

    private static void heldPart(JdbcClient jdbc, String categories) {
        heldParts++;
        Instant at = Instant.parse("2026-09-01T10:00:00Z").plusSeconds(heldParts);
        jdbc.sql("insert into held_part (id, delivery_id, tracking_id, recipient_oin, subject_pseudonym, categories, state,"
                        + " held_at, expires_at) values (?, ?, 't', '00000099700000000101', 'p', ?, 'HELD', ?, ?)")
                .params(UUID.randomUUID().toString(), UUID.randomUUID().toString(), categories, java.sql.Timestamp.from(at),
                        java.sql.Timestamp.from(at.plusSeconds(86_400)))
                .update();
    }
}
