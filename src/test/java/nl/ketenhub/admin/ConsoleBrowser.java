package nl.ketenhub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian's chromium and chromedriver): sign in, follow links and forms
 * waiting for each new page, and take screenshots.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    static final String NO_BROWSER = "browser tests SKIPPED: they need Debian's chromium and chromium-driver "
            + "(/usr/bin/chromium, /usr/bin/chromedriver; .ci/run installs them)";

    private final WebDriver driver;
    private final String baseUrl;

    private ConsoleBrowser(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A new headless browser (its own profile and driver service) for the hub at {@code baseUrl}. */
    static ConsoleBrowser open(String baseUrl) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile").toAbsolutePath());
        // a driver service per browser: quitting a browser stops its service
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return new ConsoleBrowser(driver, baseUrl);
    }

    WebDriver driver() {
        return driver;
    }

    String url(String path) {
        return baseUrl + path;
    }

    void get(String path) {
        driver.get(url(path));
    }

    void signIn(String user, String password) {
        get("/admin/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        follow(By.id("login-submit"));
        assertThat(driver.getCurrentUrl()).doesNotContain("login");
    }

    /**
     * Clicks something that loads a new page and waits until the new page has replaced the old one and finished
     * loading: without this, a look-up right after a form submit can find an element of the page being left.
     */
    void follow(WebElement target) {
        WebElement leaving = driver.findElement(By.tagName("html"));
        target.click();
        awaitNewPage(leaving);
    }

    void follow(By target) {
        follow(driver.findElement(target));
    }

    void awaitNewPage(WebElement leaving) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.until(d -> isGone(leaving));
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * Whether the element's page has been replaced. Chrome says so with a stale-element error, or, when it is asked
     * while the old document is being torn down, with "Node with given id does not belong to the document".
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    void screenshot(Path directory, String name) throws IOException {
        Files.createDirectories(directory);
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, directory.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
