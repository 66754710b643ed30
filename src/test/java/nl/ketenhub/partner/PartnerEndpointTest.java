package nl.ketenhub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.support.Settings;
import org.junit.jupiter.api.Test;

class PartnerEndpointTest {

    @Test
    void shouldRefusePlainHttpEndpointsOutsideDemoMode() {
        PartnerService production = service(false, false);
        assertThat(endpointViolations(production, Channel.REST, "http://school.example/hub")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("https://"));
        assertThat(endpointViolations(production, Channel.SOAP, "http://school.example/ws")).hasSize(1);
        assertThat(endpointViolations(production, Channel.REST, "https://school.example/hub")).isEmpty();
        assertThat(endpointViolations(production, Channel.JMS, "school.queue")).isEmpty();
    }

    @Test
    void shouldAllowPlainHttpInDemoModeOrWhereAnOperatorAllowsIt() {
        assertThat(endpointViolations(service(true, false), Channel.REST, "http://localhost:8080/demo/x")).isEmpty();
        assertThat(endpointViolations(service(false, true), Channel.SOAP, "http://localhost:9/ws")).isEmpty();
    }

    @Test
    void shouldNotDeliverToAPlainHttpEndpointRegisteredBeforeTheRuleOutsideDemoMode() {
        assertThat(service(false, false).endpointAllowed(partner(Channel.REST, "http://school.example/hub"))).isFalse();
        assertThat(service(false, false).endpointAllowed(partner(Channel.SOAP, "https://school.example/ws"))).isTrue();
        assertThat(service(false, false).endpointAllowed(partner(Channel.JMS, "school.queue"))).isTrue();
        assertThat(service(true, false).endpointAllowed(partner(Channel.REST, "http://localhost:8080/demo/x"))).isTrue();
    }

    private static Partner partner(Channel channel, String endpoint) {
        java.time.Instant now = java.time.Instant.now();
        return new Partner("00000099700000000001", "School", PartnerKind.VO, "01AA", null, channel, endpoint,
                PartnerFormat.CANONICAL_JSON, "kh_x", 10, true, false, now, now, now);
    }

    private static List<Violation> endpointViolations(PartnerService service, Channel channel, String endpoint) {
        return service.validate(new PartnerRequest("00000099700000000001", "School", PartnerKind.VO, "01AA", null,
                channel, endpoint, null, null, true), true).stream().filter(v -> v.pointer().equals("/endpoint")).toList();
    }

    private static PartnerService service(boolean demo, boolean allowPlainHttp) {
        KetenhubProperties properties = Settings.ketenhub("demo.enabled", String.valueOf(demo),
                "partners.allow-plain-http", String.valueOf(allowPlainHttp));
        return new PartnerService(null, null, null, null, null, properties);
    }
}
