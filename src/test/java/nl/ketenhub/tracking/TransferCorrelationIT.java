package nl.ketenhub.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.canonical.Notification;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.routing.HubOutbox;
import nl.ketenhub.security.AppUserService;
import nl.ketenhub.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Correlation of messages that arrive out of order or twice, refused transitions, and who may see a transfer. */
class TransferCorrelationIT extends TrackingIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    private HubOutbox outbox;

    @Autowired
    private AppUserService users;

    @Autowired
    private PlatformTransactionManager transactions;

    @Autowired
    private org.springframework.jms.core.JmsTemplate jms;

    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    private TransferFunnel funnel;

    @Autowired
    private AckDeadlineScan ackScan;

    @Autowired
    private org.springframework.jdbc.core.simple.JdbcClient trackingDb;

    @Test
    void shouldCorrelateAStatusThatArrivesBeforeTheDossier() {
        clock.setDay("2027-04-12");
        School vo = school(PartnerKind.VO, "13AC", null);
        School mbo = school(PartnerKind.MBO, "33ZC", 10);
        Student s = new Student("S", Fixtures.BSNS[0], "2010-05-14", "0901", false);

        String statusTrackingId = accepted(mbo, status(mbo, vo, s, "aanmelding-ontvangen", "2027-04-12"));
        await().atMost(WAIT).until(() -> vo.system().accepted().size() == 1);
        assertThat(transfersSeenBy(vo)).isEmpty();
        assertThat(read(adminGet("/api/v1/transfers/counts").body()).path("unmatchedStatuses").asLong()).isPositive();

        clock.setDay("2027-04-13");
        accepted(vo, dossier(vo, mbo, s));
        await().atMost(WAIT).until(() -> transfersSeenBy(vo).size() == 1
                && transfersSeenBy(vo).get(0).has("acknowledgementDue"));

        JsonNode t = transfer(vo, transfersSeenBy(vo).get(0).path("id").asText());
        assertThat(t.path("state").asText()).isEqualTo("aanmelding-ontvangen");
        assertThat(t.path("applicationStatus").asText()).isEqualTo("aanmelding-ontvangen");
        assertThat(t.path("dossierState").asText()).isEqualTo("delivered");
        // Tuesday 13 April + 10 working days, Koningsdag (27 April) not counted
        assertThat(t.path("acknowledgementDue").asText()).isEqualTo("2027-04-28");
        assertThat(texts(t.path("heldForConsent")))
                .containsExactly("transfer-advice", "support-needs", "attendance", "parents-guardians", "attachments");
        assertThat(events(t)).containsSubsequence(
                "dossier-received applied -> received",
                "correlated recorded",
                "application-status applied received -> aanmelding-ontvangen",
                "forwarded recorded",
                "held-for-consent recorded",
                "delivered recorded");
        assertThat(t.path("history").findValuesAsText("causeTrackingId")).contains(statusTrackingId);
        assertThat(read(adminGet("/api/v1/transfers/counts").body()).path("unmatchedStatuses").asLong()).isZero();
    }

    @Test
    void shouldCountNoticesForAGemeenteWithoutPartnerAndSendThemOnceItIsRegistered() {
        clock.setDay("2027-04-12");
        School vo = school(PartnerKind.VO, "13AG", null);
        School mbo = school(PartnerKind.MBO, "33ZG", 10);
        Student first = new Student("G1", Fixtures.BSNS[1], "2010-05-14", "0961", false);
        Student second = new Student("G2", Fixtures.BSNS[2], "2010-06-20", "0961", false);

        accepted(mbo, status(mbo, vo, first, "aanmelding-ontvangen", "2027-04-12"));
        await().atMost(WAIT).until(() -> vo.system().accepted().size() == 1);
        assertThat(unaddressedNotices("0961")).isEqualTo(1.0);

        School gemeente = gemeente("0961");
        accepted(mbo, status(mbo, vo, second, "aanmelding-ontvangen", "2027-04-12"));
        await().atMost(WAIT).until(() -> gemeente.system().accepted().size() == 1);
        assertThat(unaddressedNotices("0961")).as("the new gemeente partner is used at once").isEqualTo(1.0);
    }

    @Test
    void shouldCatchUpOnADossierDeliveryTrackingMissed() {
        clock.setDay("2027-04-13");
        School vo = school(PartnerKind.VO, "13AH", null);
        School mbo = school(PartnerKind.MBO, "38ZH", 10);
        Student s = new Student("M", Fixtures.BSNS[5], "2010-05-14", "0901", false);
        accepted(vo, dossier(vo, mbo, s));
        await().atMost(WAIT).until(() -> transfersSeenBy(vo).size() == 1
                && "delivered".equals(transfersSeenBy(vo).get(0).path("dossierState").asText()));
        String id = transfersSeenBy(vo).get(0).path("id").asText();

        // tracking loses the news of the delivery (as when its write failed after the MBO took the dossier)
        trackingDb.sql("update transfer set state = 'FORWARDED', dossier_state = 'FORWARDED', delivered_at = null, "
                + "ack_due_date = null where id = ?").param(id).update();
        assertThat(ackScan.scan().caughtUp()).as("a delivery made this minute may still be on its way to tracking")
                .isZero();
        assertThat(transfer(vo, id).path("dossierState").asText()).isEqualTo("forwarded");

        trackingDb.sql("update delivery set delivered_at = ? where tracking_id = (select dossier_tracking_id from transfer "
                + "where id = ?)").params(java.sql.Timestamp.from(clock.instant().minus(Duration.ofMinutes(5))), id).update();
        assertThat(ackScan.scan().caughtUp()).isEqualTo(1);

        JsonNode t = transfer(vo, id);
        assertThat(t.path("dossierState").asText()).isEqualTo("delivered");
        assertThat(t.path("acknowledgementDue").asText()).as("10 working days from the delivery, Koningsdag not counted")
                .isEqualTo("2027-04-28");
        assertThat(ackScan.scan().caughtUp()).as("caught up once").isZero();
    }

    private double unaddressedNotices(String gemeentecode) {
        var counter = meters.find("ketenhub.gemeente.notices.unaddressed").tag("gemeentecode", gemeentecode).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void shouldKeepTheLedgerCorrectUnderOutOfOrderAndDuplicateStatuses() {
        clock.setDay("2027-04-19");
        School vo = school(PartnerKind.VO, "14AD", null);
        School mbo = school(PartnerKind.MBO, "34ZD", 10);
        School gemeente = gemeente("0902");
        Student s = new Student("S", Fixtures.BSNS[1], "2010-02-03", "0902", false);
        ObjectNode dossier = dossier(vo, mbo, s);
        accepted(vo, dossier);
        await().atMost(WAIT).until(() -> mbo.system().accepted().size() == 1);
        accepted(mbo, acknowledgement(mbo, vo, dossier, true));

        clock.setDay("2027-08-25");
        ObjectNode enrolled = status(mbo, vo, s, "ingeschreven", "2027-08-25");
        String enrolledTracking = accepted(mbo, enrolled);
        await().atMost(WAIT).until(() -> "enrolled".equals(only(vo).path("state").asText()));
        // the earlier statuses arrive late, one of them twice; the enrolment is sent again under a new messageId
        // and resubmitted under its own
        List<String> ignored = List.of(
                accepted(mbo, status(mbo, vo, s, "aanmelding-ontvangen", "2027-04-21")),
                accepted(mbo, status(mbo, vo, s, "onderwijsovereenkomst-aangeboden", "2027-06-15")),
                accepted(mbo, status(mbo, vo, s, "aanmelding-ontvangen", "2027-04-21")),
                accepted(mbo, status(mbo, vo, s, "ingeschreven", "2027-08-25")));
        assertThat(submit(mbo.apiKey(), Fixtures.json(enrolled)).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> vo.system().accepted().size() == 6);

        // every status reaches the VO school it is addressed to, but the gemeente hears only of the one the hub follows
        assertThat(deliveriesOf(awaitSettled(enrolledTracking), "notice", gemeente.oin())).isEqualTo(1);
        for (String trackingId : ignored) {
            JsonNode settled = awaitSettled(trackingId);
            assertThat(deliveriesOf(settled, "primary", vo.oin())).isEqualTo(1);
            assertThat(deliveriesOf(settled, "notice", gemeente.oin())).as("notice of an ignored status").isZero();
        }
        assertThat(gemeente.system().accepted()).hasSize(1);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode t = transfer(vo, only(vo).path("id").asText());
            assertThat(t.path("state").asText()).isEqualTo("enrolled");
            assertThat(t.path("applicationStatus").asText()).isEqualTo("ingeschreven");
            assertThat(t.path("statusDate").asText()).isEqualTo("2027-08-25");
            assertThat(t.path("dossierState").asText()).isEqualTo("acknowledged");
            assertThat(events(t).stream().filter(e -> e.startsWith("application-status")).toList()).containsExactlyInAnyOrder(
                    "application-status applied acknowledged -> enrolled",
                    "application-status ignored enrolled -> enrolled",
                    "application-status ignored enrolled -> enrolled",
                    "application-status ignored enrolled -> enrolled",
                    "application-status ignored enrolled -> enrolled");
        });

        // a withdrawal after the enrolment is an illegal transition: refused, logged in the history, not applied
        accepted(mbo, status(mbo, vo, s, "ingetrokken", "2027-09-02"));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode t = transfer(vo, only(vo).path("id").asText());
            assertThat(events(t)).contains("application-status refused enrolled -> enrolled");
            assertThat(t.path("state").asText()).isEqualTo("enrolled");
            assertThat(t.path("applicationStatus").asText()).isEqualTo("ingeschreven");
        });
    }

    @Test
    void shouldShowARejectionToTheVoSchoolAndRefuseALaterAcceptance() {
        clock.setDay("2027-04-19");
        School vo = school(PartnerKind.VO, "15AE", null);
        School mbo = school(PartnerKind.MBO, "35ZE", 10);
        Student s = new Student("S", Fixtures.BSNS[2], "2010-09-30", "0903", false);
        ObjectNode dossier = dossier(vo, mbo, s);
        accepted(vo, dossier);
        await().atMost(WAIT).until(() -> mbo.system().accepted().size() == 1);

        accepted(mbo, acknowledgement(mbo, vo, dossier, false));
        await().atMost(WAIT).until(() -> received(vo, List.of(s)).contains("notification dossier-rejected S"));
        JsonNode notice = vo.system().accepted().stream().map(r -> read(r.body()))
                .filter(m -> "notification".equals(m.path("type").asText())).findFirst().orElseThrow();
        assertThat(notice.at("/payload/text").asText()).contains("Deze opleiding bieden wij niet aan");
        assertThat(notice.at("/payload/facts/reasonCode").asText()).isEqualTo("wrong-institution");
        assertThat(notice.path("relatesTo").asText()).isEqualTo(dossier.path("messageId").asText());

        accepted(mbo, acknowledgement(mbo, vo, dossier, true));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode t = transfer(vo, only(vo).path("id").asText());
            assertThat(t.path("state").asText()).isEqualTo("rejected");
            assertThat(t.path("rejectionCode").asText()).isEqualTo("wrong-institution");
            assertThat(t.path("rejectionReason").asText()).isEqualTo("Deze opleiding bieden wij niet aan");
            assertThat(events(t)).contains("rejected applied delivered -> rejected", "acknowledged refused rejected -> rejected");
        });
        // a viewer sees the rejection, never the MBO's free-text reason
        users.create("viewer-rejection", "viewer-password", AppUserService.Role.VIEWER);
        String id = only(vo).path("id").asText();
        JsonNode asViewer = read(send(HttpRequest.newBuilder(uri("/api/v1/transfers/" + id)).header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString("viewer-rejection:viewer-password".getBytes())).GET().build()).body());
        assertThat(asViewer.path("state").asText()).isEqualTo("rejected");
        assertThat(asViewer.path("rejectionCode").asText()).isEqualTo("wrong-institution");
        assertThat(asViewer.has("rejectionReason")).isFalse();
    }

    @Test
    void shouldLearnTheMboOfAnExpectedTransferFromItsFirstStatus() {
        clock.setDay("2027-03-01");
        School vo = school(PartnerKind.VO, "16AF", null);
        School mbo = school(PartnerKind.MBO, "36ZF", 10);
        School gemeente = gemeente("0904");
        Student s = new Student("S", Fixtures.BSNS[3], "2009-11-11", "0904", false);
        Map<Student, School> leavers = new LinkedHashMap<>();
        leavers.put(s, null);
        accepted(vo, expected(vo, gemeente, leavers));
        await().atMost(WAIT).until(() -> transfersSeenBy(vo).size() == 1);
        assertThat(transfersSeenBy(vo).get(0).has("mbo")).isFalse();

        accepted(mbo, status(mbo, vo, s, "aanmelding-ontvangen", "2027-03-10"));
        await().atMost(WAIT).until(() -> "aanmelding-ontvangen".equals(only(vo).path("state").asText()));
        JsonNode t = transfer(mbo, only(vo).path("id").asText());
        assertThat(t.at("/mbo/oin").asText()).isEqualTo(mbo.oin());
        assertThat(events(t)).containsSubsequence("expected-reported applied -> expected", "mbo-identified recorded",
                "application-status applied expected -> aanmelding-ontvangen");
    }

    @Test
    void shouldShowATransferOnlyToItsOwnSchoolsAndNeverTheBsn() {
        clock.setDay("2027-04-19");
        School vo = school(PartnerKind.VO, "17AG", null);
        School mbo = school(PartnerKind.MBO, "37ZG", 10);
        School otherVo = school(PartnerKind.VO, "18AH", null);
        School gemeente = gemeente("0905");
        Student s = new Student("S", Fixtures.BSNS[4], "2010-01-20", "0905", false);
        accepted(vo, dossier(vo, mbo, s));
        await().atMost(WAIT).until(() -> transfersSeenBy(vo).size() == 1);
        String id = transfersSeenBy(vo).get(0).path("id").asText();

        assertThat(transfersSeenBy(mbo)).hasSize(1);
        assertThat(transfersSeenBy(otherVo)).isEmpty();
        assertThat(partnerGet(otherVo, "/api/v1/transfers/" + id).statusCode()).isEqualTo(404);
        assertThat(partnerGet(gemeente, "/api/v1/transfers").statusCode()).isEqualTo(403);
        assertThat(read(partnerGet(otherVo, "/api/v1/transfers/counts").body()).path("total").asLong()).isZero();
        assertThat(read(partnerGet(vo, "/api/v1/transfers/counts").body()).path("total").asLong()).isEqualTo(1);
        assertThat(read(partnerGet(vo, "/api/v1/transfers/counts").body()).has("unmatchedStatuses")).isFalse();

        for (HttpResponse<String> answer : List.of(partnerGet(vo, "/api/v1/transfers/" + id), adminGet("/api/v1/transfers/" + id),
                adminGet("/api/v1/transfers?voSchool=" + vo.oin()), adminGet("/api/v1/transfers?mbo=37ZG"))) {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains(id).doesNotContain(s.bsn()).doesNotContain("Voorbeeld");
        }
        assertThat(adminGet("/api/v1/transfers?state=nonsense").statusCode()).isEqualTo(400);
        assertThat(adminGet("/api/v1/transfers?schoolYear=2026-2028").statusCode()).isEqualTo(400);
        assertThat(read(adminGet("/api/v1/transfers?voSchool=" + vo.oin() + "&overdue=true").body()).path("total").asLong())
                .isZero();
        String schoolYear = transfersSeenBy(vo).get(0).path("schoolYear").asText();
        assertThat(overdueInTheFunnel(vo, schoolYear, java.time.LocalDate.parse("2027-04-19"))).isZero();
        clock.setDay("2027-05-10");
        assertThat(read(adminGet("/api/v1/transfers?voSchool=" + vo.oin() + "&overdue=true").body()).path("total").asLong())
                .isEqualTo(1);
        // the console's funnel counts by the same rule as the search
        assertThat(overdueInTheFunnel(vo, schoolYear, java.time.LocalDate.parse("2027-05-10"))).isEqualTo(1);
    }

    private long overdueInTheFunnel(School vo, String schoolYear, java.time.LocalDate today) {
        return funnel.perVoSchool(schoolYear, today).stream().filter(r -> r.school().equals(vo.oin()))
                .mapToLong(TransferFunnel.Row::overdue).sum();
    }

    @Test
    void shouldLetAHubNotificationLeaveOnlyWithTheTransactionThatClaimedIt() {
        School vo = school(PartnerKind.VO, "19AJ", null);
        Notification escalation = new Notification(Notification.ACK_ESCALATION, "synthetic escalation", null, null, null,
                SCHOOL_YEAR, null, null, null, null, null);
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            outbox.send("ack-escalation-rolled-back", MessageType.NOTIFICATION, vo.oin(), null, escalation);
            throw new IllegalStateException("the claim failed after the notification was written");
        })).isInstanceOf(IllegalStateException.class);
        transaction.executeWithoutResult(status ->
                outbox.send("ack-escalation-committed", MessageType.NOTIFICATION, vo.oin(), null, escalation));

        await().atMost(WAIT).until(() -> !vo.system().accepted().isEmpty());
        awaitHubSettled();
        assertThat(vo.system().accepted()).extracting(r -> read(r.body()).path("messageId").asText())
                .containsExactly("ack-escalation-committed");
        // it never even reached a queue: not waiting on the core queue, not dead-lettered for lack of a ledger entry
        for (String queue : List.of("ketenhub.core", "DLQ")) {
            Integer waiting = jms.browseSelected(queue, "KetenhubMessageId = 'ack-escalation-rolled-back'",
                    (session, browser) -> java.util.Collections.list(browser.getEnumeration()).size());
            assertThat(waiting).as(queue).isZero();
        }
    }

    private List<JsonNode> transfersSeenBy(School partner) {
        JsonNode page = read(partnerGet(partner, "/api/v1/transfers").body());
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
    }

    private JsonNode only(School partner) {
        List<JsonNode> all = transfersSeenBy(partner);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private JsonNode transfer(School partner, String id) {
        HttpResponse<String> answer = partnerGet(partner, "/api/v1/transfers/" + id);
        assertThat(answer.statusCode()).isEqualTo(200);
        return read(answer.body());
    }

    /** The history as "event outcome from -> to". */
    private static List<String> events(JsonNode transfer) {
        List<String> events = new ArrayList<>();
        transfer.path("history").forEach(e -> events.add(e.path("event").asText() + " " + e.path("outcome").asText()
                + (e.path("outcome").asText().equals("recorded") ? ""
                        : " " + (e.has("fromState") ? e.path("fromState").asText() + " " : "") + "-> " + e.path("toState").asText())));
        return events;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
