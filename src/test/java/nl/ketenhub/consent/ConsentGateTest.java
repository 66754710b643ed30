package nl.ketenhub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerFormat;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.pseudonym.Pseudonymizer;
import nl.ketenhub.support.Fixtures;
import org.junit.jupiter.api.Test;

class ConsentGateTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    private final ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void shouldGateADossierInOnePassExactlyAsDecidingAndApplyingApart() throws Exception {
        // Consent for support needs only: the dossier is partly forwarded, partly held.
        ConsentLookup lookup = (subject, category, recipient, on, parentRequired) ->
                category == DataCategory.SUPPORT_NEEDS ? Optional.of(7L) : Optional.empty();
        ConsentGate gate = new ConsentGate(policy(), lookup, pseudonymizer(), mapper);
        Envelope dossier = mapper.treeToValue(Fixtures.dossier("00000099700000000001", "00000099700000000101",
                Fixtures.BSNS[0]), Envelope.class);
        Partner mbo = new Partner("00000099700000000101", "MBO", PartnerKind.MBO, "25XA", null, Channel.JMS, "q",
                PartnerFormat.CANONICAL_JSON, "hint", 10, true, false, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH);

        ConsentGate.Passage passage = gate.pass(dossier, PartnerKind.VO, mbo, TODAY);

        GateDecision apart = gate.decide(dossier, PartnerKind.VO, mbo, TODAY);
        assertThat(passage.decision()).isEqualTo(apart);
        assertThat(passage.forwarded()).isEqualTo(gate.apply(dossier, apart));
        assertThat(passage.forwarded().payload().has("supportNeeds")).isTrue();
        assertThat(passage.forwarded().payload().has("transferAdvice")).isFalse();
    }

    private static ConsentPolicy policy() throws Exception {
        try (InputStream in = ConsentGateTest.class.getResourceAsStream("/policy/consent-policy.yaml")) {
            return ConsentPolicyLoader.parse(in);
        }
    }

    private static Pseudonymizer pseudonymizer() {
        return new Pseudonymizer(new KetenhubProperties("00000099000000000000", "unused",
                "test-pseudonym-key-0123456789abcdefghij", null, null, null, null, null));
    }
}
