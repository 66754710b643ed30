package nl.ketenhub.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.sql.DataSource;
import nl.ketenhub.ledger.DeliveryState;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageState;
import nl.ketenhub.ledger.SummaryStateRaces;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.routing.CoreRouter;
import nl.ketenhub.routing.Headers;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.SeparateBroker;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production profile ({@code postgres}) on a real PostgreSQL and a separately run Artemis broker (not the
 * hub's embedded one): the same migrations, the same code, the whole flow.
 */
@ActiveProfiles({"test", "postgres"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresProfileIT extends HubIntegrationTest {

    private static final int BROKER_ID = 4711;
    private static final EmbeddedPostgres POSTGRES;
    private static final EmbeddedActiveMQ BROKER;

    static {
        try {
            POSTGRES = EmbeddedPostgres.builder().start();
            ConfigurationImpl config = SeparateBroker.persistent(BROKER_ID, "external-broker");
            BROKER = new EmbeddedActiveMQ().setConfiguration(config);
            BROKER.start();
            // The hub's context closes after this class (@DirtiesContext); what it runs on goes with the JVM.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    BROKER.stop();
                    POSTGRES.close();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start PostgreSQL or the broker for the test", e);
        }
    }

    @DynamicPropertySource
    static void production(DynamicPropertyRegistry registry) {
        registry.add("KETENHUB_DB_URL", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("KETENHUB_DB_USER", () -> "postgres");
        registry.add("KETENHUB_DB_PASSWORD", () -> "postgres");
        registry.add("KETENHUB_BROKER_URL", () -> "vm://" + BROKER_ID);
    }



    private final ObjectMapper mapper = new ObjectMapper();

    @Autowired
    private DataSource dataSource;

    @Test
    void shouldRunOnPostgresql() {
        String product = JdbcClient.create(dataSource).sql("select version()").query(String.class).single();
        assertThat(product).startsWith("PostgreSQL");
    }

    /** The summary state is one statement read after the message row's lock: PostgreSQL must see the other move. */
    @Test
    void shouldSummariseTwoDeliveriesOfOneMessageFinishingAtTheSameMoment() throws Exception {
        SummaryStateRaces races = new SummaryStateRaces(ledger);
        assertThat(races.race(60, DeliveryState.DELIVERED, DeliveryState.DELIVERED, MessageState.DELIVERED))
                .as("messages not DELIVERED although both deliveries were delivered").isEmpty();
        assertThat(races.race(30, DeliveryState.DELIVERED, DeliveryState.PARKED, MessageState.PARKED))
                .as("messages not PARKED although one delivery was parked").isEmpty();
    }

    @Test
    void shouldCarryADossierEndToEndWithConsentSupplementAndSubjectReport() throws Exception {
        try (FakePartner mboSystem = new FakePartner()) {
            TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
            TestPartner mbo = register(PartnerKind.MBO, Channel.REST, mboSystem.url());
            String json = Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[10]));

            assertThat(submit(vo.apiKey(), json).statusCode()).isEqualTo(202);
            assertThat(submit(vo.apiKey(), json).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.accepted().size() == 1);

            assertThat(recordConsent(vo, mbo, Fixtures.BSNS[10])).isEqualTo(201);
            await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.accepted().size() == 2);
            assertThat(mapper.readTree(mboSystem.accepted().get(1).body()).path("payload").has("supportNeeds")).isTrue();

            JsonNode report = mapper.readTree(adminPost("/api/v1/subjects/report", "{\"bsn\":\"" + Fixtures.BSNS[10] + "\"}").body());
            assertThat(report.path("received")).hasSize(2);
        }
    }

    @Test
    void shouldTrackAnAbsenceReportFromDeliveryToFollowUpAtItsFunctionsEndpoint() throws Exception {
        try (FakePartner school = new FakePartner(); FakePartner leerplicht = new FakePartner()) {
            TestPartner vo = register(PartnerKind.VO, Channel.REST, school.url());
            TestPartner gemeente = register(PartnerKind.GEMEENTE, Channel.REST, "http://127.0.0.1:9/unused", "0998");
            assertThat(send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/partners/" + gemeente.oin()
                    + "/functions/leerplicht")).header("Authorization", basicAdmin()).header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"endpoint\": \"" + leerplicht.url() + "\"}"))
                    .build()).statusCode()).isEqualTo(200);
            var report = Fixtures.message("absence-report", vo.oin(), gemeente.oin());
            assertThat(submit(vo.apiKey(), Fixtures.json(report)).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> leerplicht.accepted().size() == 1);

            var followUp = Fixtures.message("absence-follow-up", gemeente.oin(), vo.oin());
            followUp.put("relatesTo", report.path("messageId").asText());
            assertThat(submit(gemeente.apiKey(), Fixtures.json(followUp)).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> school.accepted().size() == 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> mapper.readTree(adminGet("/api/v1/absence?school="
                    + vo.oin()).body()).at("/items/0/state").asText().equals("in-progress"));
            JsonNode counts = mapper.readTree(adminGet("/api/v1/absence/counts?by=gemeente&school=" + vo.oin()).body());
            assertThat(counts.at("/total/reports").asLong()).isEqualTo(1);
            assertThat(counts.at("/total/byKind/unauthorised").asLong()).isEqualTo(1);
            assertThat(counts.at("/total/shareFollowedUp").asDouble()).isEqualTo(1.0);
        }
    }

    @Autowired
    private CoreRouter coreRouter;

    @Autowired
    private MessageLedger ledger;

    @Autowired
    private CamelContext camel;

    /**
     * The broker redelivers an absence report the core has routed already (its database transaction committed, its
     * broker transaction did not): on PostgreSQL the core step, one transaction, takes it again without failing, sends
     * nothing again and keeps the report in the absence ledger once.
     */
    @Test
    void shouldTakeARedeliveredAbsenceReportInTheCoreWithoutFailing() throws Exception {
        try (FakePartner leerplicht = new FakePartner()) {
            TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
            TestPartner gemeente = register(PartnerKind.GEMEENTE, Channel.REST, leerplicht.url(), "0998");
            var report = Fixtures.message("absence-report", vo.oin(), gemeente.oin());
            String trackingId = mapper.readTree(submit(vo.apiKey(), Fixtures.json(report)).body()).path("trackingId").asText();
            awaitSettled(trackingId);
            String queued = ledger.body(trackingId).orElseThrow();

            var again = coreRouter.route(queued.getBytes(StandardCharsets.UTF_8), Map.of(Headers.TRACKING_ID, trackingId,
                    Headers.CHANNEL, "rest", "JMSXDeliveryCount", 2), camel);

            assertThat(again).as("deliveries sent again").isEmpty();
            assertThat(JdbcClient.create(dataSource).sql("select count(*) from absence_report where report_tracking_id = ?")
                    .param(trackingId).query(Long.class).single()).isEqualTo(1);
            assertThat(messageView(trackingId).path("state").asText()).isEqualTo("DELIVERED");
            assertThat(leerplicht.accepted()).hasSize(1);
        }
    }

    @Test
    void shouldParkAndReplayADeliveryOnlyOnce() throws Exception {
        try (FakePartner mboSystem = new FakePartner()) {
            TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
            TestPartner mbo = register(PartnerKind.MBO, Channel.REST, mboSystem.url());
            mboSystem.answer(422);
            submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[11])));
            String parkedId = await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonNode parked = mapper.readTree(adminGet("/api/v1/deliveries/parked?recipient=" + mbo.oin()).body());
                return parked.size() == 1 ? parked.get(0).path("id").asText() : null;
            }, id -> id != null);

            mboSystem.answer(200);
            assertThat(adminPost("/api/v1/deliveries/" + parkedId + "/replay", null).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.accepted().size() == 1);
            assertThat(adminPost("/api/v1/deliveries/" + parkedId + "/replay", null).statusCode()).isEqualTo(409);
        }
    }

    private int recordConsent(TestPartner vo, TestPartner mbo, String bsn) throws IOException {
        var consent = Fixtures.template("consent").with("payload").deepCopy();
        consent.with("student").put("bsn", bsn);
        consent.put("validFrom", LocalDate.now().toString());
        consent.with("recipient").removeAll().put("oin", mbo.oin());
        return send(HttpRequest.newBuilder(uri("/api/v1/consents"))
                .header("Authorization", "Bearer " + vo.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(consent.toString())).build()).statusCode();
    }
}
