package nl.ketenhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import nl.ketenhub.audit.AuditLog;
import nl.ketenhub.support.HubIntegrationTest;
import nl.ketenhub.support.MutableClock;
import nl.ketenhub.support.MutableClockConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Sign-in hardening: throttling with back-off per account and per client address, for HTTP Basic and the console
 * form alike; lockouts in the audit log; security headers. Its own context: the tests lock the test client's address.
 */
@Import(MutableClockConfig.class)
@TestPropertySource(properties = {"ketenhub.sign-in.max-failures-per-account=3",
        "ketenhub.sign-in.max-failures-per-address=8", "ketenhub.sign-in.lockout=1m"})
class SignInIT extends HubIntegrationTest {

    private static final String PASSWORD = "the-right-password-1";

    @Autowired
    private AppUserService users;

    @Autowired
    private AuditLog audit;

    @Autowired
    private MutableClock clock;

    @Test
    void shouldLockAnAccountAfterRepeatedFailuresEvenForTheRightPasswordAndBackOff() {
        String user = user("alice");
        for (int i = 0; i < 3; i++) {
            assertThat(basic(user, "wrong-password-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = basic(user, PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("sign-in-locked");
        assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(audit.latest(50)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("sign-in.locked");
            assertThat(e.target()).isEqualTo("account " + user);
        });

        clock.advance(Duration.ofSeconds(61));
        // the lock has passed, but one more failure locks again, for twice as long
        assertThat(basic(user, "wrong-again").statusCode()).isEqualTo(401);
        clock.advance(Duration.ofSeconds(61));
        assertThat(basic(user, PASSWORD).statusCode()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(60));
        assertThat(basic(user, PASSWORD).statusCode()).isEqualTo(200);
        // a success clears the count
        assertThat(basic(user, "wrong-once-more").statusCode()).isEqualTo(401);
        assertThat(basic(user, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldLockTheConsoleFormTheSameWay() throws Exception {
        String user = user("bob");
        for (int i = 0; i < 3; i++) {
            assertThat(formLogin(user, "wrong-password-" + i).headers().firstValue("Location").orElse("")).contains("error");
        }
        HttpResponse<String> locked = formLogin(user, PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(302);
        assertThat(locked.headers().firstValue("Location").orElse("")).contains("locked");
        clock.advance(Duration.ofSeconds(61));
        assertThat(formLogin(user, PASSWORD).headers().firstValue("Location").orElse("")).doesNotContain("error");
    }

    @Test
    void shouldLockAClientAddressThatTriesManyAccounts() {
        String user = user("carol");
        for (int i = 0; i < 8; i++) {
            assertThat(basic("nobody-" + i + "-" + System.nanoTime(), "guess-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(basic(user, PASSWORD).statusCode()).isEqualTo(429);
        assertThat(audit.latest(50)).anySatisfy(e -> assertThat(e.target()).startsWith("client address "));
        clock.advance(Duration.ofSeconds(61));
        assertThat(basic(user, PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseShortPasswords() {
        String name = "dave" + System.nanoTime();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> users.create(name, "short-pw", AppUserService.Role.VIEWER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12");
        assertThat(users.find(name)).isEmpty();
    }

    @Test
    void shouldSendAContentSecurityPolicyWithoutInlineScriptAndASameSiteSessionCookie() throws Exception {
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/admin/login")).GET().build());
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        String scripts = csp.replaceAll(".*script-src ([^;]*).*", "$1");
        assertThat(scripts).isEqualTo("'self'");
        assertThat(csp).contains("frame-ancestors 'none'");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).contains("SameSite=Lax").contains("HttpOnly"));
        // plain http: no HSTS (it is sent over HTTPS)
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    private String user(String prefix) {
        String name = prefix + (System.nanoTime() % 1_000_000);
        users.create(name, PASSWORD, AppUserService.Role.VIEWER);
        return name;
    }

    private HttpResponse<String> basic(String user, String password) {
        return send(HttpRequest.newBuilder(uri("/api/v1/partners")).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).GET().build());
    }

    private HttpResponse<String> formLogin(String user, String password) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String page = client.send(HttpRequest.newBuilder(uri("/admin/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        return client.send(HttpRequest.newBuilder(uri("/admin/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password + "&_csrf="
                        + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
