package nl.ketenhub.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import nl.ketenhub.config.BrokerStats;
import nl.ketenhub.csv.CsvColumns;
import nl.ketenhub.oso.OsoFixtures;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.soap.HostileXml;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import nl.ketenhub.support.TestDataDir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Black-box mutation run against the running hub on localhost: seeded, mutated messages over REST, SOAP and the CSV
 * inbox, bounded in count ({@code -Dblackbox.requests}, {@code -Dblackbox.csv-files}) and time
 * ({@code -Dblackbox.max-seconds} per edge). Every answer must be a 2xx, a 4xx or a soap:Client fault; everything
 * accepted must reach a final state without failing in the core; every dropped file must end in done/ or failed/ (the
 * latter with its error file); the hub stays healthy and its dead-letter queue gains nothing. Figures (answers by
 * status, heap and disk before and after) go to the test's output.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BlackBoxFuzzIT extends HubIntegrationTest {

    private static final Path ROOT = Path.of(TestDataDir.fresh("blackbox"));
    private static final Path INBOX = ROOT.resolve("inbox");
    private static final String GEMEENTECODE = "0518";
    private static final long SEED = Long.getLong("blackbox.seed", 20261201L);
    private static final int REQUESTS = Integer.getInteger("blackbox.requests", 300);
    private static final int CSV_FILES = Integer.getInteger("blackbox.csv-files", 30);
    private static final long MAX_SECONDS = Long.getLong("blackbox.max-seconds", 3600);
    private static final Set<String> FINAL = Set.of("DELIVERED", "PARKED", "PROCESSED");

    private static HttpServer sink;
    private static final AtomicLong delivered = new AtomicLong();

    @DynamicPropertySource
    static void csv(DynamicPropertyRegistry registry) {
        registry.add("ketenhub.csv.inbox", INBOX::toString);
        registry.add("ketenhub.csv.poll-delay", () -> "200ms");
        registry.add("ketenhub.csv.write-interval", () -> "1s");
    }

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private BrokerStats broker;

    @Value("${ketenhub.data-dir}")
    private String dataDir;

    private TestPartner vo;
    private TestPartner mbo;

    /** A partner system that takes every delivery and keeps nothing but a count. */
    @BeforeAll
    static void startSink() throws IOException {
        sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            delivered.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sink.start();
    }

    @AfterAll
    static void stopSink() {
        sink.stop(0);
    }

    @BeforeEach
    void partners() throws IOException {
        vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        mbo = register(PartnerKind.MBO, Channel.REST, "http://127.0.0.1:" + sink.getAddress().getPort() + "/inbox");
        register(PartnerKind.GEMEENTE, Channel.FILE, Files.createTempDirectory(ROOT, "drop-").toString(), GEMEENTECODE);
    }

    @Test
    void restEdge() {
        Random random = new Random(SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        Figures before = figures();
        Instant until = Instant.now().plusSeconds(MAX_SECONDS);
        int sent = 0;
        for (; sent < REQUESTS && Instant.now().isBefore(until); sent++) {
            String json = Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[random.nextInt(Fixtures.BSNS.length)]));
            byte[] body = Mutations.json(random, json);
            HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/api/v1/messages"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", random.nextInt(20) == 0 ? "application/json; charset=utf-16" : "application/json")
                    .header("Authorization", "Bearer " + vo.apiKey())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            assertThat(answer.statusCode()).as("request %d (seed %d): %s", sent, SEED, answer.body()).isLessThan(500);
        }
        report("rest", sent, statuses, before);
        assertEverythingAcceptedIsFinal(vo.oin());
    }

    @Test
    void soapEdge() {
        Random random = new Random(SEED + 1);
        Map<Integer, Integer> statuses = new TreeMap<>();
        Figures before = figures();
        String dossier = OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE);
        Instant until = Instant.now().plusSeconds(MAX_SECONDS);
        int sent = 0;
        for (; sent < REQUESTS && Instant.now().isBefore(until); sent++) {
            String soap = addressed(HostileXml.envelope(dossier));
            String contentType = Mutations.pick(random, List.of("text/xml; charset=UTF-8"), List.of("text/xml",
                    "text/xml; charset=UTF-16", "text/xml; charset=bogus", "multipart/related; boundary=b",
                    "application/soap+xml; charset=UTF-8", "text/xml; charset=ISO-8859-1", "text/plain"));
            byte[] body = Mutations.xml(random, soap);
            HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/ws/overdracht"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", contentType)
                    .header("SOAPAction", "\"https://ketenhub.nl/ws/overdracht/v1/Dossier\"")
                    .header("Authorization", "Bearer " + vo.apiKey())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            if (answer.statusCode() >= 500) {
                assertThat(answer.body()).as("request %d (seed %d): a 5xx must be a soap:Client fault", sent, SEED)
                        .contains("faultcode").containsPattern("<faultcode>[A-Za-z0-9]*:Client</faultcode>")
                        .contains("ketenhubFault");
            }
            assertThat(answer.statusCode()).as("request %d (seed %d)", sent, SEED).isIn(200, 500);
        }
        report("soap", sent, statuses, before);
        assertEverythingAcceptedIsFinal(vo.oin());
    }

    @Test
    void csvInbox() throws IOException {
        Random random = new Random(SEED + 2);
        Figures before = figures();
        Path senderDir = Files.createDirectories(INBOX.resolve(vo.oin()));
        Instant until = Instant.now().plusSeconds(MAX_SECONDS);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < CSV_FILES && Instant.now().isBefore(until); i++) {
            StringBuilder csv = new StringBuilder(String.join(",", CsvColumns.EXPECTED_TRANSFERS_IN)).append("\r\n");
            int lines = 1 + random.nextInt(5);
            for (int l = 0; l < lines; l++) {
                csv.append(String.join(",", Fixtures.BSNS[random.nextInt(Fixtures.BSNS.length)], "", "2010-05-14",
                        GEMEENTECODE, "false", "2027-07-31", "2026-2027", "25XA", "Demo MBO", "25180")).append("\r\n");
            }
            String name = Mutations.fileName(random, i);
            names.add(name);
            Path partial = senderDir.resolve(".part-" + i);
            Files.write(partial, Mutations.csv(random, csv.toString()));
            Files.move(partial, senderDir.resolve(name));
            if (i % 50 == 49) {
                awaitFiles(senderDir, names.subList(names.size() - 50, names.size()));
            }
        }
        awaitFiles(senderDir, names);
        for (String name : names) {
            if (Files.exists(senderDir.resolve("failed").resolve(name))) {
                try (Stream<Path> failed = Files.list(senderDir.resolve("failed"))) {
                    assertThat(failed.anyMatch(p -> p.getFileName().toString().endsWith(".errors.csv")))
                            .as("a failed file has its error file").isTrue();
                }
            }
        }
        report("csv", names.size(), Map.of(), before);
        assertEverythingAcceptedIsFinal(vo.oin());
    }

    // ----- checks and figures -----

    private void awaitFiles(Path senderDir, List<String> names) {
        await().atMost(Duration.ofMinutes(5)).untilAsserted(() -> {
            for (String name : names) {
                assertThat(Files.exists(senderDir.resolve("done").resolve(name))
                        || Files.exists(senderDir.resolve("failed").resolve(name))).as(name).isTrue();
            }
        });
    }

    private void assertEverythingAcceptedIsFinal(String sender) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Long> states = new TreeMap<>();
            jdbc.sql("select state, count(*) as n from message where sender_oin = ? group by state").param(sender)
                    .query((rs, n) -> states.put(rs.getString("state"), rs.getLong("n"))).list();
            assertThat(states.keySet()).as("states of everything accepted: %s", states).allMatch(FINAL::contains);
        });
        assertThat(jdbc.sql("select count(*) from intake_rejection where problem_type = 'core-failure'")
                .query(Long.class).single()).as("nothing failed in the core").isZero();
        assertThat(broker.depth("DLQ").orElse(0L)).as("nothing dead-lettered").isZero();
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    }

    private record Figures(long heapUsedBytes, long dataDirBytes, long nanoTime) {}

    private Figures figures() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        try (Stream<Path> files = Files.walk(Path.of(dataDir))) {
            long disk = files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
            return new Figures(heap, disk, System.nanoTime());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void report(String edge, int sent, Map<Integer, Integer> statuses, Figures before) {
        Figures after = figures();
        long accepted = jdbc.sql("select count(*) from message where sender_oin = ?").param(vo.oin())
                .query(Long.class).single();
        double seconds = Math.max(1, after.nanoTime() - before.nanoTime()) / 1e9;
        System.out.printf("blackbox %s: %d inputs (seed %d) in %.0f s (%.1f/s), answers by status %s, accepted %d, "
                        + "delivered to the sink so far %d; heap used %d MB -> %d MB, data directory %d MB -> %d MB%n", edge,
                sent, SEED, seconds, sent / seconds, statuses, accepted, delivered.get(), before.heapUsedBytes() >> 20,
                after.heapUsedBytes() >> 20, before.dataDirBytes() >> 20, after.dataDirBytes() >> 20);
    }

    private String addressed(String envelope) {
        String headers = "<soap:Header xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">"
                + "<wsa:Action>https://ketenhub.nl/ws/overdracht/v1/Dossier</wsa:Action>"
                + "<wsa:MessageID>urn:uuid:" + UUID.randomUUID() + "</wsa:MessageID>"
                + "<wsa:To>http://localhost:" + port + "/ws/overdracht?oin=" + mbo.oin() + "</wsa:To>"
                + "<wsa:From><wsa:Address>https://school.invalid/ws?oin=" + vo.oin() + "</wsa:Address></wsa:From>"
                + "<wsa:ReplyTo><wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo>"
                + "</soap:Header>";
        return envelope.replace("<soap:Header/>", headers);
    }

    /** Seeded mutations of well-formed seeds, biased to the inputs that broke edges before. */
    static final class Mutations {

        private static final List<String> JSON_TOKENS = List.of("1e309", "-1e309", "1e999999999", "\u0000", "\uFEFF",
                "\"", "{", "}", "[", "]", ",", ":", "null", "\\", "\\ud800", "\\u0000", "NaN", "Infinity", "0x10",
                "[".repeat(200), "\"" + "x".repeat(5000) + "\"", "\"bsn\":\"123\"", "\"type\":1e309", "/*", "'");
        private static final List<String> XML_TOKENS = List.of("<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", "&a;", "&#0;",
                "<soap:Body>", "</soap:Body>", "<![CDATA[", "]]>", "<", ">", "&", "\u0000", "\uFEFF", "<x>".repeat(150),
                "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "xmlns:soap=\"urn:other\"", "<wsa:MessageID/>", "\"", "'");
        private static final List<String> CSV_TOKENS = List.of("=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0",
                "@SUM(1)", "-1", "\t", "\r", "\n", "\"", ",", "\u0000", "\uFEFF", "é", "\"\"\"", "x".repeat(3000));

        private Mutations() {}

        static <T> T pick(Random random, List<T> usual, List<T> odd) {
            return random.nextInt(4) == 0 ? odd.get(random.nextInt(odd.size())) : usual.get(random.nextInt(usual.size()));
        }

        static byte[] json(Random random, String seed) {
            return encode(random, mutate(random, seed, JSON_TOKENS));
        }

        static byte[] xml(Random random, String seed) {
            return encode(random, mutate(random, seed, XML_TOKENS));
        }

        static byte[] csv(Random random, String seed) {
            return encode(random, mutate(random, seed, CSV_TOKENS));
        }

        static String fileName(Random random, int i) {
            return switch (random.nextInt(6)) {
                case 0 -> "v".repeat(200 + random.nextInt(40)) + "-" + i + ".csv";
                case 1 -> "naam met spaties & tekens (" + i + ").csv";
                case 2 -> "é-ü-" + i + ".CSV".toLowerCase();
                case 3 -> "=cmd-" + i + ".csv";
                default -> "verwacht-" + i + ".csv";
            };
        }

        private static String mutate(Random random, String seed, List<String> tokens) {
            StringBuilder s = new StringBuilder(seed);
            int rounds = random.nextInt(4);
            for (int r = 0; r < rounds && s.length() > 0; r++) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(6)) {
                    case 0 -> s.insert(at, tokens.get(random.nextInt(tokens.size())));
                    case 1 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(20)));
                    case 2 -> s.setCharAt(at, (char) random.nextInt(0x3000));
                    case 3 -> s.setLength(at);
                    case 4 -> s.insert(at, s.substring(at, Math.min(s.length(), at + random.nextInt(200))));
                    default -> s.replace(at, Math.min(s.length(), at + 5), tokens.get(random.nextInt(tokens.size())));
                }
            }
            return s.toString();
        }

        private static byte[] encode(Random random, String text) {
            byte[] bytes = switch (random.nextInt(16)) {
                case 0 -> text.getBytes(StandardCharsets.UTF_16);
                case 1 -> text.getBytes(StandardCharsets.UTF_16LE);
                case 2 -> text.getBytes(Charset.forName("UTF-32"));
                case 3 -> text.getBytes(StandardCharsets.ISO_8859_1);
                case 4 -> ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
                default -> text.getBytes(StandardCharsets.UTF_8);
            };
            if (bytes.length > 0 && random.nextInt(8) == 0) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            }
            return bytes;
        }
    }
}
