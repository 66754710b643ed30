package nl.ketenhub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.delivery.CategoryDecision;
import nl.ketenhub.delivery.ForwardingGate;
import nl.ketenhub.delivery.GateDecision;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerFormat;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.TransferKind;
import nl.ketenhub.pseudonym.Pseudonymizer;
import nl.ketenhub.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every outcome of the shipped policy, per category and kind of transfer, with and without a consent on record. */
class ConsentGateTest {

    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    private static final LocalDate TODAY = LocalDate.of(2027, 3, 15);
    private static final long CONSENT_ID = 42L;

    /** The shipped policy, written out: category, vo-mbo, vo-vo, to-gemeente. */
    private static final String[][] EXPECTED = {
        {"identity", "legal-basis", "legal-basis", "legal-basis"},
        {"school-career", "legal-basis", "legal-basis", "never"},
        {"early-childhood", "consent", "legal-basis", "never"},
        {"results", "legal-basis", "legal-basis", "never"},
        {"grade-lists", "legal-basis", "legal-basis", "never"},
        {"primary-final-test", "consent", "legal-basis", "never"},
        {"test-results", "consent", "legal-basis", "never"},
        {"transfer-advice", "consent", "legal-basis", "never"},
        {"support-needs", "consent", "consent", "never"},
        {"action-plans", "consent", "consent", "never"},
        {"attendance", "consent", "legal-basis", "never"},
        {"parents-guardians", "consent", "legal-basis", "never"},
        {"attachments", "consent", "consent", "never"},
    };

    static Stream<Arguments> policyTable() {
        List<Arguments> cases = new ArrayList<>();
        TransferKind[] kinds = {TransferKind.VO_MBO, TransferKind.VO_VO, TransferKind.TO_GEMEENTE};
        for (String[] row : EXPECTED) {
            for (int k = 0; k < kinds.length; k++) {
                for (boolean consentOnRecord : new boolean[] {true, false}) {
                    String basis = row[k + 1];
                    CategoryDecision.Outcome outcome;
                    String reason;
                    switch (basis) {
                        case "legal-basis" -> {
                            outcome = CategoryDecision.Outcome.FORWARD;
                            reason = "legal-basis";
                        }
                        case "never" -> {
                            outcome = CategoryDecision.Outcome.DROP;
                            reason = "never";
                        }
                        default -> {
                            outcome = consentOnRecord ? CategoryDecision.Outcome.FORWARD : CategoryDecision.Outcome.HOLD;
                            reason = consentOnRecord ? "consent" : "awaiting-consent";
                        }
                    }
                    cases.add(Arguments.of(DataCategory.fromWireName(row[0]), kinds[k], consentOnRecord, outcome, reason));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} consent={2}: {3} ({4})")
    @MethodSource("policyTable")
    void shouldDecideEveryCategoryAsThePolicySays(DataCategory category, TransferKind kind, boolean consentOnRecord,
            CategoryDecision.Outcome outcome, String reason) throws IOException {
        ConsentGate gate = gate((subject, c, recipient, on, parentRequired, sender) ->
                consentOnRecord ? Optional.of(CONSENT_ID) : Optional.empty());

        GateDecision decision = gate.decide(dossier("2008-01-01"), "00000099700000000001", kind, mbo(), TODAY);

        CategoryDecision d = decision.categories().stream().filter(c -> c.category() == category).findFirst().orElseThrow();
        assertThat(d.outcome()).isEqualTo(outcome);
        assertThat(d.reason()).isEqualTo(reason);
        assertThat(d.consentId()).isEqualTo(reason.equals("consent") ? CONSENT_ID : null);
        assertThat(decision.policyVersion()).isEqualTo("2026.3");
    }

    @Test
    void shouldRequireAParentsConsentTheDayBeforeTheSixteenthBirthday() throws IOException {
        ConsentGate gate = gate(studentConsentOnly());
        TransferDossier turnsSixteenTomorrow = dossier(TODAY.plusDays(1).minusYears(16).toString());

        GateDecision decision = gate.decide(turnsSixteenTomorrow, "00000099700000000001", TransferKind.VO_MBO, mbo(), TODAY);

        assertThat(decision.held()).contains(DataCategory.SUPPORT_NEEDS);
        assertThat(decision.categories()).filteredOn(c -> c.category() == DataCategory.SUPPORT_NEEDS)
                .extracting(CategoryDecision::reason).containsExactly("age-rule");
    }

    @Test
    void shouldAcceptTheStudentsOwnConsentOnTheSixteenthBirthday() throws IOException {
        ConsentGate gate = gate(studentConsentOnly());
        TransferDossier sixteenToday = dossier(TODAY.minusYears(16).toString());

        GateDecision decision = gate.decide(sixteenToday, "00000099700000000001", TransferKind.VO_MBO, mbo(), TODAY);

        assertThat(decision.forwarded()).contains(DataCategory.SUPPORT_NEEDS);
        assertThat(decision.held()).isEmpty();
    }

    @Test
    void shouldForwardOnlyWhatTheDecisionAllowsAndSayWhatWasLeftOut() throws IOException {
        ConsentGate gate = gate((subject, c, recipient, on, parentRequired, sender) -> Optional.empty());
        ObjectNode message = Fixtures.dossier("00000099700000000001", "00000099700000000101", Fixtures.BSNS[0]);
        Envelope envelope = MAPPER.treeToValue(message, Envelope.class);

        GateDecision decision = gate.decide(envelope, PartnerKind.VO, mbo(), TODAY);
        Envelope forwarded = gate.apply(envelope, decision);

        assertThat(forwarded.payload().has("student")).isTrue();
        assertThat(forwarded.payload().has("results")).isTrue();
        assertThat(forwarded.payload().has("supportNeeds")).isFalse();
        assertThat(forwarded.payload().has("attachments")).isFalse();
        assertThat(forwarded.payload().get("withheld").findValuesAsText("category"))
                .containsExactlyInAnyOrder("transfer-advice", "support-needs", "attendance", "parents-guardians", "attachments");
    }

    @Test
    void shouldGiveAGemeenteOnlyIdentitySchoolsStatusAndDates() throws IOException {
        ConsentGate gate = gate((subject, c, recipient, on, parentRequired, sender) -> Optional.empty());
        Envelope status = MAPPER.treeToValue(Fixtures.message("application-status", "00000099700000000101",
                "00000099700000000201"), Envelope.class);
        Partner gemeente = partner("00000099700000000201", PartnerKind.GEMEENTE);

        Envelope forwarded = gate.apply(status, gate.decide(status, PartnerKind.MBO, gemeente, TODAY));

        assertThat(forwarded.payload().fieldNames()).toIterable()
                .containsExactlyInAnyOrder("student", "status", "statusDate", "schoolYear", "mboSchool", "voSchool");
    }

    @Test
    void shouldGateADossierInOnePassExactlyAsDecidingAndApplyingApart() throws IOException {
        // consent for support needs only: the dossier is partly forwarded, partly held
        ConsentGate gate = gate((subject, category, recipient, on, parentRequired, sender) ->
                category == DataCategory.SUPPORT_NEEDS ? Optional.of(7L) : Optional.empty());
        Envelope dossier = MAPPER.treeToValue(Fixtures.dossier("00000099700000000001", "00000099700000000101",
                Fixtures.BSNS[0]), Envelope.class);

        ForwardingGate.Passage passage = gate.pass(dossier, PartnerKind.VO, mbo(), TODAY);

        GateDecision apart = gate.decide(dossier, PartnerKind.VO, mbo(), TODAY);
        assertThat(passage.decision()).isEqualTo(apart);
        assertThat(passage.forwarded()).isEqualTo(gate.apply(dossier, apart));
        assertThat(passage.forwarded().payload().has("supportNeeds")).isTrue();
        assertThat(passage.forwarded().payload().has("transferAdvice")).isFalse();
    }

    @Test
    void shouldGiveTheGemeenteTheAbsenceOnTheLegalBasisAndNothingOfTheDossier() throws IOException {
        // a consent on record for everything changes nothing: absence goes on the Leerplichtwet, not on consent
        ConsentGate gate = gate((subject, c, recipient, on, parentRequired, sender) -> Optional.of(CONSENT_ID));
        ObjectNode report = Fixtures.message("absence-report", "00000099700000000001", "00000099700000000201");
        // a member that slipped past intake (a dossier section) never reaches the gemeente
        ((ObjectNode) report.get("payload")).set("supportNeeds",
                Fixtures.dossier("00000099700000000001", "00000099700000000101", Fixtures.BSNS[1]).at("/payload/supportNeeds"));
        Envelope envelope = MAPPER.treeToValue(report, Envelope.class);
        Partner gemeente = partner("00000099700000000201", PartnerKind.GEMEENTE);

        ForwardingGate.Passage passage = gate.pass(envelope, PartnerKind.VO, gemeente, TODAY);

        assertThat(passage.decision().transferKind()).isEqualTo(TransferKind.ABSENCE);
        assertThat(passage.decision().categories())
                .extracting(CategoryDecision::category, CategoryDecision::outcome, CategoryDecision::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DataCategory.IDENTITY, CategoryDecision.Outcome.FORWARD, "legal-basis"),
                        org.assertj.core.groups.Tuple.tuple(DataCategory.ATTENDANCE, CategoryDecision.Outcome.FORWARD, "legal-basis"));
        assertThat(passage.forwarded().payload().fieldNames()).toIterable().containsExactlyInAnyOrder("student", "kind",
                "function", "period", "hoursMissed", "lessonsMissed", "school", "schoolYear", "actionsTaken", "contact");
    }

    @Test
    void shouldSendOnlyTheStudentReferenceWhenThePolicySaysAbsenceNever() throws IOException {
        String never = new String(ConsentGateTest.class.getResourceAsStream("/policy/consent-policy.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).replaceFirst("(absence:[\\s\\S]*attendance:) legal-basis", "$1 never");
        ConsentGate gate = new ConsentGate(ConsentPolicyLoader.parse(new java.io.ByteArrayInputStream(
                never.getBytes(java.nio.charset.StandardCharsets.UTF_8))), (s, c, r, o, p, d) -> Optional.empty(),
                new Pseudonymizer("k".repeat(32)), MAPPER);
        Envelope followUp = MAPPER.treeToValue(Fixtures.message("absence-follow-up", "00000099700000000201",
                "00000099700000000001"), Envelope.class);

        ForwardingGate.Passage passage = gate.pass(followUp, PartnerKind.GEMEENTE, mbo(), TODAY);

        assertThat(passage.decision().dropped()).containsExactly(DataCategory.ATTENDANCE);
        assertThat(passage.forwarded().payload().fieldNames()).toIterable().containsExactly("student");
    }

    private static ConsentLookup studentConsentOnly() {
        return (subject, c, recipient, on, parentRequired, sender) -> parentRequired ? Optional.empty() : Optional.of(CONSENT_ID);
    }

    private static ConsentGate gate(ConsentLookup lookup) throws IOException {
        try (InputStream in = ConsentGateTest.class.getResourceAsStream("/policy/consent-policy.yaml")) {
            return new ConsentGate(ConsentPolicyLoader.parse(in), lookup, new Pseudonymizer("k".repeat(32)), MAPPER);
        }
    }

    private static TransferDossier dossier(String birthDate) throws IOException {
        ObjectNode message = Fixtures.dossier("00000099700000000001", "00000099700000000101", Fixtures.BSNS[4]);
        ((ObjectNode) message.at("/payload/student")).put("birthDate", birthDate);
        ObjectNode testResults = ((ObjectNode) message.get("payload")).putObject("testResults");
        testResults.put("category", "test-results");
        testResults.putArray("tests").addObject().put("name", "NIO").put("code", "NIO");
        ((ObjectNode) message.get("payload")).putObject("earlyChildhood").put("category", "early-childhood")
                .put("fromPlaygroup", true);
        ((ObjectNode) message.get("payload")).putObject("gradeLists").put("category", "grade-lists")
                .putArray("lists").addObject().put("name", "Rapport 1");
        ((ObjectNode) message.get("payload")).putObject("primaryFinalTest").put("category", "primary-final-test")
                .put("taken", true);
        ((ObjectNode) message.get("payload")).putObject("actionPlans").put("category", "action-plans")
                .putArray("plans").addObject().put("focus", "Lezen");
        return MAPPER.treeToValue(message.get("payload"), TransferDossier.class);
    }

    private static Partner mbo() {
        return partner("00000099700000000101", PartnerKind.MBO);
    }

    private static Partner partner(String oin, PartnerKind kind) {
        Instant now = Instant.parse("2027-01-01T00:00:00Z");
        return new Partner(oin, "Test", kind, kind == PartnerKind.GEMEENTE ? null : "25XA",
                kind == PartnerKind.GEMEENTE ? "0998" : null, Channel.REST, "http://localhost/x", PartnerFormat.CANONICAL_JSON,
                "kh_x", 10, true, false, now, now, now);
    }
}
