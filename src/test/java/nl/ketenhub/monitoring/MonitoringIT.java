package nl.ketenhub.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.time.Duration;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/** Operations' view: health follows the routes, Prometheus shows per-route and per-partner figures, no personal data. */
@AutoConfigureObservability(tracing = false)
class MonitoringIT extends HubIntegrationTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Autowired
    private CamelContext camel;

    @Test
    void shouldReportDownWhileAConsumerIsStoppedAndUpWhenItRuns() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> health().path("status").asText().equals("UP"));

        camel.getRouteController().stopRoute("core-route-by-recipient");
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode health = health();
                assertThat(health.path("status").asText()).isEqualTo("DOWN");
                assertThat(health.at("/components/camelHealth/status").asText()).isEqualTo("DOWN");
                assertThat(health.at("/components/camelHealth").toString()).contains("core-route-by-recipient");
            });
        } finally {
            camel.getRouteController().startRoute("core-route-by-recipient");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> health().path("status").asText().equals("UP"));
    }

    @Test
    void shouldExposePerRouteAndPerPartnerMetricsWithoutPersonalData() throws Exception {
        try (FakePartner mboSystem = new FakePartner()) {
            TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
            TestPartner mbo = register(PartnerKind.MBO, Channel.REST, mboSystem.url());
            submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[5])));
            await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.accepted().size() == 1);

            String metrics = await().atMost(Duration.ofSeconds(10)).until(() -> send(HttpRequest.newBuilder(
                    uri("/actuator/prometheus")).header("Authorization", basicAdmin()).GET().build()).body(),
                    // both are written once the partner has the message: wait for the last one, for this partner
                    m -> java.util.regex.Pattern.compile("ketenhub_delivery_latency_seconds_count\\{[^}]*partner=\""
                            + mbo.oin() + "\"").matcher(m).find());

            assertThat(metrics)
                    .containsPattern("ketenhub_intake_accepted_total\\{[^}]*partner=\"" + vo.oin() + "\"")
                    .containsPattern("ketenhub_deliveries_total\\{[^}]*outcome=\"delivered\"[^}]*partner=\"" + mbo.oin() + "\"")
                    .containsPattern("ketenhub_delivery_latency_seconds_count\\{[^}]*partner=\"" + mbo.oin() + "\"")
                    .containsPattern("ketenhub_deliveries_parked\\{[^}]*partner=\"" + mbo.oin() + "\"")
                    .containsPattern("ketenhub_delivery_queue_depth\\{[^}]*partner=\"" + mbo.oin() + "\"")
                    .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"core-route-by-recipient\"")
                    .doesNotContain(Fixtures.BSNS[5])
                    .doesNotContain("Voorbeeld");
        }
    }

    private JsonNode health() throws Exception {
        return mapper.readTree(send(HttpRequest.newBuilder(uri("/actuator/health")).header("Authorization", basicAdmin()).GET().build()).body());
    }
}
