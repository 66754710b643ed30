package nl.ketenhub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.delivery.CategoryDecision;
import nl.ketenhub.delivery.GateDecision;
import nl.ketenhub.oso.OsoFixtures;
import nl.ketenhub.oso.OsoToCanonical;
import nl.ketenhub.oso.OsoXml;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerFormat;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.TransferKind;
import nl.ketenhub.pseudonym.Pseudonymizer;
import org.junit.jupiter.api.Test;

/** What a school marks OPTIONEEL never travels on a legal basis the hub assumed: only under consent. */
class OptionalAtSourceTest {

    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final LocalDate TODAY = LocalDate.of(2027, 3, 15);
    private final Instant now = Instant.parse("2027-01-01T00:00:00Z");
    private final Partner mbo = new Partner("00000099700000000101", "Test", PartnerKind.MBO, "25XA", null, Channel.REST,
            "http://localhost/x", PartnerFormat.CANONICAL_JSON, "kh_x", 10, true, false, now, now, now);

    @Test
    void shouldHoldForConsentTheLegalBasisSectionsThatCarryOptionalData() throws Exception {
        String sent = OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE)
                .replace("<cat_cijferlijsten>VERPLICHT</cat_cijferlijsten>", "<cat_cijferlijsten>OPTIONEEL</cat_cijferlijsten>");
        TransferDossier d = new OsoToCanonical().map(new OsoXml().read(sent.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "00000099700000000001");
        assertThat(d.source().optionalCategories())
                .containsExactly(DataCategory.EARLY_CHILDHOOD, DataCategory.GRADE_LISTS, DataCategory.ATTACHMENTS);

        Map<DataCategory, String> withoutConsent = decisions(gate(Optional.empty()).decide(d, "00000099700000000001", TransferKind.VO_MBO, mbo, TODAY));
        Map<DataCategory, String> withConsent = decisions(gate(Optional.of(7L)).decide(d, "00000099700000000001", TransferKind.VO_MBO, mbo, TODAY));
        Map<DataCategory, String> schoolChange = decisions(gate(Optional.empty()).decide(d, "00000099700000000001", TransferKind.VO_VO, mbo, TODAY));

        assertThat(withoutConsent).containsEntry(DataCategory.GRADE_LISTS, "HOLD optional-at-source")
                .containsEntry(DataCategory.RESULTS, "FORWARD legal-basis")
                .containsEntry(DataCategory.SCHOOL_CAREER, "FORWARD legal-basis")
                .containsEntry(DataCategory.IDENTITY, "FORWARD legal-basis")
                .containsEntry(DataCategory.TEST_RESULTS, "HOLD awaiting-consent");
        assertThat(withConsent).containsEntry(DataCategory.GRADE_LISTS, "FORWARD consent");
        // the same dossier to another VO school, where early childhood goes on the legal basis when mandatory
        assertThat(schoolChange).containsEntry(DataCategory.EARLY_CHILDHOOD, "HOLD optional-at-source")
                .containsEntry(DataCategory.GRADE_LISTS, "HOLD optional-at-source")
                .containsEntry(DataCategory.TEST_RESULTS, "FORWARD legal-basis");
        // the gate decides the same from the dossier's JSON as from the bound dossier
        var envelope = new nl.ketenhub.canonical.Envelope("m-1", nl.ketenhub.canonical.MessageType.TRANSFER_DOSSIER,
                "00000099700000000001", mbo.oin(), now, null, MAPPER.valueToTree(d));
        assertThat(decisions(gate(Optional.empty()).decide(envelope, PartnerKind.VO, mbo, TODAY))).isEqualTo(withoutConsent);
    }

    private static Map<DataCategory, String> decisions(GateDecision decision) {
        return decision.categories().stream().collect(Collectors.toMap(CategoryDecision::category,
                c -> c.outcome() + " " + c.reason()));
    }

    private static ConsentGate gate(Optional<Long> consent) throws Exception {
        try (InputStream in = OptionalAtSourceTest.class.getResourceAsStream("/policy/consent-policy.yaml")) {
            return new ConsentGate(ConsentPolicyLoader.parse(in), (subject, c, recipient, on, parentRequired, sender) -> consent,
                    new Pseudonymizer("k".repeat(32)), MAPPER);
        }
    }
}
