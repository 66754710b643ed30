package nl.ketenhub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestIntakeIT extends HubIntegrationTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private FakePartner mboSystem;
    private TestPartner vo;
    private TestPartner mbo;

    @BeforeEach
    void partners() throws Exception {
        mboSystem = new FakePartner();
        vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        mbo = register(PartnerKind.MBO, Channel.REST, mboSystem.url());
    }

    @AfterEach
    void stop() {
        mboSystem.close();
    }

    @Test
    void shouldAcceptDossierOnceDurableAndDeliverOnlyLegalBasisSections() throws Exception {
        ObjectNode dossier = Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[0]);

        HttpResponse<String> answer = submit(vo.apiKey(), Fixtures.json(dossier));

        assertThat(answer.statusCode()).isEqualTo(202);
        String trackingId = mapper.readTree(answer.body()).path("trackingId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.accepted().size() == 1);
        JsonNode received = mapper.readTree(mboSystem.accepted().get(0).body());
        assertThat(received.path("payload").has("student")).isTrue();
        assertThat(received.path("payload").has("schoolCareer")).isTrue();
        assertThat(received.path("payload").has("supportNeeds")).isFalse();
        assertThat(received.path("payload").has("parentsGuardians")).isFalse();
        assertThat(received.at("/payload/withheld").findValuesAsText("category"))
                .contains("support-needs", "transfer-advice", "attendance", "parents-guardians", "attachments");
        assertThat(mboSystem.accepted().get(0).header("KetenhubTrackingId")).isEqualTo(trackingId);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode view = mapper.readTree(send(HttpRequest.newBuilder(uri("/api/v1/messages/" + trackingId))
                    .header("Authorization", "Bearer " + vo.apiKey()).GET().build()).body());
            assertThat(view.path("state").asText()).isEqualTo("DELIVERED");
            assertThat(view.path("history").findValuesAsText("state")).containsSubsequence("RECEIVED", "QUEUED", "ROUTED", "DELIVERED");
        });
    }

    @Test
    void shouldAnswerARepeatWithTheOriginalTrackingIdAndDeliverOnce() throws Exception {
        String json = Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[1]));

        HttpResponse<String> first = submit(vo.apiKey(), json);
        HttpResponse<String> second = submit(vo.apiKey(), json);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(second.body()).path("trackingId").asText())
                .isEqualTo(mapper.readTree(first.body()).path("trackingId").asText());
        await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.accepted().size() == 1);
        HttpResponse<String> third = submit(vo.apiKey(), json);
        assertThat(third.statusCode()).isEqualTo(200);
        String trackingId = mapper.readTree(first.body()).path("trackingId").asText();
        JsonNode settled = awaitSettled(trackingId);
        assertThat(deliveriesOf(settled, "primary", mbo.oin())).isEqualTo(1);
        assertThat(settled.path("deliveries").get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(mboSystem.countsByMessageId()).containsExactly(java.util.Map.entry(settled.path("messageId").asText(), 1L));
    }

    @Test
    void shouldListEveryViolationWithItsPointer() throws Exception {
        ObjectNode dossier = Fixtures.dossier(vo.oin(), mbo.oin(), "628194822");
        ((ObjectNode) dossier.at("/payload")).put("schoolYear", "2026-2028");
        ((ObjectNode) dossier.at("/payload/student")).remove("familyName");

        HttpResponse<String> answer = submit(vo.apiKey(), Fixtures.json(dossier));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = mapper.readTree(answer.body());
        assertThat(problem.path("type").asText()).endsWith("/schema-violation");
        assertThat(problem.path("violations").findValuesAsText("pointer")).containsExactlyInAnyOrder(
                "/payload/schoolYear", "/payload/student/bsn", "/payload/student/familyName");
        assertThat(answer.body()).doesNotContain("628194822");
    }

    @Test
    void shouldRefuseBadInputPreciselyAndKeepItForTheAdmin() throws Exception {
        TestPartner otherVo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        ObjectNode dossier = Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[2]);
        String valid = Fixtures.json(dossier);

        assertThat(submit("kh_not-a-key", valid).statusCode()).isEqualTo(401);
        assertThat(submit(otherVo.apiKey(), valid).statusCode()).as("sender is not the caller").isEqualTo(403);
        assertThat(submit(mbo.apiKey(), Fixtures.json(Fixtures.dossier(mbo.oin(), vo.oin(), Fixtures.BSNS[2]))).statusCode())
                .as("an MBO sends no dossiers").isEqualTo(403);
        assertThat(submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), newOin(), Fixtures.BSNS[2]))).statusCode())
                .as("unknown recipient").isEqualTo(422);
        TestPartner gemeente = register(PartnerKind.GEMEENTE, Channel.REST, "http://127.0.0.1:9/unused");
        assertThat(submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), gemeente.oin(), Fixtures.BSNS[2]))).statusCode())
                .as("a dossier never goes to a gemeente").isEqualTo(422);
        assertThat(submit(vo.apiKey(), "{\"messageId\": ").statusCode()).isEqualTo(400);
        String huge = valid.replace("\"Extra tijd bij toetsen.\"", "\"" + "x".repeat(1_100_000) + "\"");
        assertThat(submit(vo.apiKey(), huge).statusCode()).isEqualTo(413);

        JsonNode rejections = mapper.readTree(adminGet("/api/v1/rejections?limit=20").body());
        assertThat(rejections.findValuesAsText("problemType"))
                .contains("unauthenticated", "sender-mismatch", "outside-role", "unknown-recipient",
                        "recipient-wrong-kind", "invalid-json", "too-large");
        // each reason is said once: the admin reads the detail, then any violation it does not already say
        for (JsonNode r : rejections) {
            List<String> lines = List.of(r.path("detail").asText().split("\n"));
            assertThat(lines.stream().map(l -> l.replaceFirst("^/[^:]*: ", "")).toList()).as(r.toString())
                    .doesNotHaveDuplicates();
        }
        // and a good message still goes through afterwards
        assertThat(submit(vo.apiKey(), valid).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.accepted().size() == 1);
    }

    @Test
    void shouldDecideTheEncodingAtTheEdgeSoEveryAcceptedMessageIsRouted() throws Exception {
        String json = Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[3]));
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] withBom = new byte[bom.length + json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, withBom, 3, withBom.length - 3);

        HttpResponse<String> utf16 = submitBytes(vo.apiKey(), json.getBytes(java.nio.charset.StandardCharsets.UTF_16));
        HttpResponse<String> infinite = submit(vo.apiKey(), json.replace("\"sentAt\"", "\"huge\": 1e309, \"sentAt\""));
        HttpResponse<String> accepted = submitBytes(vo.apiKey(), withBom);

        assertThat(utf16.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(utf16.body()).path("type").asText()).endsWith("/unsupported-encoding");
        assertThat(mapper.readTree(utf16.body()).path("detail").asText()).contains("UTF-16BE").contains("UTF-8");
        assertThat(infinite.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(infinite.body()).path("type").asText()).endsWith("/invalid-json");
        assertThat(accepted.statusCode()).as("a UTF-8 byte order mark is ignored").isEqualTo(202);
        String trackingId = mapper.readTree(accepted.body()).path("trackingId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.accepted().size() == 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mapper.readTree(
                adminGet("/api/v1/messages/" + trackingId).body()).path("state").asText()).isEqualTo("DELIVERED"));
        assertThat(mapper.readTree(adminGet("/api/v1/rejections?limit=20").body()).findValuesAsText("problemType"))
                .contains("unsupported-encoding", "invalid-json");
    }

    private HttpResponse<String> submitBytes(String apiKey, byte[] body) {
        return send(HttpRequest.newBuilder(uri("/api/v1/messages"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    @Test
    void shouldServeTheConsoleLoginInDutchWhateverLanguageIsAskedFor() {
        HttpResponse<String> odd = send(HttpRequest.newBuilder(uri("/admin/login?lang=%3Cscript%3Ealert(1)%3C/script%3E"))
                .GET().build());

        assertThat(odd.statusCode()).isEqualTo(200);
        assertThat(odd.body()).doesNotContain("<script>alert(1)").contains("lang=\"nl\"");
    }

    @Test
    void shouldShowAMessageOnlyToItsOwnParties() throws Exception {
        TestPartner stranger = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        HttpResponse<String> answer = submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[3])));
        String trackingId = mapper.readTree(answer.body()).path("trackingId").asText();

        for (TestPartner allowed : List.of(vo, mbo)) {
            assertThat(send(HttpRequest.newBuilder(uri("/api/v1/messages/" + trackingId))
                    .header("Authorization", "Bearer " + allowed.apiKey()).GET().build()).statusCode()).isEqualTo(200);
        }
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/messages/" + trackingId))
                .header("Authorization", "Bearer " + stranger.apiKey()).GET().build()).statusCode()).isEqualTo(404);
        HttpResponse<String> asAdmin = adminGet("/api/v1/messages/" + trackingId);
        assertThat(asAdmin.statusCode()).isEqualTo(200);
        assertThat(asAdmin.body()).doesNotContain(Fixtures.BSNS[3]).doesNotContain("Voorbeeld");
    }

    @Test
    void shouldServeTheOpenApiDescriptionOfTheRestApi() throws Exception {
        HttpResponse<String> docs = send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET().build());

        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = mapper.readTree(docs.body()).path("paths");
        assertThat(paths.fieldNames()).toIterable().contains("/api/v1/messages", "/api/v1/messages/{trackingId}",
                "/api/v1/partners", "/api/v1/deliveries/parked", "/api/v1/deliveries/{id}/replay", "/api/v1/consents",
                "/api/v1/consents/{id}/withdraw", "/api/v1/subjects/report");
    }
}
