package nl.ketenhub.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import nl.ketenhub.support.MutableClock;
import nl.ketenhub.support.MutableClockConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

@Import(MutableClockConfig.class)
@TestPropertySource(properties = {"ketenhub.delivery.max-attempts=30", "ketenhub.delivery.max-delay=300ms"})
class ConsentIT extends HubIntegrationTest {

    private static final Map<String, String> SECTION_CATEGORY = Map.of(
            "student", "identity", "schoolCareer", "school-career", "results", "results",
            "transferAdvice", "transfer-advice", "supportNeeds", "support-needs", "attendance", "attendance",
            "parentsGuardians", "parents-guardians", "attachments", "attachments");
    private static final List<String> CONSENT_CATEGORIES =
            List.of("transfer-advice", "support-needs", "attendance", "parents-guardians", "attachments");

    private final ObjectMapper mapper = new ObjectMapper();

    @Autowired
    private MutableClock clock;

    @Autowired
    private ConsentEnforcement enforcement;

    private FakePartner voSystem;
    private FakePartner mboSystem;
    private FakePartner gemeenteSystem;
    private TestPartner vo;
    private TestPartner mbo;
    private TestPartner gemeente;

    @BeforeEach
    void partners() throws Exception {
        voSystem = new FakePartner();
        mboSystem = new FakePartner();
        gemeenteSystem = new FakePartner();
        vo = register(PartnerKind.VO, Channel.REST, voSystem.url());
        mbo = register(PartnerKind.MBO, Channel.REST, mboSystem.url());
        gemeente = register(PartnerKind.GEMEENTE, Channel.REST, gemeenteSystem.url());
    }

    @AfterEach
    void stop() {
        voSystem.close();
        mboSystem.close();
        gemeenteSystem.close();
    }

    @Test
    void shouldHoldDossierUntilConsentAndReleaseItOnceAsASupplementAWeekLater() throws Exception {
        ObjectNode dossier = Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[0]);
        String trackingId = accepted(submit(vo.apiKey(), Fixtures.json(dossier)));
        await().atMost(Duration.ofSeconds(20)).until(() -> dossiersReceived(mboSystem).size() == 1);
        assertThat(categories(dossiersReceived(mboSystem).get(0).body())).containsExactlyInAnyOrder("identity", "school-career", "results");

        clock.advance(Duration.ofDays(7));
        assertThat(recordConsent(Fixtures.BSNS[0], "student", mbo.oin(), null).statusCode()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).until(() -> dossiersReceived(mboSystem).size() == 2);
        JsonNode supplement = mapper.readTree(dossiersReceived(mboSystem).get(1).body());
        assertThat(supplement.path("relatesTo").asText()).isEqualTo(dossier.path("messageId").asText());
        assertThat(categories(supplement.toString())).containsExactlyInAnyOrder(
                "identity", "transfer-advice", "support-needs", "attendance", "parents-guardians", "attachments");

        // A second consent covering the same categories releases nothing more: the hub decides on a release while it
        // records the consent, so once the 201 is here the ledger says whether a second supplement was made.
        assertThat(recordConsent(Fixtures.BSNS[0], "student", null, "MBO").statusCode()).isEqualTo(201);
        JsonNode settled = awaitSettled(trackingId);
        assertThat(deliveriesOf(settled, "supplement", mbo.oin())).isEqualTo(1);
        assertThat(settled.path("history").findValuesAsText("state")).contains("HELD_FOR_CONSENT", "SUPPLEMENT_RELEASED");
        assertThat(dossiersReceived(mboSystem)).hasSize(2);
    }

    @Test
    void shouldNotForwardConsentCategoriesOfAQueuedDossierOnceConsentIsWithdrawn() throws Exception {
        reportLeaver(Fixtures.BSNS[1]);
        long consentId = mapper.readTree(recordConsent(Fixtures.BSNS[1], "student", mbo.oin(), null).body()).path("id").asLong();
        mboSystem.answer(503);
        submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[1])));
        await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.refusedCount() >= 1);

        assertThat(withdraw(consentId).statusCode()).isEqualTo(200);
        // An attempt may have passed the gate before the withdrawal and still be on its way to the partner: let the
        // partner refuse one more attempt, so that the one it accepts was gated after the withdrawal.
        int refused = mboSystem.refusedCount();
        await().atMost(Duration.ofSeconds(30)).until(() -> mboSystem.refusedCount() > refused);
        mboSystem.answer(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> dossiersReceived(mboSystem).size() == 1);
        assertThat(categories(dossiersReceived(mboSystem).get(0).body())).containsExactlyInAnyOrder("identity", "school-career", "results");
    }

    @Test
    void shouldCheckConsentAgainWhenAParkedDeliveryIsReplayed() throws Exception {
        reportLeaver(Fixtures.BSNS[2]);
        long consentId = mapper.readTree(recordConsent(Fixtures.BSNS[2], "student", mbo.oin(), null).body()).path("id").asLong();
        mboSystem.answer(400);
        submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[2])));
        String parkedId = await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode parked = mapper.readTree(adminGet("/api/v1/deliveries/parked?recipient=" + mbo.oin()).body());
            return parked.size() == 1 ? parked.get(0).path("id").asText() : null;
        }, id -> id != null);
        withdraw(consentId);

        JsonNode dryRun = mapper.readTree(adminPost("/api/v1/deliveries/" + parkedId + "/replay?dryRun=true", null).body());
        assertThat(dryRun.path("outcome").asText()).isEqualTo("would-send");
        assertThat(dryRun.path("categories").toString()).contains("\"category\":\"support-needs\",\"outcome\":\"HOLD\"");
        assertThat(dossiersReceived(mboSystem)).isEmpty();

        mboSystem.answer(200);
        assertThat(adminPost("/api/v1/deliveries/" + parkedId + "/replay", null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> dossiersReceived(mboSystem).size() == 1);
        assertThat(categories(dossiersReceived(mboSystem).get(0).body())).containsExactlyInAnyOrder("identity", "school-career", "results");
        assertThat(adminPost("/api/v1/deliveries/" + parkedId + "/replay", null).statusCode()).isEqualTo(409);
    }

    @Test
    void shouldTellEarlierRecipientsWhenAConsentIsWithdrawn() throws Exception {
        reportLeaver(Fixtures.BSNS[3]);
        long consentId = mapper.readTree(recordConsent(Fixtures.BSNS[3], "student", mbo.oin(), null).body()).path("id").asLong();
        submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[3])));
        await().atMost(Duration.ofSeconds(20)).until(() -> dossiersReceived(mboSystem).size() == 1);
        assertThat(categories(dossiersReceived(mboSystem).get(0).body())).contains("support-needs");

        withdraw(consentId);

        JsonNode notice = await().atMost(Duration.ofSeconds(20)).until(() -> receivedNodes(mboSystem, "notification"),
                notices -> notices.stream().anyMatch(n -> n.at("/payload/kind").asText().equals("consent-withdrawn")))
                .stream().filter(n -> n.at("/payload/kind").asText().equals("consent-withdrawn")).findFirst().orElseThrow();
        assertThat(notice.path("type").asText()).isEqualTo("notification");
        assertThat(notice.at("/payload/kind").asText()).isEqualTo("consent-withdrawn");
        assertThat(notice.at("/payload/facts/categories").asText()).contains("support-needs");
    }

    @Test
    void shouldRecordAConsentSentAsAMessageAndReleaseWhatWasHeld() throws Exception {
        submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[4])));
        await().atMost(Duration.ofSeconds(20)).until(() -> dossiersReceived(mboSystem).size() == 1);

        ObjectNode consent = Fixtures.message("consent", vo.oin(), "00000099000000000000");
        ((ObjectNode) consent.at("/payload/student")).put("bsn", Fixtures.BSNS[4]);
        ((ObjectNode) consent.at("/payload")).put("validFrom", LocalDate.now(clock).toString());
        ((ObjectNode) consent.at("/payload/recipient")).removeAll().put("kind", "MBO");
        assertThat(submit(vo.apiKey(), Fixtures.json(consent)).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> dossiersReceived(mboSystem).size() == 2);
        assertThat(categories(dossiersReceived(mboSystem).get(1).body())).contains("support-needs", "attendance", "transfer-advice");
        JsonNode consents = mapper.readTree(send(HttpRequest.newBuilder(uri("/api/v1/consents/lookup"))
                .header("Authorization", "Bearer " + vo.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"bsn\":\"" + Fixtures.BSNS[4] + "\"}")).build()).body());
        assertThat(consents.findValuesAsText("source")).containsExactly("message");
        assertThat(consents.toString()).doesNotContain(Fixtures.BSNS[4]);
    }

    @Test
    void shouldTakeTheDossiersInzageConsentButNotAToestemmingNee() throws Exception {
        ObjectNode withConsent = Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[5]);
        ((ObjectNode) withConsent.at("/payload/consentEvidence")).put("consentToTransfer", "yes");
        ObjectNode refused = Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[6]);
        ((ObjectNode) refused.at("/payload/consentEvidence")).put("consentToTransfer", "no");

        submit(vo.apiKey(), Fixtures.json(withConsent));
        submit(vo.apiKey(), Fixtures.json(refused));

        await().atMost(Duration.ofSeconds(20)).until(() -> dossiersReceived(mboSystem).size() == 2);
        for (FakePartner.Received r : dossiersReceived(mboSystem)) {
            String bsn = mapper.readTree(r.body()).at("/payload/student/bsn").asText();
            if (bsn.equals(Fixtures.BSNS[5])) {
                assertThat(categories(r.body())).containsAll(CONSENT_CATEGORIES);
            } else {
                assertThat(categories(r.body())).doesNotContainAnyElementsOf(CONSENT_CATEGORIES);
            }
        }
    }

    @Test
    void shouldReportPerCategoryExactlyWhatEachPartnerReceived() throws Exception {
        FakePartner secondMboSystem = new FakePartner();
        try {
            TestPartner secondMbo = register(PartnerKind.MBO, Channel.REST, secondMboSystem.url());
            String bsn = Fixtures.BSNS[7];
            submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), bsn)));
            await().atMost(Duration.ofSeconds(20)).until(() -> dossiersReceived(mboSystem).size() == 1);
            clock.advance(Duration.ofDays(3));
            recordConsent(bsn, "student", null, "MBO");
            await().atMost(Duration.ofSeconds(20)).until(() -> dossiersReceived(mboSystem).size() == 2);
            submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), secondMbo.oin(), bsn)));
            await().atMost(Duration.ofSeconds(20)).until(() -> dossiersReceived(secondMboSystem).size() == 1);

            JsonNode report = mapper.readTree(adminPost("/api/v1/subjects/report", "{\"bsn\":\"" + bsn + "\"}").body());

            Map<String, Set<String>> reported = new java.util.HashMap<>();
            for (JsonNode r : report.path("received")) {
                if (r.path("type").asText().equals("transfer-dossier")) {
                    reported.put(r.path("recipient").asText() + "|" + r.path("messageId").asText(),
                            new TreeSet<>(r.path("categories").findValuesAsText("category")));
                }
            }
            Map<String, Set<String>> actuallyReceived = new java.util.HashMap<>();
            for (var entry : Map.of(mbo.oin(), mboSystem, secondMbo.oin(), secondMboSystem).entrySet()) {
                for (FakePartner.Received r : dossiersReceived(entry.getValue())) {
                    JsonNode m = mapper.readTree(r.body());
                    if (m.path("type").asText().equals("transfer-dossier")) {
                        actuallyReceived.put(entry.getKey() + "|" + m.path("messageId").asText(), new TreeSet<>(categories(r.body())));
                    }
                }
            }
            assertThat(reported).isEqualTo(actuallyReceived).hasSize(3);
            assertThat(report.toString()).doesNotContain(bsn).doesNotContain("Voorbeeld");
        } finally {
            secondMboSystem.close();
        }
    }

    @Test
    void shouldDiscardHeldCategoriesAfterTheExpiryAndSaySo() throws Exception {
        String bsn = Fixtures.BSNS[8];
        String trackingId = accepted(submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), bsn))));
        await().atMost(Duration.ofSeconds(20)).until(() -> dossiersReceived(mboSystem).size() == 1);
        // The held part is recorded once the MBO's system has answered, a moment after it has the dossier.
        await().atMost(Duration.ofSeconds(20)).until(() -> history(trackingId).contains("HELD_FOR_CONSENT"));

        clock.advance(Duration.ofDays(91));
        enforcement.expireDue();
        // this call or the periodic expiry scan (which runs on the same clock) expires it: wait for the ledger to say so
        await().atMost(Duration.ofSeconds(20)).until(() -> history(trackingId).contains("HELD_EXPIRED"));
        await().atMost(Duration.ofSeconds(20)).until(() -> voSystem.accepted().stream()
                .anyMatch(r -> r.body().contains("held-data-expired")));
        JsonNode report = mapper.readTree(adminPost("/api/v1/subjects/report", "{\"bsn\":\"" + bsn + "\"}").body());
        assertThat(report.path("notForwarded").findValuesAsText("reason")).contains("consent-expired");

        // A consent after the expiry finds nothing to release. Moving the clock 91 days also makes the dossier overdue,
        // so the MBO may get an acknowledgement reminder meanwhile: only dossiers count here.
        assertThat(recordConsent(bsn, "student", mbo.oin(), null).statusCode()).isEqualTo(201);
        JsonNode settled = awaitSettled(trackingId);
        assertThat(deliveriesOf(settled, "supplement", mbo.oin())).isZero();
        assertThat(settled.path("history").findValuesAsText("state")).doesNotContain("SUPPLEMENT_RELEASED");
        assertThat(dossiersReceived(mboSystem)).hasSize(1);
    }

    /**
     * What a partner's system received of the dossiers (supplements included). Tests that move the clock make dossiers
     * overdue, so the deadline scan may send acknowledgement reminders at any moment: counts are per kind of message.
     */
    private List<FakePartner.Received> dossiersReceived(FakePartner system) throws Exception {
        return received(system, "transfer-dossier");
    }

    private List<JsonNode> receivedNodes(FakePartner system, String type) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (FakePartner.Received r : received(system, type)) {
            out.add(mapper.readTree(r.body()));
        }
        return out;
    }

    private List<FakePartner.Received> received(FakePartner system, String type) throws Exception {
        List<FakePartner.Received> out = new ArrayList<>();
        for (FakePartner.Received r : system.accepted()) {
            if (mapper.readTree(r.body()).path("type").asText().equals(type)) {
                out.add(r);
            }
        }
        return out;
    }

    private HttpResponse<String> recordConsent(String bsn, String givenBy, String recipientOin, String recipientKind) {
        ObjectNode consent = Fixtures.template("consent").with("payload").deepCopy();
        ((ObjectNode) consent.get("student")).put("bsn", bsn);
        consent.put("givenBy", givenBy);
        consent.put("validFrom", LocalDate.now(clock).toString());
        consent.put("validUntil", LocalDate.now(clock).plusYears(1).toString());
        ObjectNode recipient = ((ObjectNode) consent.get("recipient")).removeAll();
        if (recipientOin != null) {
            recipient.put("oin", recipientOin);
        } else {
            recipient.put("kind", recipientKind);
        }
        consent.putArray("categories").addAll(CONSENT_CATEGORIES.stream().map(c -> mapper.getNodeFactory().textNode(c)).toList());
        return send(HttpRequest.newBuilder(uri("/api/v1/consents"))
                .header("Authorization", "Bearer " + vo.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(consent.toString())).build());
    }

    /**
     * The VO school reports the student as an expected leaver, which lets it record a consent before it sends the
     * dossier; returns once the hub knows the transfer.
     */
    private void reportLeaver(String bsn) throws Exception {
        ObjectNode report = Fixtures.message("expected-transfer", vo.oin(), gemeente.oin());
        ObjectNode leaver = ((ObjectNode) report.at("/payload/leavers/0")).deepCopy();
        leaver.remove("mboSchool");
        ((ObjectNode) leaver.get("student")).put("bsn", bsn);
        ((ObjectNode) report.get("payload")).putArray("leavers").add(leaver);
        accepted(submit(vo.apiKey(), Fixtures.json(report)));
        await().atMost(Duration.ofSeconds(20)).until(() -> mapper.readTree(send(HttpRequest.newBuilder(
                        uri("/api/v1/transfers?voSchool=" + vo.oin())).header("Authorization", "Bearer " + vo.apiKey())
                .GET().build()).body()).path("total").asInt() >= 1);
    }

    private HttpResponse<String> withdraw(long consentId) {
        return send(HttpRequest.newBuilder(uri("/api/v1/consents/" + consentId + "/withdraw"))
                .header("Authorization", "Bearer " + vo.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"student changed their mind\"}")).build());
    }

    private String accepted(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).isEqualTo(202);
        return mapper.readTree(answer.body()).path("trackingId").asText();
    }

    private List<String> history(String trackingId) throws Exception {
        return mapper.readTree(adminGet("/api/v1/messages/" + trackingId).body()).path("history").findValuesAsText("state");
    }

    private List<String> categories(String body) throws Exception {
        JsonNode payload = mapper.readTree(body).path("payload");
        List<String> out = new ArrayList<>();
        payload.fieldNames().forEachRemaining(f -> {
            if (SECTION_CATEGORY.containsKey(f)) {
                out.add(SECTION_CATEGORY.get(f));
            }
        });
        return out;
    }
}
