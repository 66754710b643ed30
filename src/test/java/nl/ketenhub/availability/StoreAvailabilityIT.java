package nl.ketenhub.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.sql.DataSource;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.files.FileStoreMonitor;
import org.apache.activemq.artemis.core.server.impl.ActiveMQServerImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The hub on its embedded stores when one of them cannot take more: the data disk short of space (the threshold
 * raised above the free space, as a full disk looks to the hub) and the broker blocking producers (its disk monitor
 * told that its disk is full). Meanwhile health is DOWN, a new message gets 503 with {@code Retry-After} (REST and
 * SOAP), and both recover by themselves: a message sent afterwards is accepted and delivered.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = "ketenhub.availability.check-period=200ms")
class StoreAvailabilityIT extends HubIntegrationTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Autowired
    private HubAvailability availability;

    @Autowired
    private EmbeddedActiveMQ broker;

    @Autowired
    private DataSource dataSource;

    private final long defaultMinFree = 512L * 1024 * 1024;

    @AfterEach
    void restore() {
        availability.setMinFreeBytes(defaultMinFree);
    }

    @Test
    void shouldRefuseNewMessagesWhileTheDataDiskIsShortAndRecoverWhenSpaceReturns() throws Exception {
        try (FakePartner mboSystem = new FakePartner()) {
            TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
            TestPartner mbo = register(PartnerKind.MBO, Channel.REST, mboSystem.url());
            HttpResponse<String> before = submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[1])));
            assertThat(before.statusCode()).isEqualTo(202);
            String trackingId = mapper.readTree(before.body()).path("trackingId").asText();
            String settledState = awaitSettled(trackingId).path("state").asText();

            availability.setMinFreeBytes(Long.MAX_VALUE);
            await("health DOWN").atMost(Duration.ofSeconds(30)).until(() -> health(false).statusCode() == 503);
            assertThat(mapper.readTree(health(false).body()).path("status").asText()).isEqualTo("DOWN");
            JsonNode details = mapper.readTree(health(true).body()).at("/components/availability/details");
            assertThat(details.path("disk").asText()).isEqualTo("DOWN");
            assertThat(details.path("database").asText()).isEqualTo("UP");

            HttpResponse<String> refused = submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[2])));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
            assertThat(mapper.readTree(refused.body()).path("detail").asText()).contains("disk");
            HttpResponse<String> soap = send(HttpRequest.newBuilder(uri("/ws/overdracht"))
                    .header("Content-Type", "text/xml; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString("<x/>")).build());
            assertThat(soap.statusCode()).isEqualTo(503);
            assertThat(soap.headers().firstValue("Retry-After")).isPresent();
            assertThat(soap.body()).contains("unavailable");
            // What is already recorded can still be read.
            assertThat(messageView(trackingId).path("state").asText()).isEqualTo(settledState);

            availability.setMinFreeBytes(1024 * 1024);
            await("health UP").atMost(Duration.ofSeconds(30)).until(() -> health(false).statusCode() == 200);
            HttpResponse<String> after = submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[2])));
            assertThat(after.statusCode()).isEqualTo(202);
            awaitSettled(mapper.readTree(after.body()).path("trackingId").asText());
            assertThat(mboSystem.accepted()).hasSize(2);
        }
    }

    @Test
    void shouldSayDownWhileTheBrokerBlocksProducersAndResumeWhenItTakesMessagesAgain() throws Exception {
        try (FakePartner mboSystem = new FakePartner()) {
            TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
            TestPartner mbo = register(PartnerKind.MBO, Channel.REST, mboSystem.url());
            FileStoreMonitor monitor = ((ActiveMQServerImpl) broker.getActiveMQServer()).getMonitor();
            double maxUsage = monitor.getMaxUsage();
            try {
                // Any use of the disk is now above the broker's max-disk-usage: it blocks producers, as on a full disk.
                monitor.setMaxUsage(0.0);
                monitor.tick();
                assertThat(broker.getActiveMQServer().getPagingManager().isDiskFull()).isTrue();
                await("health DOWN").atMost(Duration.ofSeconds(30)).until(() -> health(false).statusCode() == 503);
                assertThat(mapper.readTree(health(true).body()).at("/components/availability/details/broker").asText())
                        .isEqualTo("DOWN");
                HttpResponse<String> refused = submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[3])));
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            } finally {
                monitor.setMaxUsage(maxUsage);
                monitor.tick();
            }
            await("health UP").atMost(Duration.ofSeconds(30)).until(() -> health(false).statusCode() == 200);
            HttpResponse<String> after = submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[3])));
            assertThat(after.statusCode()).isEqualTo(202);
            awaitSettled(mapper.readTree(after.body()).path("trackingId").asText());
            assertThat(mboSystem.accepted()).hasSize(1);
        }
    }

    /**
     * H2 closes its database when a write fails (a full disk): every connection in the pool then answers "database
     * closed" while it still says it is valid. The hub must notice, open the database again from its file and go on,
     * with no restart. Here the database is shut down abruptly, as H2 does it then.
     */
    @Test
    void shouldOpenTheEmbeddedDatabaseAgainAfterItClosedItself() throws Exception {
        try (FakePartner mboSystem = new FakePartner()) {
            TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
            TestPartner mbo = register(PartnerKind.MBO, Channel.REST, mboSystem.url());
            HttpResponse<String> before = submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[4])));
            assertThat(before.statusCode()).isEqualTo(202);
            awaitSettled(mapper.readTree(before.body()).path("trackingId").asText());

            try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
                // Written to the file first: SHUTDOWN IMMEDIATELY also drops what H2 has not yet written in the
                // background (the partners registered above among it), which is the crash case LedgerRepairIT covers.
                statement.execute("CHECKPOINT SYNC");
                statement.execute("SHUTDOWN IMMEDIATELY");
            } catch (java.sql.SQLException closedUnderItsOwnStatement) {
                // H2 closes the session that asked for it too
            }

            String again = Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[5]));
            HttpResponse<String> accepted = await("the hub takes messages again").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).until(() -> submit(vo.apiKey(), again),
                            r -> r.statusCode() == 202 || r.statusCode() == 200);
            awaitSettled(mapper.readTree(accepted.body()).path("trackingId").asText());
            assertThat(mboSystem.accepted()).hasSize(2);
            await("health UP").atMost(Duration.ofSeconds(30)).until(() -> health(false).statusCode() == 200);
        }
    }

    @Test
    void shouldKeepTheDatabaseTraceFileSmall() {
        String max = JdbcClient.create(dataSource).sql("select setting_value from information_schema.settings "
                + "where lower(setting_name) = 'trace_max_file_size'").query(String.class).single();
        assertThat(max).isEqualTo("1");
    }

    private HttpResponse<String> health(boolean asAdmin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/actuator/health")).GET();
        if (asAdmin) {
            request.header("Authorization", basicAdmin());
        }
        return send(request.build());
    }
}
