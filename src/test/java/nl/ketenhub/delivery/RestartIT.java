package nl.ketenhub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.ketenhub.KetenhubApplication;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageState;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.PartnerRequest;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import nl.ketenhub.support.TestDataDir;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stops the whole hub while messages are in flight (some delivered, some waiting for a partner that refuses them,
 * some still queued) and starts it again on the same broker journal and database: every accepted message reaches
 * its partner exactly once.
 */
class RestartIT {

    private static final int MESSAGES = 30;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldDeliverEveryAcceptedMessageExactlyOnceAcrossARestart() throws Exception {
        String dataDir = TestDataDir.fresh("restart");
        try (FakePartner mboSystem = new FakePartner()) {
            mboSystem.acceptThenFail(10, 503);
            ConfigurableApplicationContext first = start(dataDir);
            PartnerService partners = first.getBean(PartnerService.class);
            String voOin = HubIntegrationTest.newOin();
            String mboOin = HubIntegrationTest.newOin();
            String voKey = partners.create(new PartnerRequest(voOin, "Restart VO", PartnerKind.VO, "01AA", null, Channel.REST,
                    "http://127.0.0.1:9/unused", null, null, true)).apiKey();
            partners.create(new PartnerRequest(mboOin, "Restart MBO", PartnerKind.MBO, "25XA", null, Channel.REST,
                    mboSystem.url(), null, null, true));

            List<String> trackingIds = new ArrayList<>();
            List<String> messageIds = new ArrayList<>();
            int port = port(first);
            for (int i = 0; i < MESSAGES; i++) {
                var dossier = Fixtures.dossier(voOin, mboOin, Fixtures.BSNS[i % Fixtures.BSNS.length]);
                messageIds.add(dossier.path("messageId").asText());
                HttpResponse<String> answer = submit(port, voKey, Fixtures.json(dossier));
                assertThat(answer.statusCode()).isEqualTo(202);
                trackingIds.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("trackingId").asText());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> mboSystem.accepted().size() >= 10 && mboSystem.refusedCount() >= 3);

            first.close();
            int deliveredBeforeStop = mboSystem.accepted().size();
            mboSystem.answer(200);

            ConfigurableApplicationContext second = start(dataDir);
            try {
                // once the ledger has every message delivered, the hub sends none of them again
                MessageLedger ledger = second.getBean(MessageLedger.class);
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(trackingIds)
                        .allSatisfy(t -> assertThat(ledger.find(t).orElseThrow().state()).isEqualTo(MessageState.DELIVERED)));
                assertThat(deliveredBeforeStop).isLessThan(MESSAGES);
                assertThat(mboSystem.countsByMessageId()).containsOnlyKeys(messageIds)
                        .allSatisfy((id, n) -> assertThat(n).as("deliveries of " + id).isEqualTo(1L));
            } finally {
                second.close();
            }
        }
    }

    private static ConfigurableApplicationContext start(String dataDir) {
        return new SpringApplicationBuilder(KetenhubApplication.class)
                .profiles("test")
                // command-line arguments: they outrank application.yaml (builder properties would not)
                .run("--ketenhub.data-dir=" + dataDir, "--ketenhub.test.fixed-data-dir=true", "--server.port=0",
                        "--ketenhub.delivery.max-attempts=200", "--ketenhub.delivery.max-delay=300ms");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private HttpResponse<String> submit(int port, String key, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/messages"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
