package nl.ketenhub.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import nl.ketenhub.KetenhubApplication;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.PartnerRequest;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import nl.ketenhub.support.TestDataDir;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two hub instances on one PostgreSQL database and one broker (the first instance's embedded Artemis, which the
 * second reaches over the in-VM connector), both running the deadline and RMC scans every second, plus scans
 * fired at the same moment on both: every reminder, escalation and RMC signal reaches its partner once, also after
 * an instance restarts.
 */
class TwoHubInstancesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int BROKER_ID = 4711;
    private static final String ADMIN_PASSWORD = "test-admin-password";
    private static final String[] STUDENTS = {
        Fixtures.BSNS[0], Fixtures.BSNS[1], Fixtures.BSNS[2], Fixtures.BSNS[3], Fixtures.BSNS[4], Fixtures.BSNS[5]
    };
    /** Reported as expected leavers without an MBO, never sent a dossier: only signalled. */
    private static final String[] EXPECTED_ONLY = {Fixtures.BSNS[6], Fixtures.BSNS[7]};

    private static EmbeddedPostgres postgres;
    private static final TestClock clock = new TestClock(Instant.parse("2027-03-01T08:00:00Z"));
    private static final ObjectMapper mapper = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static FakePartner voSystem;
    private static FakePartner mboSystem;
    private static FakePartner gemeenteSystem;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        voSystem = new FakePartner();
        mboSystem = new FakePartner();
        gemeenteSystem = new FakePartner();
        first = instance(Map.of(
                "spring.artemis.embedded.server-id", String.valueOf(BROKER_ID)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        voSystem.close();
        mboSystem.close();
        gemeenteSystem.close();
        postgres.close();
    }

    /** A hub instance on the shared database; extra properties choose its broker. */
    private static ConfigurableApplicationContext instance(Map<String, String> broker) {
        Map<String, Object> props = new TreeMap<>(broker);
        props.put("server.port", "0");
        props.put("ketenhub.data-dir", TestDataDir.fresh("instance"));
        props.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
        props.put("spring.datasource.username", "postgres");
        props.put("spring.datasource.password", "postgres");
        props.put("ketenhub.tracking.scan-period", "1s");
        props.put("ketenhub.tracking.rmc-scan-period", "1s");
        props.put("ketenhub.tracking.scan-delay", "1s");
        props.put("ketenhub.tracking.escalation-after-days", "3");
        // as command-line arguments: they outrank application.yaml (builder properties would not)
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(KetenhubApplication.class)
                .profiles("test")
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("testClock", clock))
                .run(args);
    }

    private static ConfigurableApplicationContext secondInstance() {
        return instance(Map.of(
                "spring.artemis.mode", "native",
                "spring.artemis.broker-url", "vm://" + BROKER_ID,
                "spring.artemis.embedded.enabled", "false"));
    }

    @Test
    void shouldSendEachReminderEscalationAndSignalOnceWithTwoInstances() throws Exception {
        clock.setDay("2027-04-19");
        PartnerService partners = first.getBean(PartnerService.class);
        Registered vo = register(partners, PartnerKind.VO, "21AA", null, voSystem);
        Registered mbo = register(partners, PartnerKind.MBO, "41XA", null, mboSystem);
        Registered gemeente = register(partners, PartnerKind.GEMEENTE, null, "0995", gemeenteSystem);
        second = secondInstance();
        assertSharedDatabaseAndBroker();

        // the leavers' dossiers, half through each instance's REST edge; two leavers only reported as expected
        ObjectNode report = Fixtures.message("expected-transfer", vo.oin(), gemeente.oin());
        report.with("payload").put("schoolYear", "2026-2027");
        report.with("payload").set("voSchool", mapper.createObjectNode().put("brin", "21AA"));
        ArrayNode leavers = report.with("payload").putArray("leavers");
        for (String bsn : EXPECTED_ONLY) {
            leavers.addObject().put("expectedLeavingDate", "2027-07-15").set("student", student(bsn));
        }
        assertThat(submit(first, vo, report).statusCode()).isEqualTo(202);
        for (int i = 0; i < STUDENTS.length; i++) {
            ObjectNode dossier = Fixtures.dossier(vo.oin(), mbo.oin(), STUDENTS[i]);
            dossier.with("payload").put("schoolYear", "2026-2027");
            dossier.with("payload").with("student").put("gemeentecode", "0995");
            assertThat(submit(i % 2 == 0 ? first : second, vo, dossier).statusCode()).isEqualTo(202);
        }
        await().atMost(WAIT).until(() -> mboSystem.accepted().size() == STUDENTS.length);
        await().atMost(WAIT).until(() -> delivered() == STUDENTS.length);

        // 10 working days from 19 April end on 3 May: on 10 May every dossier is overdue
        clock.setDay("2027-05-10");
        race();
        await().atMost(WAIT).until(() -> notifications(mboSystem, "acknowledgement-reminder").size() >= STUDENTS.length);

        // the second instance restarts; the reminders are not sent again
        second.close();
        second = secondInstance();
        assertSharedDatabaseAndBroker();
        race();

        // escalation 3 working days after the reminder
        clock.setDay("2027-05-14");
        race();
        await().atMost(WAIT).until(() -> notifications(voSystem, "acknowledgement-escalation").size() >= STUDENTS.length);

        clock.setDay("2027-10-01");
        race();
        int leaversInAll = STUDENTS.length + EXPECTED_ONLY.length;
        await().atMost(WAIT).until(() -> notifications(gemeenteSystem, "rmc-signal").size() >= leaversInAll);
        race();

        // the last round found nothing more to send: once nothing is in flight, what the partners got is final
        var ledger = first.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        await().atMost(WAIT).until(() -> ledger.sql(nl.ketenhub.support.HubIntegrationTest.IN_FLIGHT_SQL)
                .query(Long.class).single() == 0);
        assertThat(perStudent(notifications(mboSystem, "acknowledgement-reminder"))).hasSize(STUDENTS.length)
                .allSatisfy((bsn, n) -> assertThat(n).as("reminders").isEqualTo(1));
        assertThat(perStudent(notifications(voSystem, "acknowledgement-escalation"))).hasSize(STUDENTS.length)
                .allSatisfy((bsn, n) -> assertThat(n).as("escalations").isEqualTo(1));
        assertThat(perStudent(notifications(gemeenteSystem, "rmc-signal"))).hasSize(leaversInAll)
                .allSatisfy((bsn, n) -> assertThat(n).as("signals").isEqualTo(1));
    }

    /** Both instances really share PostgreSQL, and only the first runs a broker. */
    private static void assertSharedDatabaseAndBroker() throws Exception {
        for (ConfigurableApplicationContext hub : List.of(first, second)) {
            try (var connection = hub.getBean(javax.sql.DataSource.class).getConnection()) {
                assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
                assertThat(connection.getMetaData().getURL()).startsWith("jdbc:postgresql://localhost:" + postgres.getPort());
            }
        }
        assertThat(first.getBeanNamesForType(EmbeddedActiveMQ.class)).hasSize(1);
        assertThat(second.getBeanNamesForType(EmbeddedActiveMQ.class)).isEmpty();
    }

    /** Both instances' scans at the same moment, several times over, next to their timers. */
    private static void race() throws Exception {
        List<Callable<Object>> calls = new ArrayList<>();
        for (ConfigurableApplicationContext hub : List.of(first, second, first, second)) {
            calls.add(() -> hub.getBean(AckDeadlineScan.class).scan());
            calls.add(() -> hub.getBean(RmcSignalScan.class).scan());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<Object> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private record Registered(String oin, String apiKey) {}

    private static Registered register(PartnerService partners, PartnerKind kind, String brin, String gemeentecode,
            FakePartner system) {
        String oin = HubIntegrationTest.newOin();
        PartnerService.WithKey created = partners.create(new PartnerRequest(oin, "Test " + kind, kind, brin, gemeentecode,
                Channel.REST, system.url(), null, kind == PartnerKind.MBO ? 10 : null, true));
        return new Registered(oin, created.apiKey());
    }

    private static ObjectNode student(String bsn) {
        return mapper.createObjectNode().put("bsn", bsn).put("birthDate", "2010-05-14").put("gemeentecode", "0995")
                .put("hasStartkwalificatie", false);
    }

    private static HttpResponse<String> submit(ConfigurableApplicationContext hub, Registered sender, ObjectNode message)
            throws Exception {
        message.put("sentAt", clock.instant().toString());
        return http.send(HttpRequest.newBuilder(uri(hub, "/api/v1/messages"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + sender.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(Fixtures.json(message), StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long delivered() throws Exception {
        String auth = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> counts = http.send(HttpRequest.newBuilder(uri(second, "/api/v1/transfers/counts"))
                .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
        return mapper.readTree(counts.body()).at("/byState/delivered").asLong();
    }

    private static URI uri(ConfigurableApplicationContext hub, String path) {
        return URI.create("http://localhost:" + hub.getEnvironment().getProperty("local.server.port") + path);
    }

    private static List<JsonNode> notifications(FakePartner system, String kind) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (FakePartner.Received r : system.accepted()) {
            JsonNode m = mapper.readTree(r.body());
            if ("notification".equals(m.path("type").asText()) && kind.equals(m.at("/payload/kind").asText())) {
                found.add(m);
            }
        }
        return found;
    }

    private static Map<String, Long> perStudent(List<JsonNode> notifications) {
        return notifications.stream().collect(Collectors.groupingBy(m -> m.at("/payload/student/bsn").asText(),
                TreeMap::new, Collectors.counting()));
    }

}
