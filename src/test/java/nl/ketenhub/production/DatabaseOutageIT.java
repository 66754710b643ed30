package nl.ketenhub.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.SeparateBroker;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import nl.ketenhub.support.TestDataDir;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The production topology (PostgreSQL and a separate broker) with PostgreSQL stopped under load: senders that send
 * each message again (same messageId) until it is accepted, a partner that counts what it receives. While the
 * database is away every answer is 503 with {@code Retry-After} (authentication included, never a 500) and health is
 * DOWN; when it is back the hub takes messages again by itself, and every accepted message reaches the partner,
 * none under two idempotency keys. The outage lasts {@code -Doutage.seconds} (8 s by default; the long round: 60).
 */
@ActiveProfiles({"test", "postgres"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"ketenhub.availability.check-period=250ms",
        "spring.datasource.hikari.connection-timeout=2000"})
class DatabaseOutageIT extends HubIntegrationTest {

    private static final int BROKER_ID = 4713;
    private static final int MESSAGES = Integer.getInteger("outage.messages", 120);
    private static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("outage.seconds", 8));
    private static final Path PG_DATA;
    private static final int PG_PORT;
    private static final EmbeddedActiveMQ BROKER;
    private static volatile EmbeddedPostgres postgres;

    static {
        try {
            PG_DATA = Path.of(TestDataDir.fresh("outage-postgres"), "pgdata");
            postgres = EmbeddedPostgres.builder().setDataDirectory(PG_DATA).setCleanDataDirectory(false).start();
            PG_PORT = postgres.getPort();
            ConfigurationImpl config = SeparateBroker.persistent(BROKER_ID, "outage-broker");
            BROKER = new EmbeddedActiveMQ().setConfiguration(config);
            BROKER.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start PostgreSQL or the broker for the test", e);
        }
    }

    @DynamicPropertySource
    static void production(DynamicPropertyRegistry registry) {
        registry.add("KETENHUB_DB_URL", () -> "jdbc:postgresql://localhost:" + PG_PORT + "/postgres");
        registry.add("KETENHUB_DB_USER", () -> "postgres");
        registry.add("KETENHUB_DB_PASSWORD", () -> "postgres");
        registry.add("KETENHUB_BROKER_URL", () -> "vm://" + BROKER_ID);
    }

    @AfterAll
    static void stopStores() {
        // The hub's context closes when the JVM goes (@DirtiesContext after the class); the stores go with it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                BROKER.stop();
                postgres.close();
            } catch (Exception ignored) {
                // the JVM is going away
            }
        }));
    }

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void shouldTurnSendersAwayWhileTheDatabaseIsDownAndLoseNothingWhenItIsBack() throws Exception {
        try (FakePartner voSystem = new FakePartner()) {
            TestPartner vo = register(PartnerKind.VO, Channel.REST, voSystem.url());
            TestPartner mbo = register(PartnerKind.MBO, Channel.REST, "http://127.0.0.1:9/unused");
            ConcurrentMap<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            AtomicInteger withoutRetryAfter = new AtomicInteger();
            AtomicInteger nextMessage = new AtomicInteger();
            List<Thread> senders = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                Thread sender = new Thread(() -> {
                    for (int i = nextMessage.getAndIncrement(); i < MESSAGES; i = nextMessage.getAndIncrement()) {
                        var message = Fixtures.message("application-status", mbo.oin(), vo.oin());
                        String json = Fixtures.json(message);
                        while (true) {
                            int status = post(mbo.apiKey(), json, withoutRetryAfter);
                            answers.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                            if (status == 202 || status == 200) {
                                accepted.add(message.path("messageId").asText());
                                break;
                            }
                            pause(status == 503 ? 200 : 50);
                        }
                        pause(20);
                    }
                }, "sender-" + s);
                sender.start();
                senders.add(sender);
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= MESSAGES / 6);
            postgres.close();
            long down = System.nanoTime();

            await("health DOWN").atMost(Duration.ofSeconds(30)).until(() -> health().statusCode() == 503);
            assertThat(mapper.readTree(health().body()).path("status").asText()).isEqualTo("DOWN");
            HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/api/v1/messages"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + mbo.apiKey())
                    .POST(HttpRequest.BodyPublishers.ofString(Fixtures.json(Fixtures.message("application-status",
                            mbo.oin(), vo.oin())))).build());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(mapper.readTree(refused.body()).path("type").asText()).endsWith("/unavailable");
            assertThat(submit("not-a-known-key", "{}").statusCode()).isEqualTo(503);
            assertThat(adminGet("/api/v1/messages/00000000-0000-4000-8000-000000000000").statusCode()).isEqualTo(503);

            int refusedBefore = answers.getOrDefault(503, new AtomicInteger()).get();
            await("outage of " + OUTAGE).atMost(OUTAGE.plusSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Duration.ofNanos(System.nanoTime() - down).compareTo(OUTAGE) >= 0
                            && answers.getOrDefault(503, new AtomicInteger()).get() > refusedBefore);
            postgres = EmbeddedPostgres.builder().setDataDirectory(PG_DATA).setCleanDataDirectory(false)
                    .setPort(PG_PORT).start();

            await("health UP").atMost(Duration.ofSeconds(60)).until(() -> health().statusCode() == 200);
            for (Thread sender : senders) {
                sender.join(Duration.ofMinutes(3).toMillis());
                assertThat(sender.isAlive()).as("%s finished", sender.getName()).isFalse();
            }
            assertThat(accepted).hasSize(MESSAGES);
            awaitHubSettled();
            await("every accepted message at the partner").atMost(Duration.ofSeconds(60))
                    .until(() -> voSystem.countsByMessageId().keySet().containsAll(accepted));

            Map<String, Long> byKey = voSystem.accepted().stream().collect(Collectors.groupingBy(
                    r -> r.header("KetenhubIdempotencyKey"), Collectors.counting()));
            Map<String, Set<String>> keysByMessage = voSystem.accepted().stream().collect(Collectors.groupingBy(
                    r -> r.header("KetenhubMessageId"), Collectors.mapping(r -> r.header("KetenhubIdempotencyKey"),
                            Collectors.toSet())));
            System.out.printf("database outage of %d s: answers %s, accepted %d, received %d (distinct keys %d)%n",
                    OUTAGE.toSeconds(), answers, accepted.size(), voSystem.accepted().size(), byKey.size());
            assertThat(voSystem.countsByMessageId().keySet()).isEqualTo(accepted);
            assertThat(keysByMessage.values()).allMatch(keys -> keys.size() == 1);
            assertThat(byKey).hasSize(MESSAGES);
            assertThat(answers.keySet()).as("answers to the senders").isSubsetOf(200, 202, 503);
            assertThat(answers.get(503).get()).isPositive();
            assertThat(withoutRetryAfter.get()).as("503 answers without Retry-After").isZero();
        }
    }

    private int post(String apiKey, String json, AtomicInteger withoutRetryAfter) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri("/api/v1/messages"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiKey)
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 503 && answer.headers().firstValue("Retry-After").isEmpty()) {
                withoutRetryAfter.incrementAndGet();
            }
            return answer.statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private HttpResponse<String> health() {
        return send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
