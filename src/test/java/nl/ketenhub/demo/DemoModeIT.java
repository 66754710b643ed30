package nl.ketenhub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import nl.ketenhub.KetenhubApplication;
import nl.ketenhub.support.TestDataDir;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Demo mode as a newcomer meets it: the README walkthrough's examples flow between the demo partners (REST and JMS),
 * the traffic generator plays a school year without a single refusal, and the demo keys stop working the moment the
 * hub runs without demo mode.
 */
class DemoModeIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void shouldRunTheWalkthroughAndTheTrafficAndRefuseDemoKeysOutsideDemoMode() throws Exception {
        String dataDir = TestDataDir.fresh("demo");
        ConfigurableApplicationContext demo = start(dataDir, "demo", "test");
        try {
            int port = port(demo);
            String dossier = Files.readString(Paths.get("connectors/rest/examples/transfer-dossier.json"));
            HttpResponse<String> accepted = post(port, "demo-key-vo-horizon", dossier);
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(post(port, "demo-key-vo-horizon", dossier).statusCode()).isEqualTo(200);
            String bad = Files.readString(Paths.get("connectors/rest/examples/invalid/transfer-dossier-bad-bsn.json"));
            assertThat(post(port, "demo-key-vo-horizon", bad).statusCode()).isEqualTo(400);

            await().atMost(Duration.ofSeconds(30)).until(() -> inbox(port, DemoPartners.MBO_RIJNSTAD.oin()).size() == 1);
            JsonNode received = inbox(port, DemoPartners.MBO_RIJNSTAD.oin()).get(0).path("message");
            assertThat(received.path("payload").has("supportNeeds")).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> inbox(port, DemoPartners.VO_HORIZON.oin()).findValuesAsText("type")
                    .contains("acknowledgement"));

            String consent = Files.readString(Paths.get("connectors/rest/examples/consent.json"));
            assertThat(post(port, "demo-key-vo-horizon", consent).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> inbox(port, DemoPartners.MBO_RIJNSTAD.oin()).size() == 2);
            assertThat(inbox(port, DemoPartners.MBO_RIJNSTAD.oin()).get(1).at("/message/payload").has("supportNeeds")).isTrue();

            HttpResponse<String> traffic = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/demo/traffic?students=6")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(traffic.statusCode()).isEqualTo(202);
            JsonNode progress = await().atMost(Duration.ofSeconds(60)).until(() -> mapper.readTree(http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/demo/traffic")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body()), p -> p.path("step").asText().equals("done"));
            assertThat(progress.path("sent").asInt()).isGreaterThan(20);
            assertThat(progress.path("refused").asInt()).as("every generated message is valid").isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> inbox(port, DemoPartners.MBO_TECHNIEK.oin()).size() >= 2);

            // MBO Rijnstad was down while dossiers went to it: they were retried and then delivered, none parked
            org.springframework.jdbc.core.simple.JdbcClient jdbc = demo.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
            await().atMost(Duration.ofSeconds(120)).until(() -> jdbc.sql(
                    "select count(*) from delivery where recipient_oin = ? and state in ('QUEUED', 'PARKED')")
                    .param(DemoPartners.MBO_RIJNSTAD.oin()).query(Long.class).single() == 0);
            assertThat(demo.getBean(nl.ketenhub.ledger.MessageLedger.class).retriedPerRecipient())
                    .as("deliveries to the MBO that was down were retried").containsKey(DemoPartners.MBO_RIJNSTAD.oin());
            assertThat(jdbc.sql("select count(*) from delivery where recipient_oin = ? and kind = 'primary' and attempts > 1")
                    .param(DemoPartners.MBO_RIJNSTAD.oin()).query(Long.class).single()).isPositive();

            // absence: a report of each kind, one of them late, three followed up by the gemeenten
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                    "select count(*) from absence_report where state in ('acknowledged', 'in-progress')")
                    .query(Long.class).single() == 3);
            assertThat(jdbc.sql("select kind from absence_report order by kind").query(String.class).list())
                    .containsExactly("extended-leave", "signal", "unauthorised", "worrying-sickness");
            assertThat(jdbc.sql("select kind from absence_report where late").query(String.class).list())
                    .containsExactly("signal");
        } finally {
            demo.close();
        }

        ConfigurableApplicationContext production = start(dataDir, "test");
        try {
            String dossier = Files.readString(Paths.get("connectors/rest/examples/transfer-dossier.json"));
            assertThat(post(port(production), "demo-key-vo-horizon", dossier).statusCode()).isEqualTo(401);
        } finally {
            production.close();
        }
    }

    private JsonNode inbox(int port, String oin) throws Exception {
        return mapper.readTree(http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/demo/partners/" + oin + "/inbox")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private HttpResponse<String> post(int port, String key, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/messages"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ConfigurableApplicationContext start(String dataDir, String... profiles) {
        return new SpringApplicationBuilder(KetenhubApplication.class)
                .profiles(profiles)
                // command-line arguments: they outrank application.yaml (builder properties would not)
                .run("--ketenhub.data-dir=" + dataDir, "--ketenhub.test.fixed-data-dir=true", "--server.port=0",
                        "--ketenhub.demo.ack-delay=200ms", "--ketenhub.demo.traffic.pace=700ms",
                        // the demo profile's back-off (the test profile's gives up within a second): the MBO that is
                        // down for a while gets its deliveries once it is back
                        "--ketenhub.delivery.max-attempts=12", "--ketenhub.delivery.initial-delay=500ms",
                        "--ketenhub.delivery.max-delay=2s");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
