package nl.ketenhub.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Period;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.partner.TransferKind;
import org.junit.jupiter.api.Test;

class ConsentPolicyLoaderTest {

    @Test
    void shouldLoadTheShippedPolicy() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/policy/consent-policy.yaml")) {
            ConsentPolicy policy = ConsentPolicyLoader.parse(in);
            assertThat(policy.version()).isEqualTo("2026.3");
            assertThat(policy.ageOfConsent()).isEqualTo(16);
            assertThat(policy.heldExpiry()).isEqualTo(Period.ofDays(90));
            assertThat(policy.basis(TransferKind.VO_MBO, DataCategory.SUPPORT_NEEDS)).isEqualTo(Basis.CONSENT);
            assertThat(policy.rulesFor(TransferKind.ABSENCE)).allSatisfy((category, basis) -> assertThat(basis).isEqualTo(
                    category == DataCategory.IDENTITY || category == DataCategory.ATTENDANCE ? Basis.LEGAL_BASIS : Basis.NEVER));
            // test results (intelligence tests among them) never travel to an MBO on a legal basis
            assertThat(policy.basis(TransferKind.VO_MBO, DataCategory.TEST_RESULTS)).isEqualTo(Basis.CONSENT);
        }
    }

    @Test
    void shouldRefuseToStartOnAnyMistakeAndNameEveryOne() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/payloads/consent/policy-mistakes.yaml")) {
            assertThatThrownBy(() -> ConsentPolicyLoader.parse(in))
                    .isInstanceOf(ConsentPolicyLoader.InvalidPolicyException.class)
                    .hasMessageContaining("version: required")
                    .hasMessageContaining("ageOfConsent: must lie between 12 and 18, got 21")
                    .hasMessageContaining("heldExpiry: not an ISO-8601 period")
                    .hasMessageContaining("transfers.vo-hbo: unknown transfer kind 'vo-hbo'")
                    .hasMessageContaining("transfers.vo-mbo.transfer-advice: unknown basis 'maybe'")
                    .hasMessageContaining("transfers.vo-mbo.attachments: missing")
                    .hasMessageContaining("transfers.vo-mbo.identity: must be legal-basis")
                    .hasMessageContaining("transfers.vo-vo: missing")
                    .hasMessageContaining("transfers.to-gemeente.support-needs: a gemeente only ever receives identity")
                    .hasMessageContaining("transfers.absence.attendance: absence is reported on the legal basis")
                    .hasMessageContaining("transfers.absence.results: nothing of a transfer dossier rides along");
        }
    }
}
