package nl.ketenhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.ketenhub.consent.ConsentService;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.PartnerRequest;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may do what: every path of the API, the SOAP edge, the actuator and the console, for every role, on the
 * role's own resource and on another's, generated from one table. A path the hub serves without a row in the table
 * fails {@link #everyServedPathHasARow()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability
class AuthorityMatrixIT extends HubIntegrationTest {

    /** Who calls. */
    enum Role { ANONYMOUS, WRONG_KEY, DISABLED_KEY, VO_A, VO_B, MBO, GEMEENTE, VIEWER, ADMIN }

    /** Whose resource the request is about. */
    enum Scope { NONE, OWN, OTHER }

    /** One row: a path, a scope, how each role's request is built, and what each role gets. */
    record Row(String method, String pattern, Scope scope, String what, Function<Role, HttpRequest.Builder> request,
            Map<Role, String> expected) {}

    private static final String VIEWER_PASSWORD = "viewer-password-for-tests";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final ObjectMapper mapper = new ObjectMapper();

    @Autowired
    private ConsentService consents;

    @Autowired
    private AppUserService users;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private final List<FakePartner> systems = new ArrayList<>();
    private final Map<Role, TestPartner> partner = new EnumMap<>(Role.class);
    private final Map<Role, HttpClient> console = new EnumMap<>(Role.class);
    private final Map<Role, String> csrf = new EnumMap<>(Role.class);
    private FakePartner mboSystem;
    private String viewer;
    /** A student VO school A sent a dossier for (to the MBO), and that dossier's tracking id. */
    private String studentOfA;
    private String dossierOfA;
    /** A student VO school B reported as a leaver. */
    private String studentOfB;
    private String transferOfA;
    /** An absence report VO school A sent to the gemeente. */
    private String absenceOfA;

    @BeforeAll
    void setUp() throws Exception {
        partner.put(Role.VO_A, school(PartnerKind.VO, "11AA"));
        partner.put(Role.VO_B, school(PartnerKind.VO, "12BB"));
        partner.put(Role.MBO, school(PartnerKind.MBO, "31MM"));
        partner.put(Role.GEMEENTE, school(PartnerKind.GEMEENTE, null));
        partner.put(Role.DISABLED_KEY, school(PartnerKind.VO, "13CC"));
        partners.setEnabled(partner.get(Role.DISABLED_KEY).oin(), false);
        mboSystem = systems.get(2);
        viewer = "viewer-" + newOin().substring(12);
        users.create(viewer, VIEWER_PASSWORD, AppUserService.Role.VIEWER);

        studentOfA = Fixtures.BSNS[0];
        studentOfB = Fixtures.BSNS[1];
        ObjectNode dossier = Fixtures.dossier(oin(Role.VO_A), oin(Role.MBO), studentOfA);
        HttpResponse<String> sent = submit(key(Role.VO_A), Fixtures.json(dossier));
        assertThat(sent.statusCode()).isEqualTo(202);
        dossierOfA = mapper.readTree(sent.body()).path("trackingId").asText();
        assertThat(submit(key(Role.VO_B), Fixtures.json(leaverReport(Role.VO_B, studentOfB))).statusCode()).isEqualTo(202);
        transferOfA = await().atMost(Duration.ofSeconds(30)).until(() -> transferId(Role.VO_A), id -> id != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> transferId(Role.VO_B) != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> mboSystem.accepted().size() >= 1);
        HttpResponse<String> reported = submit(key(Role.VO_A), Fixtures.json(Fixtures.message("absence-report",
                oin(Role.VO_A), oin(Role.GEMEENTE))));
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(202);
        absenceOfA = await().atMost(Duration.ofSeconds(30)).until(() -> mapper.readTree(adminGet(
                "/api/v1/absence?school=" + oin(Role.VO_A)).body()).path("items").path(0).path("id").asText(null), id -> id != null);

        for (Role role : List.of(Role.VIEWER, Role.ADMIN)) {
            HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            String token = csrfOf(client.send(HttpRequest.newBuilder(uri("/admin/login")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String user = role == Role.ADMIN ? "admin" : viewer;
            String password = role == Role.ADMIN ? ADMIN_PASSWORD : VIEWER_PASSWORD;
            HttpResponse<String> login = client.send(form(uri("/admin/login"), "username=" + user + "&password=" + password
                    + "&_csrf=" + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
            console.put(role, client);
            csrf.put(role, csrfOf(client.send(HttpRequest.newBuilder(uri("/admin/")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body()));
        }
    }

    @AfterAll
    void stop() {
        systems.forEach(FakePartner::close);
    }

    /** The table. Expectations read: anonymous, wrong key, disabled key, VO A, VO B, MBO, gemeente, viewer, admin. */
    List<Row> table() {
        List<Row> rows = new ArrayList<>();
        // ---- intake: what a partner may say, about whom ----
        rows.add(api("POST", "/api/v1/messages", Scope.OWN, "a message in the partner's own role and name",
                r -> post("/api/v1/messages", ownMessage(r)), "401 401 401 202 202 202 403 403 403"));
        rows.add(api("POST", "/api/v1/messages", Scope.OTHER, "a message in another partner's name",
                r -> post("/api/v1/messages", spoofed(r)), "401 401 401 403 403 403 403 403 403"));
        rows.add(api("POST", "/api/v1/messages", Scope.OTHER, "a status naming another MBO's BRIN as the MBO",
                r -> post("/api/v1/messages", status(r, Role.VO_A, studentOfA, "39ZZ")),
                "401 401 401 400/schema-violation 403 403/not-own-school 403 403 403"));
        rows.add(api("POST", "/api/v1/messages", Scope.OTHER, "a status about school B's student, addressed to school A",
                r -> post("/api/v1/messages", status(r, Role.VO_A, studentOfB, "31MM")),
                "401 401 401 400/schema-violation 403 422/contradicts-transfer 403 403 403"));
        rows.add(api("POST", "/api/v1/messages", Scope.OTHER, "a status addressed to school A that names school B",
                r -> post("/api/v1/messages", statusNaming(r, Role.VO_A, Role.VO_B, Fixtures.BSNS[2])),
                "401 401 401 400/schema-violation 403 422/recipient-not-named-school 403 403 403"));
        rows.add(api("POST", "/api/v1/messages", Scope.OWN, "a status about a student the hub does not know, to the school it names",
                r -> post("/api/v1/messages", status(r, Role.VO_B, Fixtures.BSNS[3], "31MM")), "401 401 401 403 400/schema-violation 202 403 403 403"));
        rows.add(api("POST", "/api/v1/messages", Scope.OTHER, "an enrolment notice naming another school",
                r -> post("/api/v1/messages", enrolment(r, "39ZZ")),
                "401 401 401 403/not-own-school 403/not-own-school 403/not-own-school 400/schema-violation 403 403"));
        rows.add(api("POST", "/api/v1/messages", Scope.OTHER, "a consent message for another school's student",
                r -> post("/api/v1/messages", consentMessage(r, Fixtures.BSNS[4])),
                "401 401 401 403/not-your-student 403/not-your-student 403 403 403 403"));
        rows.add(api("GET", "/api/v1/messages/{trackingId}", Scope.OWN, "a message the partner sent or received",
                r -> get("/api/v1/messages/" + dossierOfA), "401 401 401 200 404 200 404 200 200"));
        // ---- consents ----
        rows.add(api("POST", "/api/v1/consents", Scope.OWN, "a consent for a student whose dossier school A sent",
                r -> post("/api/v1/consents", consent(r, studentOfA)), "401 401 401 201 403/not-your-student 403 403 403 201"));
        rows.add(api("POST", "/api/v1/consents", Scope.OTHER, "a consent for a student school A never spoke about",
                r -> post("/api/v1/consents", consent(r, studentOfB)), "401 401 401 403/not-your-student 201 403 403 403 201"));
        rows.add(api("POST", "/api/v1/consents/lookup", Scope.OWN, "the consents of a student",
                r -> post("/api/v1/consents/lookup", "{\"bsn\":\"" + studentOfA + "\"}"), "401 401 401 200 200 403 403 403 200"));
        rows.add(api("GET", "/api/v1/consents", Scope.NONE, "recent consents",
                r -> get("/api/v1/consents"), "401 401 401 200 200 403 403 403 200"));
        rows.add(api("POST", "/api/v1/consents/{id}/withdraw", Scope.OWN, "a consent school A recorded",
                r -> post("/api/v1/consents/" + consentOfA() + "/withdraw", "{\"reason\":\"changed their mind\"}"),
                "401 401 401 200 404 403 403 403 200"));
        rows.add(api("POST", "/api/v1/subjects/report", Scope.NONE, "what the hub holds about a student",
                r -> post("/api/v1/subjects/report", "{\"bsn\":\"" + studentOfA + "\"}"), "401 401 401 403 403 403 403 403 200"));
        // ---- transfers ----
        rows.add(api("GET", "/api/v1/transfers", Scope.NONE, "transfers (partners: their own)",
                r -> get("/api/v1/transfers"), "401 401 401 200 200 200 403 200 200"));
        rows.add(api("GET", "/api/v1/transfers/counts", Scope.NONE, "transfer counts",
                r -> get("/api/v1/transfers/counts"), "401 401 401 200 200 200 403 200 200"));
        rows.add(api("GET", "/api/v1/transfers/{id}", Scope.OWN, "school A's transfer to the MBO",
                r -> get("/api/v1/transfers/" + transferOfA), "401 401 401 200 404 200 403 200 200"));
        // ---- absence ----
        rows.add(api("GET", "/api/v1/absence", Scope.NONE, "absence reports (partners: their own)",
                r -> get("/api/v1/absence"), "401 401 401 200 200 200 200 200 200"));
        rows.add(api("GET", "/api/v1/absence/counts", Scope.NONE, "absence figures",
                r -> get("/api/v1/absence/counts"), "401 401 401 200 200 200 200 200 200"));
        rows.add(api("GET", "/api/v1/absence/{id}", Scope.OWN, "school A's absence report to the gemeente",
                r -> get("/api/v1/absence/" + absenceOfA), "401 401 401 200 404 404 200 200 200"));
        // ---- administration ----
        rows.add(api("GET", "/api/v1/partners", Scope.NONE, "the partner directory",
                r -> get("/api/v1/partners"), "401 401 401 403 403 403 403 200 200"));
        rows.add(api("GET", "/api/v1/partners/{oin}", Scope.NONE, "one partner",
                r -> get("/api/v1/partners/" + oin(Role.VO_A)), "401 401 401 403 403 403 403 200 200"));
        rows.add(api("POST", "/api/v1/partners", Scope.NONE, "a new partner",
                r -> post("/api/v1/partners", newPartner()), "401 401 401 403 403 403 403 403 201"));
        rows.add(api("PUT", "/api/v1/partners/{oin}", Scope.NONE, "a partner's details",
                r -> put("/api/v1/partners/" + throwaway(), "{\"name\":\"Renamed\",\"kind\":\"VO\",\"brin\":\"14DD\","
                        + "\"channel\":\"REST\",\"endpoint\":\"http://localhost:9/x\"}"), "401 401 401 403 403 403 403 403 200"));
        for (String action : List.of("rotate-key", "disable", "enable")) {
            rows.add(api("POST", "/api/v1/partners/{oin}/" + action, Scope.NONE, action + " of a partner",
                    r -> post("/api/v1/partners/" + throwaway() + "/" + action, null), "401 401 401 403 403 403 403 403 200"));
        }
        rows.add(api("GET", "/api/v1/partners/{oin}/authentication", Scope.NONE, "how a partner authenticates",
                r -> get("/api/v1/partners/" + oin(Role.VO_A) + "/authentication"), "401 401 401 403 403 403 403 200 200"));
        rows.add(api("PUT", "/api/v1/partners/{oin}/authentication", Scope.NONE, "setting how a partner authenticates",
                r -> put("/api/v1/partners/" + throwaway() + "/authentication", "{\"mode\":\"both\"}"),
                "401 401 401 403 403 403 403 403 200"));
        rows.add(api("GET", "/api/v1/partners/{oin}/functions", Scope.NONE, "a gemeente's endpoints per function",
                r -> get("/api/v1/partners/" + oin(Role.GEMEENTE) + "/functions"), "401 401 401 403 403 403 403 200 200"));
        rows.add(api("PUT", "/api/v1/partners/{oin}/functions/{function}", Scope.NONE, "setting a function's endpoint",
                r -> put("/api/v1/partners/" + throwawayGemeente() + "/functions/rmc", "{\"endpoint\":\"http://localhost:9/rmc\"}"),
                "401 401 401 403 403 403 403 403 200"));
        rows.add(api("DELETE", "/api/v1/partners/{oin}/functions/{function}", Scope.NONE, "removing a function's endpoint",
                r -> HttpRequest.newBuilder(uri("/api/v1/partners/" + throwawayGemeente() + "/functions/rmc")).DELETE(),
                "401 401 401 403 403 403 403 403 200"));
        rows.add(api("GET", "/api/v1/deliveries/parked", Scope.NONE, "parked deliveries",
                r -> get("/api/v1/deliveries/parked"), "401 401 401 403 403 403 403 200 200"));
        rows.add(api("POST", "/api/v1/deliveries/{id}/replay", Scope.NONE, "replaying a delivery (an unknown one: 404)",
                r -> post("/api/v1/deliveries/no-such-delivery/replay", null), "401 401 401 403 403 403 403 403 404"));
        rows.add(api("GET", "/api/v1/rejections", Scope.NONE, "refused messages",
                r -> get("/api/v1/rejections"), "401 401 401 403 403 403 403 200 200"));
        // ---- SOAP edge, actuator, contract ----
        rows.add(api("POST", "/ws/overdracht", Scope.NONE, "a SOAP submission (an empty envelope: a client fault)",
                r -> HttpRequest.newBuilder(uri("/ws/overdracht")).header("Content-Type", "text/xml; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                                + "<s:Body/></s:Envelope>")), "500/unauthenticated 500/unauthenticated 500/unauthenticated "
                                + "500/soap:Client 500/soap:Client 500/soap:Client 500/soap:Client 500/forbidden "
                                + "500/forbidden"));
        rows.add(api("GET", "/actuator/health", Scope.NONE, "health (UP/DOWN only without a role)",
                r -> get("/actuator/health"), "200 401 401 200 200 200 200 200 200"));
        rows.add(api("GET", "/actuator/prometheus", Scope.NONE, "metrics",
                r -> get("/actuator/prometheus"), "401 401 401 403 403 403 403 200 200"));
        rows.add(api("GET", "/v3/api-docs", Scope.NONE, "the OpenAPI contract",
                r -> get("/v3/api-docs"), "200 401 401 200 200 200 200 200 200"));
        // ---- console (partners' keys do not open it: they are anonymous there) ----
        rows.add(page("GET", "/admin/login", "the login page", "/admin/login", null, "200 200 200 200 200 200 200 200 200"));
        for (String path : List.of("/admin", "/admin/", "/admin/audit", "/admin/users", "/admin/consent", "/admin/transfers",
                "/admin/absence",
                "/admin/messages", "/admin/partners", "/admin/parked")) {
            rows.add(page("GET", path, "a console page", path, null, "302 302 302 302 302 302 302 200 200"));
        }
        rows.add(page("GET", "/admin/transfers/{id}", "a transfer", "/admin/transfers/" + transferOfA, null,
                "302 302 302 302 302 302 302 200 200"));
        rows.add(page("GET", "/admin/absence/{id}", "an absence report", "/admin/absence/" + absenceOfA, null,
                "302 302 302 302 302 302 302 200 200"));
        rows.add(page("GET", "/admin/messages/{trackingId}", "a message", "/admin/messages/" + dossierOfA, null,
                "302 302 302 302 302 302 302 200 200"));
        rows.add(page("POST", "/admin/messages", "a message search", "/admin/messages", "type=transfer-dossier",
                "403 403 403 403 403 403 403 200 200"));
        rows.add(page("POST", "/admin/transfers", "a transfer search", "/admin/transfers", "state=delivered",
                "403 403 403 403 403 403 403 200 200"));
        rows.add(page("POST", "/admin/absence", "an absence search", "/admin/absence", "kind=signal",
                "403 403 403 403 403 403 403 200 200"));
        rows.add(page("POST", "/admin/consent", "a consent look-up", "/admin/consent", "student=" + studentOfA,
                "403 403 403 403 403 403 403 403 200"));
        rows.add(page("POST", "/admin/users", "a new user", "/admin/users", "username=u" + System.nanoTime()
                + "&password=a-long-enough-password&role=VIEWER", "403 403 403 403 403 403 403 403 200"));
        rows.add(page("POST", "/admin/users/{username}/{action:enable|disable}", "disabling a user",
                "/admin/users/no-such-user/disable", "", "403 403 403 403 403 403 403 403 404"));
        rows.add(page("POST", "/admin/partners", "a new partner", "/admin/partners", "oin=" + newOin()
                + "&name=Console&kind=VO&brin=15EE&channel=REST&endpoint=http://localhost:9/x", "403 403 403 403 403 403 403 403 200"));
        rows.add(page("POST", "/admin/partners/{oin}/rotate", "rotating a key", "/admin/partners/" + throwaway() + "/rotate", "",
                "403 403 403 403 403 403 403 403 200"));
        rows.add(page("POST", "/admin/partners/{oin}/{action:enable|disable}", "enabling a partner",
                "/admin/partners/" + throwaway() + "/enable", "", "403 403 403 403 403 403 403 403 302"));
        rows.add(page("POST", "/admin/parked/{id}/dry-run", "a dry run (unknown delivery)", "/admin/parked/none/dry-run", "",
                "403 403 403 403 403 403 403 403 404"));
        rows.add(page("POST", "/admin/parked/replay", "replaying nothing", "/admin/parked/replay", "",
                "403 403 403 403 403 403 403 403 200"));
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> matrix() {
        return table().stream().flatMap(row -> row.expected().entrySet().stream().map(cell -> DynamicTest.dynamicTest(
                cell.getKey() + " " + row.method() + " " + row.pattern() + " [" + row.scope() + ": " + row.what() + "] -> "
                        + cell.getValue(),
                () -> {
                    HttpResponse<String> answer = call(cell.getKey(), row.request().apply(cell.getKey()));
                    String[] expected = cell.getValue().split("/");
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(Integer.parseInt(expected[0]));
                    if (expected.length > 1) {
                        assertThat(answer.body()).contains(expected[1]);
                    }
                })));
    }

    @Test
    void everyServedPathHasARow() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? Set.of("GET")
                    : info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet());
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/") || pattern.startsWith("/admin") || pattern.startsWith("/demo")) {
                    methods.forEach(m -> served.add(m + " " + pattern));
                }
            }
        });
        Set<String> inTable = new TreeSet<>();
        table().forEach(row -> inTable.add(row.method() + " " + row.pattern()));
        assertThat(inTable).containsAll(served);
    }

    /**
     * Finding 1: school B posted a consent for school A's student and the MBO received A's held categories. B is
     * refused; and once B may speak for the student (it reports the student as its own leaver), B's consent still
     * releases nothing A sent. A's own consent does.
     */
    @Test
    void shouldNotLetAnotherSchoolsConsentReleaseHeldData() throws Exception {
        String bsn = Fixtures.BSNS[7];
        int before = mboSystem.accepted().size();
        String dossier = mapper.readTree(submit(key(Role.VO_A), Fixtures.json(Fixtures.dossier(oin(Role.VO_A), oin(Role.MBO),
                bsn))).body()).path("trackingId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> history(dossier).contains("HELD_FOR_CONSENT"));

        HttpResponse<String> refused = call(Role.VO_B, post("/api/v1/consents", consent(Role.VO_B, bsn)));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("not-your-student");

        String report = Fixtures.json(leaverReport(Role.VO_B, bsn));
        assertThat(submit(key(Role.VO_B), report).statusCode()).isEqualTo(202);
        HttpResponse<String> recorded = await().atMost(Duration.ofSeconds(30))
                .until(() -> call(Role.VO_B, post("/api/v1/consents", consent(Role.VO_B, bsn))), r -> r.statusCode() == 201);
        assertThat(mapper.readTree(recorded.body()).path("recordedBy").asText()).isEqualTo(oin(Role.VO_B));
        // the consent is recorded and its release has run (synchronously, within the request): nothing was released
        assertThat(history(dossier)).doesNotContain("SUPPLEMENT_RELEASED");
        assertThat(mboSystem.accepted().stream().filter(r -> r.body().contains(bsn)).count()).isEqualTo(1);

        assertThat(call(Role.VO_A, post("/api/v1/consents", consent(Role.VO_A, bsn))).statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> history(dossier).contains("SUPPLEMENT_RELEASED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mboSystem.accepted().size() >= before + 2);
    }

    /**
     * Finding 2: an MBO's status naming another MBO's BRIN, and a status about school B's student addressed to school
     * A, were accepted. Both are refused, with a precise problem the admin sees among the rejections, and nothing of
     * them reaches school A.
     */
    @Test
    void shouldRefuseStatusesAboutOtherSchoolsAndStudents() throws Exception {
        HttpResponse<String> otherMbo = submit(key(Role.MBO), status(Role.MBO, Role.VO_A, studentOfA, "39ZZ"));
        assertThat(otherMbo.statusCode()).isEqualTo(403);
        assertThat(mapper.readTree(otherMbo.body()).path("type").asText()).endsWith("not-own-school");
        HttpResponse<String> otherStudent = submit(key(Role.MBO), status(Role.MBO, Role.VO_A, studentOfB, "31MM"));
        assertThat(otherStudent.statusCode()).isEqualTo(422);
        assertThat(mapper.readTree(otherStudent.body()).path("type").asText()).endsWith("contradicts-transfer");

        String rejections = adminGet("/api/v1/rejections?limit=500").body();
        assertThat(rejections).contains("not-own-school", "contradicts-transfer");
        assertThat(systems.get(0).accepted()).noneMatch(r -> r.body().contains(studentOfB) || r.body().contains("39ZZ"));
    }

    /** The admin API accepts an admin's console session (state-changing calls with the console's CSRF token). */
    @Test
    void shouldAcceptAnAdminsConsoleSessionOnTheAdminApi() throws Exception {
        HttpClient admin = console.get(Role.ADMIN);
        assertThat(admin.send(get("/api/v1/partners/" + oin(Role.VO_A)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
        String oin = throwaway();
        assertThat(admin.send(post("/api/v1/partners/" + oin + "/disable", null).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(admin.send(post("/api/v1/partners/" + oin + "/disable", null)
                        .header("X-CSRF-TOKEN", java.net.URLDecoder.decode(csrf.get(Role.ADMIN), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(console.get(Role.VIEWER).send(post("/api/v1/partners/" + oin + "/enable", null)
                        .header("X-CSRF-TOKEN", java.net.URLDecoder.decode(csrf.get(Role.VIEWER), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    /** Health without a role is UP or DOWN only; details (consumers, errors, endpoints) are for operators. */
    @Test
    void shouldShowHealthDetailsOnlyToOperators() throws Exception {
        JsonNode anonymous = mapper.readTree(call(Role.ANONYMOUS, get("/actuator/health")).body());
        assertThat(anonymous.path("status").asText()).isIn("UP", "DOWN");
        assertThat(anonymous.size()).isEqualTo(1);
        JsonNode partnerView = mapper.readTree(call(Role.VO_A, get("/actuator/health")).body());
        assertThat(partnerView.size()).isEqualTo(1);
        JsonNode operator = mapper.readTree(call(Role.VIEWER, get("/actuator/health")).body());
        assertThat(operator.path("components").isObject()).isTrue();
        assertThat(call(Role.ANONYMOUS, get("/actuator/prometheus")).body()).doesNotContain(oin(Role.VO_A));
    }

    private List<String> history(String trackingId) throws Exception {
        return mapper.readTree(adminGet("/api/v1/messages/" + trackingId).body()).path("history").findValuesAsText("state");
    }

    // ---- the requests ----

    private Row api(String method, String pattern, Scope scope, String what, Function<Role, HttpRequest.Builder> request,
            String expected) {
        return new Row(method, pattern, scope, what, request, expectations(expected));
    }

    private Row page(String method, String pattern, String what, String path, String form, String expected) {
        return new Row(method, pattern, Scope.NONE, what, r -> {
            if (form == null) {
                return HttpRequest.newBuilder(uri(path)).GET();
            }
            String token = csrf.get(r);
            return form(uri(path), token == null ? form : form + (form.isEmpty() ? "" : "&") + "_csrf=" + token);
        }, expectations(expected));
    }

    /** Per role, in the order of {@link Role}: a status, or status/code where the answer must carry that code. */
    private static Map<Role, String> expectations(String expected) {
        String[] codes = expected.trim().split("\\s+");
        assertThat(codes).hasSize(Role.values().length);
        Map<Role, String> map = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            map.put(role, codes[role.ordinal()]);
        }
        return map;
    }

    private HttpResponse<String> call(Role role, HttpRequest.Builder request) throws Exception {
        if (request.build().uri().getPath().startsWith("/admin") && console.containsKey(role)) {
            return console.get(role).send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        switch (role) {
            case ANONYMOUS -> { }
            case WRONG_KEY -> request.header("Authorization", "Bearer kh_this-key-was-never-issued");
            case VIEWER -> request.header("Authorization", basic(viewer, VIEWER_PASSWORD));
            case ADMIN -> request.header("Authorization", basicAdmin());
            default -> request.header("Authorization", "Bearer " + key(role));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder put(String path, String json) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpRequest.Builder form(java.net.URI uri, String form) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    /** A message the role may send in its own name: a dossier (VO), a status to school A (MBO), else an attempt. */
    private String ownMessage(Role role) {
        String sender = senderOf(role);
        return switch (role) {
            case MBO -> status(role, Role.VO_A, studentOfA, "31MM");
            case VO_A, VO_B -> Fixtures.json(Fixtures.dossier(sender, oin(Role.MBO), Fixtures.BSNS[5]));
            default -> Fixtures.json(Fixtures.dossier(sender, oin(Role.MBO), Fixtures.BSNS[5]));
        };
    }

    private String spoofed(Role role) {
        Role victim = role == Role.VO_A ? Role.VO_B : Role.VO_A;
        return Fixtures.json(Fixtures.dossier(oin(victim), oin(Role.MBO), Fixtures.BSNS[6]));
    }

    private String status(Role role, Role to, String bsn, String mboBrin) {
        return statusNaming(role, to, to, bsn, mboBrin);
    }

    private String statusNaming(Role role, Role to, Role named, String bsn) {
        return statusNaming(role, to, named, bsn, "31MM");
    }

    private String statusNaming(Role role, Role to, Role named, String bsn, String mboBrin) {
        ObjectNode status = Fixtures.message("application-status", senderOf(role), oin(to));
        ObjectNode p = (ObjectNode) status.get("payload");
        ((ObjectNode) p.get("student")).put("bsn", bsn);
        p.putObject("mboSchool").put("brin", mboBrin);
        p.putObject("voSchool").put("brin", to == named ? brinOf(to) : brinOf(named));
        return Fixtures.json(status);
    }

    private String enrolment(Role role, String schoolBrin) {
        ObjectNode notice = Fixtures.message("enrolment-notice", senderOf(role), oin(Role.GEMEENTE));
        ((ObjectNode) notice.at("/payload/school")).put("brin", schoolBrin).remove("name");
        return Fixtures.json(notice);
    }

    private String consentMessage(Role role, String bsn) {
        ObjectNode consent = Fixtures.message("consent", senderOf(role), "00000099000000000000");
        ((ObjectNode) consent.at("/payload/student")).put("bsn", bsn);
        ((ObjectNode) consent.at("/payload")).put("validFrom", LocalDate.now().toString());
        ((ObjectNode) consent.at("/payload/recipient")).removeAll().put("kind", "MBO");
        return Fixtures.json(consent);
    }

    private String consent(Role role, String bsn) {
        ObjectNode consent = Fixtures.template("consent").with("payload").deepCopy();
        ((ObjectNode) consent.get("student")).put("bsn", bsn);
        consent.put("validFrom", LocalDate.now().toString());
        ((ObjectNode) consent.get("recipient")).removeAll().put("oin", oin(Role.MBO));
        if (role == Role.ADMIN) {
            consent.put("reason", "paper form received at the helpdesk");
        }
        return consent.toString();
    }

    /** A fresh consent recorded by school A for its student. */
    private long consentOfA() {
        try {
            ObjectNode payload = (ObjectNode) mapper.readTree(consent(Role.VO_A, studentOfA));
            return consents.record(consents.parse(payload), ConsentService.SOURCE_API, null, oin(Role.VO_A), null).id();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String newPartner() {
        return "{\"oin\":\"" + newOin() + "\",\"name\":\"New\",\"kind\":\"VO\",\"brin\":\"14DD\",\"channel\":\"REST\","
                + "\"endpoint\":\"http://localhost:9/x\"}";
    }

    /** A partner that exists only to be changed. */
    private String throwawayGemeente() {
        String oin = newOin();
        partners.create(new PartnerRequest(oin, "Throwaway gemeente", PartnerKind.GEMEENTE, null, "0999", Channel.REST,
                "http://localhost:9/x", null, null, true));
        return oin;
    }

    private String throwaway() {
        String oin = newOin();
        partners.create(new PartnerRequest(oin, "Throwaway", PartnerKind.VO, "14DD", null, Channel.REST,
                "http://localhost:9/x", null, null, true));
        return oin;
    }

    private ObjectNode leaverReport(Role role, String bsn) {
        ObjectNode report = Fixtures.message("expected-transfer", oin(role), oin(Role.GEMEENTE));
        ObjectNode leaver = ((ObjectNode) report.at("/payload/leavers/0")).deepCopy();
        leaver.remove("mboSchool");
        ((ObjectNode) leaver.get("student")).put("bsn", bsn);
        ((ObjectNode) report.get("payload")).putArray("leavers").add(leaver);
        ((ObjectNode) report.get("payload")).putObject("voSchool").put("brin", brinOf(role));
        return report;
    }

    private String transferId(Role role) throws Exception {
        JsonNode page = mapper.readTree(adminGet("/api/v1/transfers?voSchool=" + oin(role)).body());
        return page.path("items").isEmpty() ? null : page.path("items").get(0).path("id").asText();
    }

    private TestPartner school(PartnerKind kind, String brin) throws Exception {
        FakePartner system = new FakePartner();
        systems.add(system);
        String oin = newOin();
        String key = partners.create(new PartnerRequest(oin, "Matrix " + kind + " " + oin.substring(14), kind, brin,
                kind == PartnerKind.GEMEENTE ? "0998" : null, Channel.REST, system.url(), null, null, true)).apiKey();
        return new TestPartner(oin, key, kind);
    }

    private String oin(Role role) {
        return partner.get(role).oin();
    }

    /** The OIN a role's messages carry as sender: its own, or (without a partner) school A's. */
    private String senderOf(Role role) {
        return partner.containsKey(role) ? oin(role) : oin(Role.VO_A);
    }

    private String brinOf(Role role) {
        return switch (role) {
            case VO_A -> "11AA";
            case VO_B -> "12BB";
            case MBO -> "31MM";
            default -> "13CC";
        };
    }

    private String key(Role role) {
        return partner.get(role).apiKey();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    }
}
