package nl.ketenhub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.PartnerRequest;
import nl.ketenhub.partner.PartnerService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Base of the integration tests: the whole hub with its embedded persistent broker and H2 database in a fresh data
 * directory, on a random port. Tests register their own partners, so they never share state.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ContextConfiguration(initializers = TestDataDir.class)
public abstract class HubIntegrationTest {

    /** A registered test partner and its API key. */
    public record TestPartner(String oin, String apiKey, PartnerKind kind) {}

    private static final AtomicLong OIN_SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L * 10);
    protected static final String ADMIN_PASSWORD = "test-admin-password";

    @LocalServerPort
    protected int port;

    @Autowired
    protected PartnerService partners;

    @Autowired
    private org.springframework.jdbc.core.simple.JdbcClient ledgerDb;

    /** Messages not yet routed and deliveries not yet final: what the hub still has in flight. */
    public static final String IN_FLIGHT_SQL = "select (select count(*) from message where state in ('RECEIVED', 'QUEUED'))"
            + " + (select count(*) from delivery where state = 'QUEUED')";

    protected final HttpClient http = HttpClient.newHttpClient();

    /** A fresh test-party OIN (prefix 00000099), unique within the run. */
    public static String newOin() {
        return String.format("00000099%012d", OIN_SEQUENCE.incrementAndGet() % 1_000_000_000_000L);
    }

    protected TestPartner register(PartnerKind kind, Channel channel, String endpoint) {
        return register(kind, channel, endpoint, kind == PartnerKind.GEMEENTE ? "0998" : null);
    }

    protected TestPartner register(PartnerKind kind, Channel channel, String endpoint, String gemeentecode) {
        String oin = newOin();
        PartnerRequest request = new PartnerRequest(oin, "Test " + kind + " " + oin.substring(14), kind,
                kind == PartnerKind.GEMEENTE ? null : (kind == PartnerKind.VO ? "01AA" : "25XA"),
                gemeentecode, channel, endpoint, null, null, true);
        PartnerService.WithKey created = partners.create(request);
        return new TestPartner(oin, created.apiKey(), kind);
    }

    protected HttpResponse<String> submit(String apiKey, String json) {
        return send(HttpRequest.newBuilder(uri("/api/v1/messages"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    private static final Set<String> FINAL_DELIVERY_STATES = Set.of("DELIVERED", "PARKED", "CANCELLED", "EXPIRED");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The ledger's view of one message (state, history, deliveries) as an admin reads it. */
    protected JsonNode messageView(String trackingId) {
        HttpResponse<String> answer = adminGet("/api/v1/messages/" + trackingId);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET message " + trackingId + ": " + answer.statusCode() + " " + answer.body());
        }
        try {
            return JSON.readTree(answer.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the hub has finished with a message: it has been routed and every one of its deliveries is in a final
     * state (delivered, parked, cancelled, expired). Assertions that nothing more arrives rest on this recorded state,
     * not on a quiet period.
     */
    protected JsonNode awaitSettled(String trackingId) {
        return org.awaitility.Awaitility.await("message " + trackingId + " settled").atMost(Duration.ofSeconds(60))
                .until(() -> messageView(trackingId), view -> settled(view));
    }

    /**
     * Waits until the hub has nothing in flight: every message routed and every delivery in a final state. Once a test
     * has stopped causing work (the scans it ran found nothing more to send), what partners received is then final.
     */
    protected void awaitHubSettled() {
        org.awaitility.Awaitility.await("nothing in flight").atMost(Duration.ofSeconds(60))
                .until(() -> ledgerDb.sql(IN_FLIGHT_SQL).query(Long.class).single() == 0);
    }

    private static boolean settled(JsonNode view) {
        String state = view.path("state").asText();
        if (state.equals("RECEIVED") || state.equals("QUEUED") || view.path("deliveries").isEmpty()) {
            return state.equals("PROCESSED") || state.equals("FAILED");
        }
        for (JsonNode d : view.path("deliveries")) {
            if (!FINAL_DELIVERY_STATES.contains(d.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    /** The deliveries of a message of one kind (primary, notice, supplement) to one recipient. */
    protected static long deliveriesOf(JsonNode view, String kind, String recipient) {
        long n = 0;
        for (JsonNode d : view.path("deliveries")) {
            if (d.path("kind").asText().equals(kind) && d.path("recipient").asText().equals(recipient)) {
                n++;
            }
        }
        return n;
    }

    protected HttpResponse<String> adminGet(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basicAdmin()).GET().build());
    }

    protected HttpResponse<String> adminPost(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", basicAdmin())
                .header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected static String basicAdmin() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
