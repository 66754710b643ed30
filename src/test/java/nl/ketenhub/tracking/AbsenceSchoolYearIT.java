package nl.ketenhub.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.pseudonym.Pseudonymizer;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Absence across school year 2026-2027 on a controllable clock: a VO school with two locations and an MBO college
 * report to two gemeenten. Reports of every kind; one late; one withdrawn; one for a student of 19 without a
 * startkwalificatie, which goes to the RMC; follow-ups that arrive out of order; one report the gemeente leaves
 * unanswered, which is reminded once. The absence ledger and its counts must match what was sent, and no absence
 * delivery may carry anything of a transfer dossier.
 */
@TestPropertySource(properties = {"ketenhub.absence.scan-period=1s", "ketenhub.absence.ack-within-working-days=5"})
class AbsenceSchoolYearIT extends TrackingIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** What each absence type may carry to its recipient: the canonical members and nothing else. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "absence-report", Set.of("student", "kind", "function", "period", "hoursMissed", "lessonsMissed", "school",
                    "schoolYear", "actionsTaken", "contact", "note"),
            "absence-follow-up", Set.of("student", "status", "statusDate", "code", "note"),
            "absence-withdrawal", Set.of("student", "withdrawnOn", "reason"));

    private final Student a1 = new Student("A1", Fixtures.BSNS[0], "2011-03-01", "0998", false);
    private final Student a2 = new Student("A2", Fixtures.BSNS[1], "2010-02-03", "0998", false);
    private final Student a3 = new Student("A3", Fixtures.BSNS[2], "2012-09-30", "0997", false);
    private final Student a4 = new Student("A4", Fixtures.BSNS[3], "2007-06-01", "0998", false);
    private final Student a5 = new Student("A5", Fixtures.BSNS[4], "2011-01-20", "0998", false);
    private final List<Student> students = List.of(a1, a2, a3, a4, a5);

    @Autowired
    private Pseudonymizer pseudonymizer;

    @Test
    void shouldFollowEveryReportOfTheSchoolYearAndCountItPerLocationAndGemeente() {
        School vo = school(PartnerKind.VO, "11AA", null);
        School mbo = school(PartnerKind.MBO, "31XA", 10);
        School g1 = gemeente("0998");
        School g2 = gemeente("0997");

        // Friday 16 October 2026: unauthorised absence over the threshold (reached Wednesday 14th), on time
        clock.setDay("2026-10-16");
        ObjectNode r1 = report(vo, g1, a1, "unauthorised", "leerplicht", "01", "2026-09-21", "2026-10-16", "2026-10-14", 18);
        accepted(vo, r1);
        await().atMost(WAIT).until(() -> state(a1).equals("delivered"));

        // Tuesday 20 October: the gemeente's follow-ups cross: 'closed' arrives before 'in-progress'
        clock.setDay("2026-10-20");
        accepted(g1, followUp(g1, vo, r1, a1, "closed", "2026-10-20", "HERSTELD"));
        await().atMost(WAIT).until(() -> state(a1).equals("closed"));
        accepted(g1, followUp(g1, vo, r1, a1, "in-progress", "2026-10-19", null));
        await().atMost(WAIT).until(() -> history(a1).size() == 4);

        // Monday 2 November: a report made in error, withdrawn the next day
        clock.setDay("2026-11-02");
        ObjectNode r5 = report(vo, g1, a5, "unauthorised", "leerplicht", "01", "2026-10-05", "2026-10-30", "2026-10-28", 16);
        accepted(vo, r5);
        await().atMost(WAIT).until(() -> state(a5).equals("delivered"));
        clock.setDay("2026-11-03");
        accepted(vo, withdrawal(vo, g1, r5, a5));
        await().atMost(WAIT).until(() -> state(a5).equals("withdrawn"));
        // a gemeente cannot follow up a report it never received
        HttpResponse<String> foreign = submit(g2.apiKey(), Fixtures.json(followUp(g2, vo, r1, a1, "received", "2026-11-03", null)));
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(422);
        assertThat(read(foreign.body()).path("type").asText()).endsWith("/unknown-relates-to");
        // a report goes to the gemeente the student lives in
        HttpResponse<String> elsewhere = submit(vo.apiKey(),
                Fixtures.json(report(vo, g2, a5, "signal", "leerplicht", "01", "2026-10-05", "2026-10-30", null, 8)));
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(422);
        assertThat(read(elsewhere.body()).path("type").asText()).endsWith("/not-gemeente-of-residence");

        // Thursday 10 December: a signal for absence that ended on Friday 27 November: late (due 4 December)
        clock.setDay("2026-12-10");
        accepted(vo, report(vo, g1, a2, "signal", "leerplicht", "02", "2026-11-02", "2026-11-27", null, 9));
        await().atMost(WAIT).until(() -> state(a2).equals("delivered"));
        // no follow-up within 5 working days (by 17 December): the gemeente is reminded once
        clock.setDay("2026-12-18");
        await().atMost(WAIT).until(() -> received(g1).contains("notification absence-acknowledgement-reminder"));

        // Monday 11 January 2027: extended leave without permission, to the other gemeente; a measure is taken
        clock.setDay("2027-01-11");
        ObjectNode r3 = report(vo, g2, a3, "extended-leave", "leerplicht", "01", "2027-01-04", "2027-01-08", null, 25);
        accepted(vo, r3);
        await().atMost(WAIT).until(() -> state(a3).equals("delivered"));
        clock.setDay("2027-01-12");
        accepted(g2, followUp(g2, vo, r3, a3, "measure-taken", "2027-01-12", "PROCES-VERBAAL"));
        await().atMost(WAIT).until(() -> state(a3).equals("in-progress"));

        // Monday 1 February: the MBO reports worrying sickness of a 19-year-old without a startkwalificatie to the RMC;
        // the same report addressed to Leerplicht is refused
        clock.setDay("2027-02-01");
        HttpResponse<String> wrongFunction = submit(mbo.apiKey(),
                Fixtures.json(report(mbo, g1, a4, "worrying-sickness", "leerplicht", "01", "2027-01-04", "2027-01-29", null, 30)));
        assertThat(wrongFunction.statusCode()).as(wrongFunction.body()).isEqualTo(400);
        assertThat(wrongFunction.body()).contains("/payload/function").doesNotContain(a4.bsn());
        ObjectNode r4 = report(mbo, g1, a4, "worrying-sickness", "rmc", "01", "2027-01-04", "2027-01-29", null, 30);
        accepted(mbo, r4);
        await().atMost(WAIT).until(() -> state(a4).equals("delivered"));
        clock.setDay("2027-02-02");
        accepted(g1, followUp(g1, mbo, r4, a4, "received", "2027-02-02", null));
        await().atMost(WAIT).until(() -> state(a4).equals("acknowledged"));

        clock.setDay("2027-02-15");

        // the ledger: one line per report, as sent
        assertThat(ledger()).containsExactly(
                "A1 11AA01 unauthorised leerplicht g=0998 closed on-time",
                "A2 11AA02 signal leerplicht g=0998 delivered late reminded",
                "A3 11AA01 extended-leave leerplicht g=0997 in-progress on-time",
                "A4 31XA01 worrying-sickness rmc g=0998 acknowledged on-time",
                "A5 11AA01 unauthorised leerplicht g=0998 withdrawn on-time");
        // the follow-up that arrived after 'closed' is in the history without moving the state back
        assertThat(history(a1)).extracting(e -> e.path("event").asText() + " " + e.path("toState").asText())
                .containsExactly("reported sent", "delivered delivered", "follow-up closed", "follow-up closed");
        assertThat(history(a1).get(3).path("detail").asText()).contains("arrived after a later step");

        // the counts per school location and per gemeente
        JsonNode byLocation = read(adminGet("/api/v1/absence/counts?schoolYear=2026-2027&by=location&days=20").body());
        assertThat(groups(byLocation)).containsExactly(
                "11AA01 reports=2 unauthorised=1 signal=0 extended-leave=1 worrying-sickness=0 late=0 followedUp=2 open=1 older=1 withdrawn=1",
                "11AA02 reports=1 unauthorised=0 signal=1 extended-leave=0 worrying-sickness=0 late=1 followedUp=0 open=1 older=1 withdrawn=0",
                "31XA01 reports=1 unauthorised=0 signal=0 extended-leave=0 worrying-sickness=1 late=0 followedUp=0 open=1 older=0 withdrawn=0");
        JsonNode total = byLocation.path("total");
        assertThat(total.path("shareOnTime").asDouble()).isEqualTo(0.75);
        assertThat(total.path("shareFollowedUp").asDouble()).isEqualTo(0.5);
        assertThat(total.path("acknowledged").asLong()).isEqualTo(3);
        assertThat(total.at("/byFunction/rmc").asLong()).isEqualTo(1);
        JsonNode byGemeente = read(adminGet("/api/v1/absence/counts?schoolYear=2026-2027&by=gemeente&days=20").body());
        Map<String, Long> perGemeente = new TreeMap<>();
        byGemeente.path("groups").forEach(g -> perGemeente.put(g.path("key").asText(), g.path("reports").asLong()));
        assertThat(perGemeente).containsExactlyInAnyOrderEntriesOf(Map.of(g1.oin(), 3L, g2.oin(), 1L));

        // the console shows the same figures, per location and per gemeente
        String page = consolePage("/admin/absence?schoolYear=2026-2027&days=20");
        assertThat(consoleRow(page, "11AA01")).containsExactly("2", "1", "0", "1", "0", "100%", "2", "100%", "1", "1", "1");
        assertThat(consoleRow(page, "11AA02")).containsExactly("1", "0", "1", "0", "0", "0%", "0", "0%", "1", "1", "0");
        assertThat(consoleRow(page, "31XA01")).containsExactly("1", "0", "0", "0", "1", "100%", "1", "0%", "1", "0", "0");
        assertThat(consoleRow(page, g1.oin())).containsExactly("3", "1", "1", "0", "1", "67%", "2", "33%", "2", "1", "1");
        assertThat(consoleRow(page, g2.oin())).containsExactly("1", "0", "0", "1", "0", "100%", "1", "100%", "1", "1", "0");
        // one report in the console: its state, the late flag and its history in words
        JsonNode late = read(adminGet("/api/v1/absence?schoolYear=2026-2027&late=true").body()).path("items");
        assertThat(late).hasSize(1);
        String reportPage = consolePage("/admin/absence/" + late.get(0).path("id").asText());
        assertThat(reportPage).contains("id=\"absence-history\"", "Te laat gemeld", "Gemeld", "Afgeleverd");

        // partners see their own reports; a student is found by pseudonym
        assertThat(read(partnerGet(g2, "/api/v1/absence").body()).path("total").asLong()).isEqualTo(1);
        assertThat(read(partnerGet(mbo, "/api/v1/absence").body()).path("items").get(0).path("function").asText())
                .isEqualTo("rmc");
        JsonNode found = read(adminGet("/api/v1/absence?student=" + pseudonymizer.pseudonym(a2.bsn(), null)).body());
        assertThat(found.path("items")).singleElement().satisfies(r -> assertThat(r.path("kind").asText()).isEqualTo("signal"));

        // what each party received, and that no absence delivery carries anything but its own members
        assertThat(received(g1)).containsExactlyInAnyOrder("absence-report A1", "absence-report A5",
                "absence-withdrawal A5", "absence-report A2", "notification absence-acknowledgement-reminder",
                "absence-report A4");
        assertThat(received(g2)).containsExactly("absence-report A3");
        assertThat(received(vo)).containsExactlyInAnyOrder("absence-follow-up A1", "absence-follow-up A1",
                "absence-follow-up A3");
        assertThat(received(mbo)).containsExactly("absence-follow-up A4");
        for (School party : List.of(g1, g2, vo, mbo)) {
            for (FakePartner.Received r : party.system().accepted()) {
                JsonNode m = read(r.body());
                Set<String> allowed = ALLOWED.get(m.path("type").asText());
                if (allowed != null) {
                    Set<String> members = new TreeSet<>();
                    m.path("payload").fieldNames().forEachRemaining(members::add);
                    assertThat(allowed).as(m.path("type").asText()).containsAll(members);
                }
            }
        }
    }

    // ---- the console, as a signed-in admin sees it ----

    private String consolePage(String path) {
        try {
            java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
                    .cookieHandler(new java.net.CookieManager()).followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
                    .build();
            String login = browser.send(java.net.http.HttpRequest.newBuilder(uri("/admin/login")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
            assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
            String form = "username=admin&password=" + ADMIN_PASSWORD + "&_csrf=" + csrf.group(1);
            browser.send(java.net.http.HttpRequest.newBuilder(uri("/admin/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> answer = browser.send(java.net.http.HttpRequest.newBuilder(uri(path))
                    .header("Accept-Language", "nl").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            return answer.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The numeric cells of a table row of the console's absence page, by its group key. */
    private static List<String> consoleRow(String page, String key) {
        int start = page.indexOf("data-key=\"" + key + "\"");
        assertThat(start).as("a row for " + key).isPositive();
        String row = page.substring(start, page.indexOf("</tr>", start));
        List<String> cells = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<td class=\"num\">([^<]*)</td>").matcher(row);
        while (m.find()) {
            cells.add(m.group(1).replace("\u00a0", "").replace(" ", "").trim());
        }
        return cells;
    }

    // ---- synthetic messages ----

    private ObjectNode report(School school, School gemeente, Student s, String kind, String function, String location,
            String start, String end, String threshold, double hours) {
        ObjectNode m = Fixtures.message("absence-report", school.oin(), gemeente.oin());
        m.put("sentAt", clock.instant().toString());
        ObjectNode p = (ObjectNode) m.get("payload");
        p.set("student", s.ref(mapper));
        p.put("kind", kind);
        p.put("function", function);
        ObjectNode period = p.putObject("period").put("startDate", start).put("endDate", end);
        if (threshold != null) {
            period.put("thresholdReachedOn", threshold);
        }
        p.put("hoursMissed", hours);
        p.set("school", mapper.createObjectNode().put("brin", school.brin()).put("vestigingscode", location));
        p.put("schoolYear", SCHOOL_YEAR);
        return m;
    }

    private ObjectNode followUp(School gemeente, School school, ObjectNode report, Student s, String status,
            String statusDate, String code) {
        ObjectNode m = Fixtures.message("absence-follow-up", gemeente.oin(), school.oin());
        m.put("sentAt", clock.instant().toString());
        m.put("relatesTo", report.path("messageId").asText());
        ObjectNode p = m.putObject("payload");
        p.set("student", s.ref(mapper));
        p.put("status", status);
        p.put("statusDate", statusDate);
        if (code != null) {
            p.put("code", code);
        }
        return m;
    }

    private ObjectNode withdrawal(School school, School gemeente, ObjectNode report, Student s) {
        ObjectNode m = Fixtures.message("absence-withdrawal", school.oin(), gemeente.oin());
        m.put("sentAt", clock.instant().toString());
        m.put("relatesTo", report.path("messageId").asText());
        ((ObjectNode) m.get("payload")).set("student", s.ref(mapper));
        ((ObjectNode) m.get("payload")).put("withdrawnOn", clock.instant().toString().substring(0, 10));
        return m;
    }

    // ---- the ledger as the API shows it ----

    private List<JsonNode> reports() {
        List<JsonNode> out = new ArrayList<>();
        read(adminGet("/api/v1/absence?schoolYear=" + SCHOOL_YEAR + "&limit=500").body()).path("items").forEach(out::add);
        return out;
    }

    private JsonNode reportOf(Student s) {
        String pseudonym = pseudonymizer.pseudonym(s.bsn(), null);
        return reports().stream().filter(r -> r.path("student").asText().equals(pseudonym)).findFirst()
                .orElse(mapper.createObjectNode());
    }

    private String state(Student s) {
        return reportOf(s).path("state").asText();
    }

    private List<JsonNode> history(Student s) {
        List<JsonNode> out = new ArrayList<>();
        String id = reportOf(s).path("id").asText();
        if (!id.isEmpty()) {
            read(adminGet("/api/v1/absence/" + id).body()).path("history").forEach(out::add);
        }
        return out;
    }

    private List<String> ledger() {
        List<String> lines = new ArrayList<>();
        for (JsonNode r : reports()) {
            String label = students.stream().filter(s -> pseudonymizer.pseudonym(s.bsn(), null)
                    .equals(r.path("student").asText())).map(Student::label).findFirst().orElse("?");
            lines.add(label + " " + r.path("schoolLocation").asText() + " " + r.path("kind").asText() + " "
                    + r.path("function").asText() + " g=" + r.path("gemeentecode").asText() + " "
                    + r.path("state").asText() + (r.path("late").asBoolean() ? " late" : " on-time")
                    + (r.has("reminderSentAt") ? " reminded" : ""));
        }
        lines.sort(null);
        return lines;
    }

    private static List<String> groups(JsonNode counts) {
        List<String> lines = new ArrayList<>();
        counts.path("groups").forEach(g -> lines.add(g.path("key").asText() + " reports=" + g.path("reports").asLong()
                + " unauthorised=" + g.at("/byKind/unauthorised").asLong() + " signal=" + g.at("/byKind/signal").asLong()
                + " extended-leave=" + g.at("/byKind/extended-leave").asLong()
                + " worrying-sickness=" + g.at("/byKind/worrying-sickness").asLong() + " late=" + g.path("late").asLong()
                + " followedUp=" + g.path("followedUp").asLong() + " open=" + g.path("open").asLong()
                + " older=" + g.path("openOlderThan").asLong() + " withdrawn=" + g.path("withdrawn").asLong()));
        return lines;
    }

    /** What a party's system received, one line per message: type and student, or the notification's kind. */
    private List<String> received(School party) {
        List<String> lines = new ArrayList<>();
        for (FakePartner.Received r : party.system().accepted()) {
            JsonNode m = read(r.body());
            String type = m.path("type").asText();
            if (type.equals("notification")) {
                lines.add("notification " + m.at("/payload/kind").asText());
            } else {
                String bsn = m.at("/payload/student/bsn").asText();
                lines.add(type + " " + students.stream().filter(s -> s.bsn().equals(bsn)).map(Student::label)
                        .findFirst().orElse("?"));
            }
        }
        return lines;
    }
}
