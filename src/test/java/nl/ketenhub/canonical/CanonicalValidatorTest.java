package nl.ketenhub.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalValidatorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    private final ObjectMapper mapper = new ObjectMapper();
    private final CanonicalValidator validator = new CanonicalValidator(CLOCK);

    @ParameterizedTest
    @ValueSource(strings = {
        "transfer-dossier", "application-status", "enrolment-notice", "expected-transfer", "acknowledgement", "consent",
        "notification", "absence-report", "absence-follow-up", "absence-withdrawal"
    })
    void shouldAcceptEveryPublishedExample(String type) throws IOException {
        assertThat(validator.validate(example(type))).isEmpty();
    }

    @Test
    void shouldNameTheBsnCheckDigitFailureWithItsPointer() throws IOException {
        ObjectNode msg = example("transfer-dossier");
        ((ObjectNode) msg.at("/payload/student")).put("bsn", "628194822");

        assertThat(validator.validate(msg))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.pointer()).isEqualTo("/payload/student/bsn");
                    assertThat(v.message()).contains("11-proef").doesNotContain("628194822");
                });
    }

    @Test
    void shouldListEveryViolationAtOnce() throws IOException {
        ObjectNode msg = example("application-status");
        msg.put("sender", "123");
        ((ObjectNode) msg.at("/payload")).put("status", "aangenomen");
        ((ObjectNode) msg.at("/payload")).remove("statusDate");
        ((ObjectNode) msg.at("/payload/student")).put("gemeentecode", "36");
        ((ObjectNode) msg.at("/payload")).put("colour", "blue");

        assertThat(validator.validate(msg))
                .extracting(Violation::pointer)
                .containsExactlyInAnyOrder(
                        "/sender", "/payload/status", "/payload/statusDate", "/payload/student/gemeentecode",
                        "/payload/colour");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2027-02-29", "2027-04-31", "2027-13-01", "2027-3-15", "15-03-2027", "+2027-03-15"})
    void shouldNameADateThatIsNoCalendarDayOrNotWrittenAsYyyyMmDd(String date) throws IOException {
        ObjectNode msg = example("application-status");
        ((ObjectNode) msg.at("/payload")).put("statusDate", date);

        assertThat(validator.validate(msg))
                .extracting(Violation::pointer, Violation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/payload/statusDate",
                        "must be a date written as YYYY-MM-DD"));
    }

    @Test
    void shouldRequireExactlyOneStudentIdentifier() throws IOException {
        ObjectNode msg = example("application-status");
        ((ObjectNode) msg.at("/payload/student")).remove("bsn");

        assertThat(validator.validate(msg)).isNotEmpty()
                .allSatisfy(v -> assertThat(v.pointer()).startsWith("/payload/student"));
    }

    @Test
    void shouldRejectBirthDateInTheFuture() throws IOException {
        ObjectNode msg = example("transfer-dossier");
        ((ObjectNode) msg.at("/payload/student")).put("birthDate", "2027-01-01");

        assertThat(validator.validate(msg))
                .extracting(Violation::pointer, Violation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/payload/student/birthDate", "birthDate lies in the future"));
    }

    @Test
    void shouldRejectConsentEndingBeforeItStarts() throws IOException {
        ObjectNode msg = example("consent");
        ((ObjectNode) msg.at("/payload")).put("validUntil", "2026-01-01");

        assertThat(validator.validate(msg)).extracting(Violation::pointer).containsExactly("/payload/validUntil");
    }

    @Test
    void shouldNameAnEndDateBeforeItsStartInsideAnArray() throws IOException {
        ObjectNode msg = example("transfer-dossier");
        ((ObjectNode) msg.at("/payload/supportNeeds/arrangements/0")).put("endDate", "2024-08-31");

        assertThat(validator.validate(msg)).extracting(Violation::pointer, Violation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/payload/supportNeeds/arrangements/0/endDate",
                        "endDate lies before startDate"));
    }

    @Test
    void shouldRequireRelatesToOnAcknowledgements() throws IOException {
        ObjectNode msg = example("acknowledgement");
        msg.remove("relatesTo");

        assertThat(validator.validate(msg)).extracting(Violation::pointer).containsExactly("/relatesTo");
    }

    @Test
    void shouldRejectWrongSectionCategory() throws IOException {
        ObjectNode msg = example("transfer-dossier");
        ((ObjectNode) msg.at("/payload/supportNeeds")).put("category", "identity");

        assertThat(validator.validate(msg)).extracting(Violation::pointer).containsExactly("/payload/supportNeeds/category");
    }

    @Test
    void shouldSendAnAdultWithoutStartkwalificatieToTheRmcNotToLeerplicht() throws IOException {
        ObjectNode msg = example("absence-report");
        ((ObjectNode) msg.at("/payload/student")).put("birthDate", "2007-05-01");

        assertThat(validator.validate(msg)).extracting(Violation::pointer, Violation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/payload/function",
                        "must be rmc for this student (age at the end of the period 19)"));

        ((ObjectNode) msg.at("/payload")).put("function", "rmc");
        assertThat(validator.validate(msg)).isEmpty();

        ((ObjectNode) msg.at("/payload/student")).put("hasStartkwalificatie", true);
        assertThat(validator.validate(msg)).extracting(Violation::pointer).containsExactly("/payload/student");
    }

    @Test
    void shouldHoldUnauthorisedAbsenceToTheThresholdAndItsDay() throws IOException {
        ObjectNode msg = example("absence-report");
        ((ObjectNode) msg.at("/payload")).put("hoursMissed", 12);
        ((ObjectNode) msg.at("/payload/period")).put("thresholdReachedOn", "2026-11-02");

        assertThat(validator.validate(msg)).extracting(Violation::pointer)
                .containsExactly("/payload/hoursMissed", "/payload/period/thresholdReachedOn");

        ((ObjectNode) msg.at("/payload")).put("kind", "signal");
        ((ObjectNode) msg.at("/payload")).put("hoursMissed", 16);
        ((ObjectNode) msg.at("/payload/period")).remove("thresholdReachedOn");
        assertThat(validator.validate(msg)).extracting(Violation::pointer).containsExactly("/payload/kind");
    }

    @Test
    void shouldCheckTheAbsenceReportsIdentifiersAndLocation() throws IOException {
        ObjectNode msg = example("absence-report");
        ((ObjectNode) msg.at("/payload/student")).put("bsn", "252760188");
        ((ObjectNode) msg.at("/payload/school")).remove("vestigingscode");
        ((ObjectNode) msg.at("/payload/contact")).remove("phone");
        ((ObjectNode) msg.at("/payload/contact")).remove("email");
        ((ObjectNode) msg.at("/payload")).remove("hoursMissed");
        ((ObjectNode) msg.at("/payload")).remove("lessonsMissed");
        ((ObjectNode) msg.at("/payload")).set("supportNeeds", mapper.createObjectNode());

        assertThat(validator.validate(msg)).extracting(Violation::pointer).containsExactlyInAnyOrder(
                "/payload/lessonsMissed", "/payload/contact/email", "/payload/school/vestigingscode", "/payload/student/bsn",
                "/payload/supportNeeds");
    }

    @Test
    void shouldRequireTheReportOnFollowUpsAndWithdrawalsAndACodeOnAMeasure() throws IOException {
        ObjectNode followUp = example("absence-follow-up");
        followUp.remove("relatesTo");
        ((ObjectNode) followUp.at("/payload")).remove("code");
        assertThat(validator.validate(followUp)).extracting(Violation::pointer)
                .containsExactlyInAnyOrder("/relatesTo", "/payload/code");

        ObjectNode withdrawal = example("absence-withdrawal");
        withdrawal.remove("relatesTo");
        assertThat(validator.validate(withdrawal)).extracting(Violation::pointer).containsExactly("/relatesTo");
    }

    @Test
    void shouldAnswerMalformedJsonAtTheRoot() {
        assertThat(validator.validate("{\"messageId\": ", mapper))
                .singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("not well-formed JSON"));
    }

    private ObjectNode example(String type) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/connectors/rest/examples/" + type + ".json")) {
            JsonNode node = mapper.readTree(in);
            return (ObjectNode) node;
        }
    }
}
