package nl.ketenhub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.security.AppUserService;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console in a real headless Chromium (Debian's chromium and chromedriver; .ci/run installs them): an admin
 * signs in, finds a message by student and opens it, dry-runs and replays a parked delivery; a viewer sees neither
 * payload nor replay. Screenshots of the main pages land in target/screenshots.
 */
class ConsoleBrowserIT extends HubIntegrationTest {

    private static final Path SHOTS = Paths.get("target", "screenshots");
    private static final String VIEWER_PASSWORD = "viewer-password-123";

    private final ObjectMapper mapper = new ObjectMapper();
    private ConsoleBrowser console;
    private WebDriver browser;
    private FakePartner mboSystem;
    private FakePartner brokenSystem;

    @Autowired
    private AppUserService users;

    @BeforeAll
    static void chromium() throws IOException {
        if (!ConsoleBrowser.installed()) {
            // In CI a missing browser is a failure: the console's end-to-end tests must run there.
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(ConsoleBrowser.NO_BROWSER.replace("SKIPPED", "cannot run in CI"));
            }
            System.err.println("[WARNING] ConsoleBrowserIT: " + ConsoleBrowser.NO_BROWSER);
        }
        Files.createDirectories(SHOTS);
    }

    @BeforeEach
    void open() throws Exception {
        // each test is reported as skipped, with the reason, rather than the class vanishing from the counts
        Assumptions.assumeTrue(ConsoleBrowser.installed(), ConsoleBrowser.NO_BROWSER);
        console = ConsoleBrowser.open("http://localhost:" + port);
        browser = console.driver();
        mboSystem = new FakePartner();
        brokenSystem = new FakePartner();
        if (users.find("viewer").isEmpty()) {
            users.create("viewer", VIEWER_PASSWORD, AppUserService.Role.VIEWER);
        }
    }

    @AfterEach
    void close() {
        if (console != null) {
            console.close();
        }
        mboSystem.close();
        brokenSystem.close();
    }

    @Test
    void shouldLetAnAdminFindAMessageByStudentAndSeeItsHistoryAndContent() throws Exception {
        TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        TestPartner mbo = register(PartnerKind.MBO, Channel.REST, mboSystem.url());
        String trackingId = mapper.readTree(submit(vo.apiKey(),
                Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[0]))).body()).path("trackingId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.accepted().size() == 1);
        // the hub records the delivery once the MBO's system has answered, a moment after it has the dossier
        awaitSettled(trackingId);

        signIn("admin", ADMIN_PASSWORD);
        assertThat(browser.findElement(By.id("health")).getText()).isEqualTo("UP");
        assertThat(browser.findElement(By.id("partner-table")).getText()).contains(mbo.oin());
        screenshot("overview");

        follow(By.id("nav-messages"));
        browser.findElement(By.id("student")).sendKeys(Fixtures.BSNS[0]);
        follow(By.id("message-search-submit"));
        List<WebElement> links = browser.findElements(By.className("message-link"));
        assertThat(links).extracting(WebElement::getText).contains(trackingId);
        assertThat(browser.getPageSource()).doesNotContain(Fixtures.BSNS[0]);
        // partners by name next to their OIN, types and states in Dutch
        assertThat(browser.findElement(By.id("message-results")).getText())
                .contains("Test VO " + vo.oin().substring(14), vo.oin(), "Overdrachtsdossier", "Afgeleverd");
        screenshot("messages");

        follow(By.linkText(trackingId));
        assertThat(browser.findElement(By.id("message-state")).getText()).isEqualTo("Afgeleverd");
        assertThat(browser.findElement(By.id("message-history")).getText())
                .contains("Ontvangen", "Gerouteerd", "Afgeleverd", "Achtergehouden tot toestemming");
        assertThat(browser.findElements(By.cssSelector("#held-parts thead th"))).as("a header per column").hasSize(4);
        assertThat(browser.findElement(By.id("held-parts")).getText())
                .contains("Ondersteuningsbehoefte", "Test MBO " + mbo.oin().substring(14)).doesNotContain("[");
        assertThat(browser.findElement(By.id("payload")).getText()).contains("\"schoolCareer\"");
        assertThat(browser.findElements(By.className("decisions"))).isNotEmpty();
        screenshot("message");
    }

    @Test
    void shouldLetAnAdminFindATransferAndFollowItsHistory() throws Exception {
        TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        TestPartner mbo = register(PartnerKind.MBO, Channel.REST, mboSystem.url());
        submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[3])));
        await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.accepted().size() == 1);

        signIn("admin", ADMIN_PASSWORD);
        follow(By.id("nav-transfers"));
        assertThat(browser.findElement(By.id("per-vo-table")).getText()).contains("Test VO " + vo.oin().substring(14));
        assertThat(browser.findElement(By.id("per-mbo-chart")).findElements(By.className("bar"))).isNotEmpty();
        screenshot("transfers");

        browser.findElement(By.id("student")).sendKeys(Fixtures.BSNS[3]);
        follow(By.id("transfer-search-submit"));
        List<WebElement> found = browser.findElements(By.className("transfer-link"));
        assertThat(found).hasSize(1);
        assertThat(browser.getPageSource()).doesNotContain(Fixtures.BSNS[3]);
        follow(found.get(0));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(browser.findElement(By.id("transfer-state")).getText()).isEqualTo("Afgeleverd");
        });
        assertThat(browser.findElement(By.id("transfer-history")).getText()).contains("Dossier ontvangen", "Dossier afgeleverd");
        screenshot("transfer");
    }

    @Test
    void shouldLetAnAdminDryRunAndReplayAParkedDelivery() throws Exception {
        TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        TestPartner broken = register(PartnerKind.MBO, Channel.REST, brokenSystem.url());
        brokenSystem.answer(400);
        String trackingId = mapper.readTree(submit(vo.apiKey(),
                Fixtures.json(Fixtures.dossier(vo.oin(), broken.oin(), Fixtures.BSNS[1]))).body()).path("trackingId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                mapper.readTree(adminGet("/api/v1/deliveries/parked?recipient=" + broken.oin()).body()).size() == 1);
        String parkedId = mapper.readTree(adminGet("/api/v1/deliveries/parked?recipient=" + broken.oin()).body())
                .get(0).path("id").asText();

        signIn("admin", ADMIN_PASSWORD);
        browser.get(url("/admin/parked"));
        WebElement row = browser.findElement(By.cssSelector("tr[data-parked-id='" + parkedId + "']"));
        follow(row.findElement(By.className("dry-run")));
        assertThat(browser.findElement(By.id("dry-run-outcome")).getText()).isEqualTo("zou versturen");
        assertThat(browser.findElement(By.id("dry-run-result")).getText())
                .contains("Ondersteuningsbehoefte", "Achtergehouden", "Identiteit", "Doorgestuurd");
        assertThat(brokenSystem.accepted()).as("a dry run sends nothing").isEmpty();
        screenshot("parked");

        brokenSystem.answer(200);
        follow(browser.findElement(By.cssSelector("tr[data-parked-id='" + parkedId + "']")).findElement(By.className("replay-one")));
        assertThat(browser.findElement(By.id("replay-outcomes")).getText()).contains("verstuurd");
        await().atMost(Duration.ofSeconds(20)).until(() -> brokenSystem.accepted().size() == 1);

        browser.get(url("/admin/parked?state=all"));
        follow(browser.findElement(By.cssSelector("tr[data-parked-id='" + parkedId + "']")).findElement(By.className("replay-one")));
        assertThat(browser.findElement(By.id("replay-outcomes")).getText()).contains("geweigerd");
        var settled = awaitSettled(trackingId);
        assertThat(settled.path("state").asText()).isEqualTo("DELIVERED");
        assertThat(deliveriesOf(settled, "primary", broken.oin())).isEqualTo(1);
        assertThat(brokenSystem.accepted()).hasSize(1);
    }

    @Test
    void shouldShowAViewerNeitherContentNorReplay() throws Exception {
        TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        TestPartner broken = register(PartnerKind.MBO, Channel.REST, brokenSystem.url());
        brokenSystem.answer(400);
        String trackingId = mapper.readTree(submit(vo.apiKey(),
                Fixtures.json(Fixtures.dossier(vo.oin(), broken.oin(), Fixtures.BSNS[2]))).body()).path("trackingId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                mapper.readTree(adminGet("/api/v1/deliveries/parked?recipient=" + broken.oin()).body()).size() == 1);

        signIn("viewer", VIEWER_PASSWORD);
        browser.get(url("/admin/messages/" + trackingId));
        assertThat(browser.findElements(By.id("payload"))).isEmpty();
        assertThat(browser.findElement(By.id("payload-hidden")).isDisplayed()).isTrue();
        assertThat(browser.getPageSource()).doesNotContain("Voorbeeld").doesNotContain(Fixtures.BSNS[2]);

        browser.get(url("/admin/parked"));
        assertThat(browser.findElement(By.id("parked-table")).getText()).contains(broken.oin());
        assertThat(browser.findElements(By.className("replay-one"))).isEmpty();
        assertThat(browser.findElements(By.className("dry-run"))).isEmpty();

        // even a hand-made form post is refused, and nothing is sent
        String parkedId = mapper.readTree(adminGet("/api/v1/deliveries/parked?recipient=" + broken.oin()).body())
                .get(0).path("id").asText();
        WebElement leaving = browser.findElement(By.tagName("html"));
        ((JavascriptExecutor) browser).executeScript(
                "var f=document.createElement('form');f.method='post';f.action='/admin/parked/replay?id=" + parkedId + "';"
                        + "var t=document.querySelector('input[name=_csrf]');if(t){f.appendChild(t.cloneNode());}"
                        + "document.body.appendChild(f);f.submit();");
        awaitNewPage(leaving);
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Access denied");
        brokenSystem.answer(200);
        assertThat(mapper.readTree(adminGet("/api/v1/deliveries/parked?recipient=" + broken.oin()).body()))
                .as("still parked, not replayed").hasSize(1);
        assertThat(messageView(trackingId).path("state").asText()).isEqualTo("PARKED");
        assertThat(brokenSystem.accepted()).isEmpty();
    }

    @Test
    void shouldSwitchTheConsoleToEnglish() throws Exception {
        signIn("admin", ADMIN_PASSWORD);
        assertThat(browser.findElement(By.id("nav-messages")).getText()).isEqualTo("Berichten");
        follow(By.id("lang-switch"));
        assertThat(browser.findElement(By.id("nav-messages")).getText()).isEqualTo("Messages");
        browser.get(url("/admin/partners"));
        assertThat(browser.findElement(By.id("nav-partners")).getText()).isEqualTo("Partners");
        assertThat(browser.findElement(By.id("nav-parked")).getText()).isEqualTo("Parked");
        browser.get(url("/admin/"));
        assertThat(browser.findElement(By.id("route-table")).getText()).as("route states in English").contains("Started");
        screenshot("partners");
        browser.get(url("/admin/partners?lang=nl"));
    }

    /** The console's Content-Security-Policy forbids inline script: the school-year select still submits itself. */
    @Test
    void shouldSwitchTheSchoolYearUnderTheContentSecurityPolicy() throws Exception {
        TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        TestPartner gemeente = register(PartnerKind.GEMEENTE, Channel.REST, "http://127.0.0.1:9/unused");
        for (String year : List.of("2025-2026", "2026-2027")) {
            var report = Fixtures.message("expected-transfer", vo.oin(), gemeente.oin());
            ((com.fasterxml.jackson.databind.node.ObjectNode) report.get("payload")).put("schoolYear", year);
            assertThat(submit(vo.apiKey(), Fixtures.json(report)).statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> mapper.readTree(adminGet("/api/v1/transfers?voSchool="
                + vo.oin()).body()).path("total").asInt() >= 4);

        signIn("admin", ADMIN_PASSWORD);
        browser.get(url("/admin/transfers?schoolYear=2026-2027"));
        WebElement leaving = browser.findElement(By.tagName("html"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("schoolYear"))).selectByValue("2025-2026");
        awaitNewPage(leaving);
        assertThat(browser.getCurrentUrl()).contains("schoolYear=2025-2026");
    }

    private void signIn(String user, String password) {
        console.signIn(user, password);
    }

    private void follow(WebElement target) {
        console.follow(target);
    }

    private void follow(By target) {
        console.follow(target);
    }

    private void awaitNewPage(WebElement leaving) {
        console.awaitNewPage(leaving);
    }

    private String url(String path) {
        return console.url(path);
    }

    private void screenshot(String name) throws IOException {
        console.screenshot(SHOTS, name);
    }
}
