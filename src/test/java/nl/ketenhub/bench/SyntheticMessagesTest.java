package nl.ketenhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import nl.ketenhub.canonical.CanonicalValidator;
import nl.ketenhub.canonical.Identifiers;
import org.junit.jupiter.api.Test;

class SyntheticMessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    private static final String VO = "00000099800000000001";
    private static final String MBO = "00000099800000000101";

    private final ObjectMapper mapper = new ObjectMapper();
    private final CanonicalValidator validator = new CanonicalValidator(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldMakeBsnsThatPassTheElevenTest() {
        IntStream.range(0, 2_000).mapToObj(SyntheticMessages::bsn)
                .forEach(bsn -> assertThat(Identifiers.checkBsn(bsn)).as(bsn).isEmpty());
        assertThat(IntStream.range(0, 2_000).mapToObj(SyntheticMessages::bsn).distinct().count()).isEqualTo(2_000);
    }

    @Test
    void shouldMakeAFullDossierOfAbout180KbThatTheHubAccepts() throws Exception {
        SyntheticMessages.Template dossier = SyntheticMessages.dossier(VO, MBO, 3, TODAY, NOW.minusSeconds(60), 180 * 1024);

        JsonNode envelope = mapper.readTree(dossier.render("bench.dossier.hub.t0-17-123456789", SyntheticMessages.bsn(17)));
        assertThat(validator.validate(envelope)).isEmpty();
        assertThat(dossier.typicalBytes()).isBetween(180 * 1024, 190 * 1024);
        assertThat(envelope.at("/payload").fieldNames()).toIterable().contains("student", "schoolCareer", "results", "gradeLists",
                "primaryFinalTest", "actionPlans",
                "transferAdvice", "supportNeeds", "attendance", "parentsGuardians", "attachments");
        assertThat(envelope.at("/payload/schoolCareer/entries").size()).isGreaterThan(30);
        assertThat(envelope.at("/payload/gradeLists/lists").size()).isGreaterThan(16);
        assertThat(envelope.at("/payload/supportNeeds/diagnoses").size()).isPositive();
    }

    @Test
    void shouldMakeASmallStatusOfAbout1KbThatTheHubAccepts() throws Exception {
        SyntheticMessages.Template status = SyntheticMessages.status(MBO, VO, 5, TODAY, NOW.minusSeconds(60), 1024);

        assertThat(validator.validate(mapper.readTree(status.render("bench.small.hub.t0-5-123456789", SyntheticMessages.bsn(5))))).isEmpty();
        assertThat(status.typicalBytes()).isBetween(1000, 1100);
    }

    @Test
    void shouldPutTheMessageIdAndTheBsnWhereThePlaceholdersWere() throws Exception {
        SyntheticMessages.Template status = SyntheticMessages.status(MBO, VO, 0, TODAY, NOW, 1024);

        JsonNode envelope = mapper.readTree(status.render("bench-id-42", "999990019"));
        assertThat(envelope.get("messageId").asText()).isEqualTo("bench-id-42");
        assertThat(envelope.at("/payload/student/bsn").asText()).isEqualTo("999990019");
    }

    @Test
    void shouldHandOutEveryStudentOfAPoolInTurnAndNoStudentOfAnotherPool() {
        StudentPool first = new StudentPool(0, 1_000);
        StudentPool second = new StudentPool(1_000, 1_000);
        java.util.List<String> a = IntStream.range(0, 2_000).mapToObj(i -> first.nextBsn()).toList();
        java.util.List<String> b = IntStream.range(0, 1_000).mapToObj(i -> second.nextBsn()).toList();

        assertThat(a.subList(0, 1_000)).doesNotHaveDuplicates().isEqualTo(a.subList(1_000, 2_000));
        assertThat(b).doesNotHaveDuplicates().doesNotContainAnyElementsOf(a);
    }
}
