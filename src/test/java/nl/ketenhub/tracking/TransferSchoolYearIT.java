package nl.ketenhub.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.pseudonym.Pseudonymizer;
import nl.ketenhub.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One school year, 2026-2027, on a controllable clock: a cohort of synthetic VO leavers from two VO schools to two
 * MBO institutions, living in three gemeenten. Some are acknowledged and enrolled, some acknowledged and withdrawn
 * or refused, some never acknowledged (reminded, then escalated), one rejected, one never reported by any MBO, one
 * with a startkwalificatie, and one who moves house. The ledger, what each gemeente received and the RMC signals
 * of 1 October 2027 must match the expected table exactly.
 */
class TransferSchoolYearIT extends TrackingIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Student s1 = new Student("S1", Fixtures.BSNS[0], "2010-05-14", "0998", false);
    private final Student s2 = new Student("S2", Fixtures.BSNS[1], "2010-02-03", "0998", false);
    private final Student s3 = new Student("S3", Fixtures.BSNS[2], "2010-09-30", "0998", false);
    private final Student s4 = new Student("S4", Fixtures.BSNS[3], "2009-11-11", "0998", false);
    private final Student s5 = new Student("S5", Fixtures.BSNS[4], "2010-01-20", "0997", false);
    private final Student s6 = new Student("S6", Fixtures.BSNS[5], "2010-07-07", "0997", false);
    private final Student s7 = new Student("S7", Fixtures.BSNS[6], "2010-03-03", "0998", false);
    private final Student s8 = new Student("S8", Fixtures.BSNS[7], "2008-06-01", "0998", true);
    private final Student s9 = new Student("S9", Fixtures.BSNS[8], "2010-12-24", "0997", false);
    private final List<Student> cohort = List.of(s1, s2, s3, s4, s5, s6, s7, s8, s9);

    @Autowired
    private Pseudonymizer pseudonymizer;

    @Autowired
    private RmcSignalScan rmcScan;

    @Autowired
    private AckDeadlineScan ackScan;

    @Autowired
    private nl.ketenhub.config.KetenhubProperties hub;

    @Test
    void shouldTrackACohortThroughTheSchoolYearToTheRmcDeadline() {
        School voA = school(PartnerKind.VO, "11AA", null);
        School voB = school(PartnerKind.VO, "12AB", null);
        School mboX = school(PartnerKind.MBO, "31XA", 10);
        School mboY = school(PartnerKind.MBO, "32YB", 5);
        School g1 = gemeente("0998");
        School g2 = gemeente("0997");
        School g3 = gemeente("0996");

        // Monday 1 March 2027: both VO schools report their expected leavers to a gemeente
        clock.setDay("2027-03-01");
        Map<Student, School> fromA = new LinkedHashMap<>();
        fromA.put(s1, mboX);
        fromA.put(s2, mboX);
        fromA.put(s3, mboY);
        fromA.put(s7, null);
        fromA.put(s8, mboX);
        fromA.put(s9, mboY);
        accepted(voA, expected(voA, g1, fromA));
        Map<Student, School> fromB = new LinkedHashMap<>();
        fromB.put(s4, mboY);
        fromB.put(s5, mboX);
        fromB.put(s6, mboX);
        accepted(voB, expected(voB, g2, fromB));
        await().atMost(WAIT).until(() -> g1.system().accepted().size() == 2 && g2.system().accepted().size() == 2);

        // Monday 19 April: the dossiers (S7 never gets one)
        clock.setDay("2027-04-19");
        Map<Student, ObjectNode> dossiers = new HashMap<>();
        for (Object[] d : new Object[][] {
            {voA, mboX, s1}, {voA, mboX, s2}, {voA, mboX, s8}, {voA, mboY, s3}, {voA, mboY, s9},
            {voB, mboY, s4}, {voB, mboX, s5}, {voB, mboX, s6}}) {
            ObjectNode dossier = dossier((School) d[0], (School) d[1], (Student) d[2]);
            accepted((School) d[0], dossier);
            dossiers.put((Student) d[2], dossier);
        }
        await().atMost(WAIT).until(() -> mboX.system().accepted().size() == 5 && mboY.system().accepted().size() == 3);
        await().atMost(WAIT).until(() -> transfers().stream().filter(t -> "delivered".equals(t.path("state").asText())).count() == 8);

        // Wednesday 21 April: MBO X acknowledges its five, MBO Y rejects S9 and stays silent on S3 and S4;
        // applications come in
        clock.setDay("2027-04-21");
        for (Student s : List.of(s1, s2, s8)) {
            accepted(mboX, acknowledgement(mboX, voA, dossiers.get(s), true));
        }
        for (Student s : List.of(s5, s6)) {
            accepted(mboX, acknowledgement(mboX, voB, dossiers.get(s), true));
        }
        accepted(mboY, acknowledgement(mboY, voA, dossiers.get(s9), false));
        for (Student s : List.of(s1, s2, s8)) {
            accepted(mboX, status(mboX, voA, s, "aanmelding-ontvangen", "2027-04-21"));
        }
        for (Student s : List.of(s5, s6)) {
            accepted(mboX, status(mboX, voB, s, "aanmelding-ontvangen", "2027-04-21"));
        }
        accepted(mboY, status(mboY, voA, s3, "aanmelding-ontvangen", "2027-04-22"));
        await().atMost(WAIT).until(() -> count("aanmelding-ontvangen") == 6 && count("rejected") == 1
                && transfers().stream().filter(t -> "acknowledged".equals(t.path("dossierState").asText())).count() == 5);

        // MBO Y's period (5 working days from 19 April) ends on Monday 26 April; Koningsdag is no working day.
        clock.setDay("2027-04-27");
        await().atMost(WAIT).until(() -> received(mboY, cohort).stream().filter(l -> l.contains("reminder")).count() == 2);
        // escalation 3 working days after the reminder: after Friday 30 April
        clock.setDay("2027-05-03");
        await().atMost(WAIT).until(() -> received(voA, cohort).contains("notification acknowledgement-escalation S3")
                && received(voB, cohort).contains("notification acknowledgement-escalation S4"));

        // June: offers, a refusal, a withdrawal; S6 moves from gemeente 0997 to 0996
        clock.setDay("2027-06-15");
        accepted(mboX, status(mboX, voA, s1, "onderwijsovereenkomst-aangeboden", "2027-06-15"));
        accepted(mboX, status(mboX, voA, s2, "ingetrokken", "2027-06-15"));
        accepted(mboX, status(mboX, voB, s5, "leidt-niet-tot-inschrijving", "2027-06-15"));
        accepted(mboX, status(mboX, voB, s6.movedTo("0996"), "onderwijsovereenkomst-aangeboden", "2027-06-15"));

        // August: S1 enrols; S3 enrols at MBO Y (which never acknowledged the dossier); S6 withdraws
        clock.setDay("2027-08-25");
        accepted(mboX, status(mboX, voA, s1, "ingeschreven", "2027-08-25"));
        accepted(mboY, status(mboY, voA, s3, "ingeschreven", "2027-08-25"));
        accepted(mboX, status(mboX, voB, s6.movedTo("0996"), "ingetrokken", "2027-08-25"));
        await().atMost(WAIT).until(() -> count("enrolled") == 2 && count("ingetrokken") == 2);

        // The day before the RMC deadline nothing is signalled; on 1 October every leaver without 'ingeschreven' is
        clock.setDay("2027-09-30");
        assertThat(rmcScan.scan().signalled()).isZero();
        assertThat(transfers()).noneMatch(t -> t.has("signalledAt"));
        clock.setDay("2027-10-01");
        await().atMost(WAIT).until(() -> count("signalled") == 6);

        // the ledger: one row per transfer, exactly as expected
        List<String> expectedLedger = List.of(
                "S1 11AA 31XA enrolled ingeschreven acknowledged",
                "S2 11AA 31XA signalled ingetrokken acknowledged",
                "S3 11AA 32YB enrolled ingeschreven overdue reminded escalated",
                "S4 12AB 32YB signalled - overdue reminded escalated",
                "S5 12AB 31XA signalled leidt-niet-tot-inschrijving acknowledged",
                "S6 12AB 31XA signalled ingetrokken acknowledged",
                "S7 11AA - signalled - -",
                "S8 11AA 31XA aanmelding-ontvangen aanmelding-ontvangen acknowledged",
                "S9 11AA 32YB signalled - rejected");
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger()).containsExactlyInAnyOrderElementsOf(expectedLedger));

        // what each gemeente received: notices of its own residents only, and one signal per student
        List<String> forG1 = List.of(
                "expected S1,S2,S3,S7,S8,S9",
                "expected S4",
                "status aanmelding-ontvangen S1", "status aanmelding-ontvangen S2", "status aanmelding-ontvangen S3",
                "status onderwijsovereenkomst-aangeboden S1", "status ingetrokken S2",
                "status ingeschreven S1", "status ingeschreven S3",
                "notification rmc-signal S2", "notification rmc-signal S4", "notification rmc-signal S7");
        List<String> forG2 = List.of(
                "expected S4,S5,S6",
                "expected S9",
                "status aanmelding-ontvangen S5", "status aanmelding-ontvangen S6",
                "status leidt-niet-tot-inschrijving S5",
                "notification rmc-signal S5", "notification rmc-signal S9");
        List<String> forG3 = List.of(
                "status onderwijsovereenkomst-aangeboden S6", "status ingetrokken S6",
                "notification rmc-signal S6");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(received(g1, cohort)).containsExactlyInAnyOrderElementsOf(forG1);
            assertThat(received(g2, cohort)).containsExactlyInAnyOrderElementsOf(forG2);
            assertThat(received(g3, cohort)).containsExactlyInAnyOrderElementsOf(forG3);
        });
        // ... and the schools: reminders only to the MBO that was late, escalations and the rejection to the VO schools
        assertThat(received(mboY, cohort)).filteredOn(l -> l.startsWith("notification"))
                .containsExactlyInAnyOrder("notification acknowledgement-reminder S3", "notification acknowledgement-reminder S4");
        assertThat(received(mboX, cohort)).noneMatch(l -> l.startsWith("notification"));
        // (months pass on this clock, so the consent engine also tells VO schools that held categories expired:
        // that is consent's business, not the transfer ledger's, and is left out here)
        assertThat(received(voA, cohort)).filteredOn(ConsentFree::trackingNotice)
                .containsExactlyInAnyOrder("notification dossier-rejected S9", "notification acknowledgement-escalation S3");
        assertThat(received(voB, cohort)).filteredOn(ConsentFree::trackingNotice)
                .containsExactlyInAnyOrder("notification acknowledgement-escalation S4");

        // scans keep running: nothing is sent a second time
        clock.setDay("2027-10-04");
        assertThat(rmcScan.scan().signalled()).isZero();
        assertThat(ackScan.scan().reminded()).isZero();
        awaitHubSettled();
        assertThat(received(g1, cohort)).containsExactlyInAnyOrderElementsOf(forG1);
        assertThat(received(g2, cohort)).containsExactlyInAnyOrderElementsOf(forG2);
        assertThat(received(g3, cohort)).containsExactlyInAnyOrderElementsOf(forG3);
        assertThat(received(mboY, cohort)).filteredOn(l -> l.startsWith("notification")).hasSize(2);

        assertMinimalForGemeenten(g1, g2, g3);
        assertSignalCarriesWhatIsKnown(g3);
    }

    /** A gemeente never receives the programme, a reason, names or dossier content. */
    private void assertMinimalForGemeenten(School... gemeenten) {
        for (School g : gemeenten) {
            for (var r : g.system().accepted()) {
                JsonNode m = read(r.body());
                JsonNode p = m.path("payload");
                assertThat(p.has("reason")).as("reason in " + describe(m, cohort)).isFalse();
                assertThat(p.has("programme")).as("programme in " + describe(m, cohort)).isFalse();
                p.path("leavers").forEach(l -> assertThat(l.has("programme")).isFalse());
                assertThat(r.body()).doesNotContain("Voorbeeld").doesNotContain("supportNeeds");
            }
        }
    }

    private void assertSignalCarriesWhatIsKnown(School g3) {
        JsonNode signal = g3.system().accepted().stream().map(r -> read(r.body()))
                .filter(m -> "rmc-signal".equals(m.at("/payload/kind").asText())).findFirst().orElseThrow();
        assertThat(signal.path("sender").asText()).isEqualTo(hubOin());
        assertThat(signal.at("/payload/student/bsn").asText()).isEqualTo(s6.bsn());
        assertThat(signal.at("/payload/student/gemeentecode").asText()).isEqualTo("0996");
        assertThat(signal.at("/payload/schoolYear").asText()).isEqualTo(SCHOOL_YEAR);
        assertThat(signal.at("/payload/dueDate").asText()).isEqualTo("2027-10-01");
        assertThat(signal.at("/payload/facts/applicationStatus").asText()).isEqualTo("ingetrokken");
        assertThat(signal.at("/payload/facts/acknowledged").asText()).isEqualTo("2027-04-21");
        assertThat(signal.at("/payload/mboSchool/brin").asText()).isEqualTo("31XA");
    }

    private String hubOin() {
        return hub.hubOin();
    }

    /** One line per transfer: student, VO, MBO, state, application status, dossier state, reminded, escalated. */
    private List<String> ledger() {
        Map<String, String> labels = new HashMap<>();
        cohort.forEach(s -> labels.put(pseudonymizer.pseudonym(s.bsn(), null), s.label()));
        List<String> rows = new ArrayList<>();
        for (JsonNode t : transfers()) {
            StringBuilder row = new StringBuilder(labels.getOrDefault(t.path("student").asText(), "?"))
                    .append(' ').append(t.at("/voSchool/brin").asText())
                    .append(' ').append(t.at("/mbo/brin").asText("-"))
                    .append(' ').append(t.path("state").asText())
                    .append(' ').append(t.path("applicationStatus").asText("-"))
                    .append(' ').append(t.path("dossierState").asText("-"));
            if (t.has("reminderSentAt")) {
                row.append(" reminded");
            }
            if (t.has("escalatedAt")) {
                row.append(" escalated");
            }
            rows.add(row.toString());
        }
        return rows;
    }

    private List<JsonNode> transfers() {
        JsonNode page = read(adminGet("/api/v1/transfers?schoolYear=" + SCHOOL_YEAR + "&limit=500").body());
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
    }

    private long count(String state) {
        JsonNode counts = read(adminGet("/api/v1/transfers/counts?schoolYear=" + SCHOOL_YEAR).body());
        return counts.at("/byState/" + state).asLong();
    }


    /** Notifications of the transfer ledger, leaving out consent's own held-data-expired notices. */
    private static final class ConsentFree {
        static boolean trackingNotice(String line) {
            return line.startsWith("notification") && !line.contains("held-data-expired");
        }
    }
}
