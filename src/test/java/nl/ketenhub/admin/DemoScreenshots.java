package nl.ketenhub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import nl.ketenhub.KetenhubApplication;
import nl.ketenhub.demo.DemoPartners;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Regenerates the README's console screenshots from the demo (not part of the test suite): the hub in demo mode, the
 * walkthrough's examples, a played school year with an MBO down for a while and a gemeente down long enough for a
 * delivery to park, then the console's pages. Run with
 * {@code ./mvnw -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DemoScreenshots}.
 */
class DemoScreenshots {

    private static final Path SHOTS = Paths.get("src", "docs", "screenshots");
    private static final String PASSWORD = "demo-screenshots-password";
    private static final Path DATA = Paths.get("./target/screenshot-data");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void shouldShowTheConsoleAsTheDemoFillsIt() throws Exception {
        Assumptions.assumeTrue(ConsoleBrowser.installed(), ConsoleBrowser.NO_BROWSER);
        // a relative data directory: the overview shows the CSV inbox's path, which should name no machine
        FileSystemUtils.deleteRecursively(DATA);
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(KetenhubApplication.class).profiles("demo")
                .run("--ketenhub.data-dir=" + DATA, "--ketenhub.test.fixed-data-dir=true",
                        "--server.port=0", "--KETENHUB_ADMIN_PASSWORD=" + PASSWORD, "--ketenhub.demo.traffic.pace=1s",
                        "--ketenhub.delivery.max-attempts=4");
        try (ConsoleBrowser console = ConsoleBrowser.open("http://localhost:"
                + hub.getEnvironment().getProperty("local.server.port"))) {
            String base = console.url("");
            for (String example : List.of("transfer-dossier.json", "consent.json", "application-status.json")) {
                String key = example.startsWith("application") ? "demo-key-mbo-rijnstad" : "demo-key-vo-horizon";
                assertThat(post(base, key, Files.readString(Paths.get("connectors/rest/examples", example))).statusCode())
                        .isEqualTo(202);
            }
            send(base, "/demo/partners/" + DemoPartners.GEMEENTE_VOORBEELDWAARD.oin() + "/outage?seconds=600");
            send(base, "/demo/traffic?students=24");
            await().atMost(Duration.ofMinutes(3)).until(() -> mapper.readTree(get(base, "/demo/traffic").body())
                    .path("step").asText().equals("done"));
            await().atMost(Duration.ofMinutes(2)).until(() -> mapper.readTree(http.send(HttpRequest.newBuilder(
                            URI.create(base + "/api/v1/deliveries/parked")).header("Authorization", basic()).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body()).size() > 0);

            console.signIn("admin", PASSWORD);
            console.screenshot(SHOTS, "overview");
            console.follow(By.id("nav-transfers"));
            console.screenshot(SHOTS, "transfers");
            console.follow(console.driver().findElements(By.className("transfer-link")).get(0));
            console.screenshot(SHOTS, "transfer");
            console.follow(By.id("nav-absence"));
            console.screenshot(SHOTS, "absence");
            console.follow(By.id("nav-messages"));
            console.driver().findElement(By.id("student")).sendKeys("628194821");
            console.follow(By.id("message-search-submit"));
            console.screenshot(SHOTS, "messages");
            List<WebElement> links = console.driver().findElements(By.className("message-link"));
            console.follow(links.get(links.size() - 1));
            console.screenshot(SHOTS, "message");
            console.follow(By.id("nav-parked"));
            console.follow(console.driver().findElements(By.className("dry-run")).get(0));
            console.screenshot(SHOTS, "parked");
            console.get("/admin/partners?lang=en");
            console.screenshot(SHOTS, "partners");
            console.get("/admin/partners?lang=nl");
        } finally {
            hub.close();
        }
    }

    private HttpResponse<String> post(String base, String key, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/messages"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void send(String base, String path) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path).isLessThan(300);
    }

    private HttpResponse<String> get(String base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes());
    }
}
