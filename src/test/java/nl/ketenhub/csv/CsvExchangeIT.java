package nl.ketenhub.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import nl.ketenhub.support.TestDataDir;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Its own context (fast polling and writing): closed afterwards, so its timers do not load the other integration tests. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CsvExchangeIT extends HubIntegrationTest {

    private static final Path ROOT = Path.of(TestDataDir.fresh("csv"));
    private static final Path INBOX = ROOT.resolve("inbox");
    private static final String GEMEENTECODE = "0642";

    @DynamicPropertySource
    static void csv(DynamicPropertyRegistry registry) {
        registry.add("ketenhub.csv.inbox", INBOX::toString);
        registry.add("ketenhub.csv.poll-delay", () -> "300ms");
        registry.add("ketenhub.csv.write-interval", () -> "1s");
        registry.add("ketenhub.csv.max-file-bytes", () -> "64KB");
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private TestPartner vo;
    private TestPartner mbo;
    private TestPartner gemeente;
    private Path drop;

    @BeforeEach
    void partners() throws IOException {
        drop = Files.createTempDirectory(ROOT, "gemeente-");
        vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        mbo = register(PartnerKind.MBO, Channel.REST, "http://127.0.0.1:9/unused");
        gemeente = register(PartnerKind.GEMEENTE, Channel.FILE, drop.toString(), GEMEENTECODE);
    }

    @Test
    void shouldWriteNoticesAndStatusesPerGemeenteWholeWithAHeaderAndOnce() throws Exception {
        ObjectNode notice = Fixtures.message("enrolment-notice", vo.oin(), gemeente.oin());
        ObjectNode status = Fixtures.message("application-status", mbo.oin(), gemeente.oin());
        assertThat(submit(vo.apiKey(), Fixtures.json(notice)).statusCode()).isEqualTo(202);
        String statusTracking = mapper.readTree(submit(mbo.apiKey(), Fixtures.json(status)).body()).path("trackingId").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> csvFiles(drop).size() == 2);
        Path notices = csvFiles(drop).stream().filter(p -> p.getFileName().toString().startsWith("enrolment-notices-"))
                .findFirst().orElseThrow();
        List<String> lines = Files.readAllLines(notices);
        assertThat(lines.get(0)).isEqualTo(String.join(",", CsvColumns.ENROLMENT_NOTICES));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith(notice.path("messageId").asText() + "," + vo.oin() + ",");
        Path statuses = csvFiles(drop).stream().filter(p -> p.getFileName().toString().startsWith("application-statuses-"))
                .findFirst().orElseThrow();
        assertThat(Files.readAllLines(statuses)).hasSize(2).first().isEqualTo(String.join(",", CsvColumns.APPLICATION_STATUSES));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                mapper.readTree(adminGet("/api/v1/messages/" + statusTracking).body()).path("history").findValuesAsText("state"))
                .contains("STAGED_FOR_FILE", "WRITTEN_TO_FILE"));

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> csvFiles(drop).size() == 2);
        try (Stream<Path> all = Files.list(drop)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".writing-"));
        }
    }

    @Test
    void shouldProcessEveryGoodLineReportEveryBadOneAndNeverTwice() throws Exception {
        Path senderDir = Files.createDirectories(INBOX.resolve(vo.oin()));
        String csv = String.join("\r\n",
                String.join(",", CsvColumns.EXPECTED_TRANSFERS_IN),
                line(Fixtures.BSNS[0], "2010-05-14"),
                line(Fixtures.BSNS[1], "2010-09-02"),
                line("628194822", "2010-01-01"),
                line(Fixtures.BSNS[2], "2010-03-03").replace("," + GEMEENTECODE + ",", ",0363,"),
                line(Fixtures.BSNS[3], "2010-12-24"),
                "");
        Files.writeString(senderDir.resolve("verwacht-2027.csv"), csv, StandardCharsets.UTF_8);

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(senderDir.resolve("done/verwacht-2027.csv")));
        List<String> errors = Files.readAllLines(senderDir.resolve("done/verwacht-2027.errors.csv"));
        assertThat(errors.get(0)).isEqualTo("line,reason");
        assertThat(errors).hasSize(3);
        assertThat(errors.get(1)).startsWith("4,bsn: ").contains("11-proef").doesNotContain("628194822");
        assertThat(errors.get(2)).startsWith("5,").contains("no gemeente partner");
        await().atMost(Duration.ofSeconds(30)).until(() -> csvFiles(drop).size() == 1);
        Path written = csvFiles(drop).get(0);
        assertThat(written.getFileName().toString()).startsWith("expected-transfers-");
        assertThat(Files.readAllLines(written)).hasSize(4);

        Files.writeString(senderDir.resolve("verwacht-2027-opnieuw.csv"), csv, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(senderDir.resolve("done/verwacht-2027-opnieuw.csv")));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> csvFiles(drop).size() == 1);
    }

    @Test
    void shouldMoveAFileWithoutAnyGoodLineToFailedWithItsErrors() throws Exception {
        Path senderDir = Files.createDirectories(INBOX.resolve(vo.oin()));
        Files.writeString(senderDir.resolve("verkeerd.csv"), "naam,geboortedatum\r\nSanne,2010-05-14\r\n");

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(senderDir.resolve("failed/verkeerd.csv")));
        assertThat(Files.readString(senderDir.resolve("failed/verkeerd.errors.csv"))).contains("1,\"the header row must be exactly: bsn,");
        assertThat(senderDir.resolve("verkeerd.csv")).doesNotExist();
    }

    @Test
    void shouldTakeAFileWithALongNameWithoutStoppingTheInboxForOthers() throws Exception {
        Path senderDir = Files.createDirectories(INBOX.resolve(vo.oin()));
        String longName = "v".repeat(240) + ".csv";
        String header = String.join(",", CsvColumns.EXPECTED_TRANSFERS_IN);
        Files.writeString(senderDir.resolve(longName), header + "\r\n" + line(Fixtures.BSNS[4], "2010-05-14")
                + "\r\n" + line("628194822", "2010-01-01") + "\r\n", StandardCharsets.UTF_8);
        Files.writeString(senderDir.resolve("kort.csv"), header + "\r\n" + line(Fixtures.BSNS[5], "2010-05-14") + "\r\n",
                StandardCharsets.UTF_8);

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(senderDir.resolve("done/" + longName))
                && Files.exists(senderDir.resolve("done/kort.csv")));
        assertThat(Files.readString(senderDir.resolve("done/" + "v".repeat(240) + ".errors.csv"))).contains("11-proef");
        assertThat(adminGet("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseLinesThatAreNotUtf8OrHoldControlCharactersAndTakeTheRest() throws Exception {
        Path senderDir = Files.createDirectories(INBOX.resolve(vo.oin()));
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // Excel's byte order mark is fine
        file.write((String.join(",", CsvColumns.EXPECTED_TRANSFERS_IN) + "\r\n").getBytes(StandardCharsets.UTF_8));
        file.write((line(Fixtures.BSNS[6], "2010-05-14") + "\r\n").getBytes(StandardCharsets.UTF_8));
        file.write((line(Fixtures.BSNS[7], "2010-05-14").replace("Demo MBO Rijnstad College", "Coll\u00e8ge Zo\u00eb")
                + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        file.write((line(Fixtures.BSNS[8], "2010-05-14").replace("Demo MBO", "Demo\u0000MBO") + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        Files.write(senderDir.resolve("gemengd.csv"), file.toByteArray());

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(senderDir.resolve("done/gemengd.csv")));
        List<String> errors = Files.readAllLines(senderDir.resolve("done/gemengd.errors.csv"));
        assertThat(errors).hasSize(3);
        assertThat(errors.get(1)).startsWith("3,").contains("mboName").contains("not valid UTF-8");
        assertThat(errors.get(2)).startsWith("4,").contains("mboName").contains("U+0000");
    }

    @Test
    void shouldMoveAFileOverTheSizeLimitToFailedUnreadWithItsReason() throws Exception {
        Path senderDir = Files.createDirectories(INBOX.resolve(vo.oin()));
        StringBuilder big = new StringBuilder(String.join(",", CsvColumns.EXPECTED_TRANSFERS_IN)).append("\r\n");
        while (big.length() <= 70_000) {
            big.append(line(Fixtures.BSNS[9], "2010-05-14")).append("\r\n");
        }
        Files.writeString(senderDir.resolve("groot.csv"), big, StandardCharsets.UTF_8);

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(senderDir.resolve("failed/groot.csv")));
        assertThat(Files.readString(senderDir.resolve("failed/groot.errors.csv"))).contains("the limit is 65536 bytes");
    }

    @Test
    void shouldNeutraliseCellsASpreadsheetWouldTakeAsFormulas() throws Exception {
        ObjectNode notice = Fixtures.message("enrolment-notice", vo.oin(), gemeente.oin());
        ((ObjectNode) notice.at("/payload/school")).put("name", "=HYPERLINK(\"http://evil.invalid\",\"klik\")");
        assertThat(submit(vo.apiKey(), Fixtures.json(notice)).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> csvFiles(drop).size() == 1);
        String written = Files.readString(csvFiles(drop).get(0));
        assertThat(written).contains("'=HYPERLINK(").doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
    }

    private static String line(String bsn, String birthDate) {
        return String.join(",", bsn, "", birthDate, GEMEENTECODE, "false", "2027-07-31", "2026-2027", "25XA",
                "Demo MBO Rijnstad College", "25180");
    }

    private static List<Path> csvFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".csv") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
