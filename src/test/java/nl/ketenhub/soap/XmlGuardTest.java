package nl.ketenhub.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import nl.ketenhub.oso.OsoFixtures;
import org.junit.jupiter.api.Test;

class XmlGuardTest {

    private final XmlGuard guard = new XmlGuard(SoapEdgeConfig.payloadSchema(),
            new SoapProperties(100, 50_000, 65_536, 50, "https://hub.invalid/ws/overdracht", java.time.Duration.ofSeconds(1)));

    @Test
    void shouldPassTheFullSyntheticDossier() {
        XmlGuard.Result r = guard.check(bytes(HostileXml.envelope(OsoFixtures.text(OsoFixtures.FULL))));

        assertThat(r.passed()).as(String.valueOf(r.refusal())).isTrue();
        assertThat(r.payloadElement()).isEqualTo("dossier");
    }

    @Test
    void shouldRefuseEntityExpansionWithoutExpandingAnything() {
        assertThat(guard.check(bytes(HostileXml.billionLaughs())).refusal().code()).isEqualTo("dtd-not-allowed");
    }

    @Test
    void shouldRefuseExternalEntitiesWithoutFetchingThem() {
        assertThat(guard.check(bytes(HostileXml.externalEntity("file:///etc/passwd"))).refusal().code())
                .isEqualTo("dtd-not-allowed");
        assertThat(guard.check(bytes(HostileXml.externalEntity("http://127.0.0.1:9/secret"))).refusal().code())
                .isEqualTo("dtd-not-allowed");
    }

    @Test
    void shouldRefuseDeepNestingAtTheLimit() {
        XmlGuard.Refusal r = guard.check(bytes(HostileXml.deepNesting(10_000))).refusal();

        assertThat(r.code()).isEqualTo("too-deep");
        assertThat(r.violations().get(0).pointer()).startsWith("/Envelope/Body/dossier/a/a/");
    }

    @Test
    void shouldRefuseAHugeAttribute() {
        XmlGuard.Refusal r = guard.check(bytes(HostileXml.hugeAttribute(200_000))).refusal();

        assertThat(r.code()).isEqualTo("attribute-too-large");
        assertThat(r.violations().get(0).pointer()).isEqualTo("/Envelope/Body/dossier/@x");
    }

    @Test
    void shouldRefuseMalformedXmlWithWhereItBroke() {
        assertThat(guard.check(bytes(HostileXml.notWellFormed())).refusal().code()).isEqualTo("not-well-formed");
    }

    @Test
    void shouldNameTheElementPathOfEverySchemaViolation() {
        String bad = OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE)
                .replace("<bsn>507529170</bsn>", "<bsn>12345</bsn>")
                .replace("<jaargroep>12</jaargroep>", "<jaargroep>twaalf</jaargroep>");

        XmlGuard.Refusal r = guard.check(bytes(HostileXml.envelope(bad))).refusal();

        assertThat(r.code()).isEqualTo("schema-violation");
        assertThat(r.violations()).extracting(v -> v.pointer()).contains(
                "/dossier/huidigeschool/leerling/bsn",
                "/dossier/huidigeschool/leerling/schoolloopbaanlijst/schoolloopbaan/jaargroep");
        assertThat(r.violations()).allSatisfy(v -> assertThat(v.message()).doesNotStartWith("cvc-"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
