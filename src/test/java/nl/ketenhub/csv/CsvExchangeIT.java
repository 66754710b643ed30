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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import nl.ketenhub.support.TestDataDir;
import org.apache.camel.spi.IdempotentRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Its own context (fast polling and writing): closed afterwards, so its timers do not load the other integration tests. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(CsvExchangeIT.ScanFailureConfig.class)
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

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @org.springframework.beans.factory.annotation.Autowired
    private nl.ketenhub.ledger.MessageLedger ledger;
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
        // a school reports only its own in- and uitschrijvingen
        ((ObjectNode) notice.at("/payload/school")).put("brin", "01AA").put("oin", vo.oin());
        ObjectNode status = Fixtures.message("application-status", mbo.oin(), gemeente.oin());
        var noticeAnswer = submit(vo.apiKey(), Fixtures.json(notice));
        assertThat(noticeAnswer.statusCode()).isEqualTo(202);
        String noticeTracking = mapper.readTree(noticeAnswer.body()).path("trackingId").asText();
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
        for (String trackingId : List.of(noticeTracking, statusTracking)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    messageView(trackingId).path("history").findValuesAsText("state"))
                    .contains("STAGED_FOR_FILE", "WRITTEN_TO_FILE"));
            assertThat(deliveriesOf(awaitSettled(trackingId), "primary", gemeente.oin())).isEqualTo(1);
        }
        assertThat(csvFiles(drop)).hasSize(2);
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
        // the same lines again are repeats of the messages the first file made: the ledger has no new message
        List<String> fromVo = jdbc.sql("select tracking_id from message where sender_oin = ?").param(vo.oin())
                .query(String.class).list();
        assertThat(fromVo).hasSize(1);
        assertThat(messageView(fromVo.get(0)).path("history").findValuesAsText("state")).contains("WRITTEN_TO_FILE");
        assertThat(csvFiles(drop)).hasSize(1);
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
    void shouldWriteAbsenceReportsForTheGemeenteAndTakeItsFollowUpsFromAFile() throws Exception {
        nl.ketenhub.support.FakePartner school = new nl.ketenhub.support.FakePartner();
        try {
            TestPartner reporting = register(PartnerKind.VO, Channel.REST, school.url());
            ObjectNode report = Fixtures.message("absence-report", reporting.oin(), gemeente.oin());
            ((ObjectNode) report.at("/payload/student")).put("gemeentecode", GEMEENTECODE);
            assertThat(submit(reporting.apiKey(), Fixtures.json(report)).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(30)).until(() -> csvFiles(drop).size() == 1);
            Path reports = csvFiles(drop).get(0);
            assertThat(reports.getFileName().toString()).startsWith("absence-reports-" + gemeente.oin());
            List<String> lines = Files.readAllLines(reports);
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).isEqualTo(String.join(",", AbsenceCsv.REPORTS));
            assertThat(lines.get(1)).startsWith(report.path("messageId").asText() + "," + reporting.oin()
                    + ",unauthorised,leerplicht,252760189,,2010-02-03," + GEMEENTECODE + ",false,01AA,01,")
                    .contains("talk-with-student:2026-10-14;contact-parents:2026-10-21");

            Path gemeenteDir = Files.createDirectories(INBOX.resolve(gemeente.oin()));
            String followUps = String.join("\r\n",
                    String.join(",", AbsenceCsv.FOLLOW_UPS_IN),
                    String.join(",", report.path("messageId").asText(), "252760189", "", "2010-02-03", GEMEENTECODE,
                            "received", "2026-11-03", "", ""),
                    String.join(",", "no-such-report-0001", "252760189", "", "2010-02-03", GEMEENTECODE, "received",
                            "2026-11-03", "", ""),
                    String.join(",", report.path("messageId").asText(), "252760189", "", "2010-02-03", GEMEENTECODE,
                            "closed", "2026-11-20", "", ""),
                    "");
            Files.writeString(gemeenteDir.resolve("absence-follow-ups-week45.csv"), followUps, StandardCharsets.UTF_8);

            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(gemeenteDir.resolve("done/absence-follow-ups-week45.csv")));
            List<String> errors = Files.readAllLines(gemeenteDir.resolve("done/absence-follow-ups-week45.errors.csv"));
            assertThat(errors).containsExactly("line,reason",
                    "3,relatesTo: names no absence report this gemeente received",
                    "4,code: required member 'code' is missing");
            await().atMost(Duration.ofSeconds(30)).until(() -> school.accepted().size() == 1);
            var delivered = mapper.readTree(school.accepted().get(0).body());
            assertThat(delivered.path("type").asText()).isEqualTo("absence-follow-up");
            assertThat(delivered.path("relatesTo").asText()).isEqualTo(report.path("messageId").asText());
            assertThat(delivered.at("/payload/status").asText()).isEqualTo("received");
        } finally {
            school.close();
        }
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
        // 251 bytes: a legal name, too long for the read lock's marker file beside it
        String tooLong = "w".repeat(247) + ".csv";
        Files.writeString(senderDir.resolve(tooLong), header + "\r\n" + line(Fixtures.BSNS[6], "2010-05-14") + "\r\n",
                StandardCharsets.UTF_8);

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(senderDir.resolve("done/" + longName))
                && Files.exists(senderDir.resolve("done/kort.csv")) && Files.exists(senderDir.resolve("failed/" + tooLong)));
        assertThat(Files.readString(senderDir.resolve("done/" + "v".repeat(240) + ".errors.csv"))).contains("11-proef");
        try (Stream<Path> failed = Files.list(senderDir.resolve("failed"))) {
            Path errors = failed.filter(p -> p.getFileName().toString().endsWith(".errors.csv")).findFirst().orElseThrow();
            assertThat(Files.readString(errors)).contains("0,the file name is 251 bytes");
        }
        assertThat(senderDir.resolve(tooLong)).doesNotExist();
        assertThat(adminGet("/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldLeaveEveryFileOfAFailedScanToALaterOneSoEachEndsInDoneOrFailed() throws Exception {
        // the files appear at once (their directory is moved into the inbox), an empty one among them
        Path staging = Files.createDirectories(ROOT.resolve("staging-" + vo.oin()));
        String header = String.join(",", CsvColumns.EXPECTED_TRANSFERS_IN);
        List<String> good = List.of("a.csv", "b.csv", "c.csv", "d.csv");
        for (int i = 0; i < good.size(); i++) {
            Files.writeString(staging.resolve(good.get(i)), header + "\r\n" + line(Fixtures.BSNS[10], "2010-05-1" + i)
                    + "\r\n", StandardCharsets.UTF_8);
        }
        Files.write(staging.resolve("leeg.csv"), new byte[0]);
        // the scan that first sees them fails at its third file, after it has looked at two others
        ScanFailure.failThirdLookUpOf(vo.oin());
        Files.createDirectories(INBOX);
        Path senderDir = Files.move(staging, INBOX.resolve(vo.oin()), StandardCopyOption.ATOMIC_MOVE);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String name : good) {
                assertThat(senderDir.resolve("done").resolve(name)).as("a file seen by the failed scan").exists();
            }
            assertThat(senderDir.resolve("failed/leeg.csv")).exists();
        });
        assertThat(ScanFailure.failed()).as("a scan did fail").isTrue();
        assertThat(Files.readString(senderDir.resolve("failed/leeg.errors.csv"))).contains("the header row must be exactly");
        try (Stream<Path> left = Files.list(senderDir)) {
            assertThat(left.filter(Files::isRegularFile)).as("nothing left in the inbox").isEmpty();
        }
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
        // the school's own notice (it may speak only for itself), with a name a spreadsheet would take as a formula
        ((ObjectNode) notice.at("/payload/school")).put("brin", "01AA").put("oin", vo.oin())
                .put("name", "=HYPERLINK(\"http://evil.invalid\",\"klik\")");
        assertThat(submit(vo.apiKey(), Fixtures.json(notice)).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> csvFiles(drop).size() == 1);
        String written = Files.readString(csvFiles(drop).get(0));
        assertThat(written).contains("'=HYPERLINK(").doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
    }

    /**
     * The inbox says which partner a file speaks for; no column names another sender or school, and where the
     * operator set the partner's inbox account (its SFTP login), only a file that account owns is taken. A partner
     * that must authenticate with its certificate has no inbox without such an account.
     */
    @Test
    void shouldTakeAFileOnlyAsTheInboxPartnersAndOnlyFromItsAccount() throws Exception {
        Path senderDir = Files.createDirectories(INBOX.resolve(vo.oin()));
        String header = String.join(",", CsvColumns.EXPECTED_TRANSFERS_IN);
        String owner = Files.getOwner(senderDir).getName();

        // a column naming another school is no column of the inbox
        Files.writeString(senderDir.resolve("andere-school.csv"), header + ",voBrin\r\n" + line(Fixtures.BSNS[6], "2010-05-14")
                + ",99XX\r\n", StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(senderDir.resolve("failed/andere-school.csv")));
        assertThat(Files.readString(senderDir.resolve("failed/andere-school.errors.csv"))).contains("the header row must be exactly");

        authentication(vo, "{\"mode\":\"api-key\",\"inboxAccount\":\"sftp-someone-else\"}");
        Files.writeString(senderDir.resolve("niet-van-ons.csv"), header + "\r\n" + line(Fixtures.BSNS[7], "2010-05-14") + "\r\n",
                StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(senderDir.resolve("failed/niet-van-ons.csv")));
        assertThat(Files.readString(senderDir.resolve("failed/niet-van-ons.errors.csv")))
                .contains("0,").contains("inbox-account-mismatch").contains("'" + owner + "'").contains("'sftp-someone-else'");
        assertThat(adminGet("/api/v1/rejections?limit=500").body()).contains("inbox-account-mismatch").contains("niet-van-ons.csv");

        authentication(vo, "{\"mode\":\"mtls\",\"inboxAccount\":\"" + owner + "\"}");
        Files.writeString(senderDir.resolve("van-ons.csv"), header + "\r\n" + line(Fixtures.BSNS[8], "2010-05-14") + "\r\n",
                StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(senderDir.resolve("done/van-ons.csv")));
        String tracking = jdbc.sql("select tracking_id from message where sender_oin = ? and channel = 'file'")
                .param(vo.oin()).query(String.class).single();
        var made = mapper.readTree(ledger.body(tracking).orElseThrow());
        assertThat(made.path("sender").asText()).isEqualTo(vo.oin());
        assertThat(made.at("/payload/voSchool/oin").asText()).isEqualTo(vo.oin());
        assertThat(made.at("/payload/voSchool/brin").asText()).isEqualTo("01AA");

        authentication(vo, "{\"mode\":\"mtls\",\"inboxAccount\":\"\"}");
        Files.writeString(senderDir.resolve("zonder-account.csv"), header + "\r\n" + line(Fixtures.BSNS[9], "2010-05-14") + "\r\n",
                StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(senderDir.resolve("failed/zonder-account.csv")));
        assertThat(Files.readString(senderDir.resolve("failed/zonder-account.errors.csv"))).contains("inbox-account-missing");
    }

    private void authentication(TestPartner partner, String json) {
        assertThat(send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/partners/" + partner.oin() + "/authentication"))
                .header("Authorization", basicAdmin()).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build()).statusCode()).isEqualTo(200);
    }

    /**
     * Fails the idempotency look-up of one sender's files once, at its third look-up (as a database that is briefly
     * unreachable would), so that one scan of the inbox fails after it has seen other files.
     */
    static final class ScanFailure implements IdempotentRepository {
        private static volatile String sender;
        private static final AtomicInteger LOOK_UPS = new AtomicInteger();
        private static final AtomicBoolean FAILED = new AtomicBoolean();

        private final IdempotentRepository delegate;

        ScanFailure(IdempotentRepository delegate) {
            this.delegate = delegate;
        }

        static void failThirdLookUpOf(String oin) {
            LOOK_UPS.set(0);
            FAILED.set(false);
            sender = oin;
        }

        static boolean failed() {
            return FAILED.get();
        }

        private static void maybeFail(String key) {
            String oin = sender;
            if (oin != null && key.startsWith(oin) && LOOK_UPS.incrementAndGet() == 3) {
                FAILED.set(true);
                throw new IllegalStateException("the idempotent repository is unreachable (simulated)");
            }
        }

        @Override
        public boolean add(String key) {
            maybeFail(key);
            return delegate.add(key);
        }

        @Override
        public boolean contains(String key) {
            maybeFail(key);
            return delegate.contains(key);
        }

        @Override
        public boolean remove(String key) {
            return delegate.remove(key);
        }

        @Override
        public boolean confirm(String key) {
            return delegate.confirm(key);
        }

        @Override
        public void clear() {
            delegate.clear();
        }

        @Override
        public void start() {
            delegate.start();
        }

        @Override
        public void stop() {
            delegate.stop();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ScanFailureConfig {
        @Bean
        static BeanPostProcessor scanFailure() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return "csvInboxIdempotency".equals(name) && bean instanceof IdempotentRepository r
                            ? new ScanFailure(r) : bean;
                }
            };
        }
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
