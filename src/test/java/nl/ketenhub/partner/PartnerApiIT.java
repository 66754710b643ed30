package nl.ketenhub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

/** The partner directory's admin API: the key shown once, rotation, disabling, validation, access. */
class PartnerApiIT extends HubIntegrationTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void shouldShowTheKeyOnceAndNeverStoreOrListIt() throws Exception {
        String oin = newOin();
        HttpResponse<String> created = adminPost("/api/v1/partners", """
                {"oin":"%s","name":"Test MBO","kind":"MBO","brin":"25XA","channel":"rest","endpoint":"https://mbo.example/inbox"}
                """.formatted(oin));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = mapper.readTree(created.body());
        String key = body.path("apiKey").asText();
        assertThat(key).startsWith("kh_").hasSizeGreaterThan(40);
        assertThat(body.at("/partner/format").asText()).isEqualTo("canonical-json");

        String listed = adminGet("/api/v1/partners").body() + adminGet("/api/v1/partners/" + oin).body();
        assertThat(listed).contains(oin).doesNotContain(key).doesNotContain("apiKeyHash");
    }

    @Test
    void shouldStopTheOldKeyAtOnceWhenRotated() throws Exception {
        TestPartner vo = register(PartnerKind.VO, nl.ketenhub.partner.Channel.REST, "http://127.0.0.1:9/unused");
        TestPartner mbo = register(PartnerKind.MBO, nl.ketenhub.partner.Channel.REST, "http://127.0.0.1:9/unused");
        String newKey = mapper.readTree(adminPost("/api/v1/partners/" + vo.oin() + "/rotate-key", null).body())
                .path("apiKey").asText();

        assertThat(submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[0]))).statusCode())
                .isEqualTo(401);
        assertThat(submit(newKey, Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[0]))).statusCode())
                .isEqualTo(202);
    }

    @Test
    void shouldRefuseADisabledPartnersKeyAndMessagesToIt() throws Exception {
        TestPartner vo = register(PartnerKind.VO, nl.ketenhub.partner.Channel.REST, "http://127.0.0.1:9/unused");
        TestPartner mbo = register(PartnerKind.MBO, nl.ketenhub.partner.Channel.REST, "http://127.0.0.1:9/unused");

        assertThat(adminPost("/api/v1/partners/" + mbo.oin() + "/disable", null).statusCode()).isEqualTo(200);

        HttpResponse<String> toDisabled = submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[1])));
        assertThat(toDisabled.statusCode()).isEqualTo(422);
        assertThat(mapper.readTree(toDisabled.body()).path("type").asText()).endsWith("/recipient-disabled");
        assertThat(submit(mbo.apiKey(), Fixtures.json(Fixtures.message("acknowledgement", mbo.oin(), vo.oin()))).statusCode())
                .isEqualTo(401);

        assertThat(adminPost("/api/v1/partners/" + mbo.oin() + "/enable", null).statusCode()).isEqualTo(200);
        assertThat(submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[1]))).statusCode())
                .isEqualTo(202);
    }

    @Test
    void shouldListEveryProblemWithARegistration() throws Exception {
        HttpResponse<String> answer = adminPost("/api/v1/partners", """
                {"oin":"123","name":"","kind":"GEMEENTE","channel":"rest","endpoint":"ftp://x"}
                """);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(answer.body()).path("violations").findValuesAsText("pointer"))
                .containsExactlyInAnyOrder("/oin", "/name", "/gemeentecode", "/endpoint");
    }

    @Test
    void shouldNameTheFieldAndItsValuesWhenARegistrationCannotBeRead() throws Exception {
        HttpResponse<String> lowerCaseKind = adminPost("/api/v1/partners", """
                {"oin":"%s","name":"Lower","kind":"vo","brin":"01AA","channel":"rest","endpoint":"https://vo.example/in"}
                """.formatted(newOin()));
        assertThat(lowerCaseKind.statusCode()).isEqualTo(400);
        JsonNode problem = mapper.readTree(lowerCaseKind.body());
        assertThat(problem.path("type").asText()).endsWith("/invalid-request");
        assertThat(problem.at("/violations/0/pointer").asText()).isEqualTo("/kind");
        assertThat(problem.at("/violations/0/message").asText()).isEqualTo("'vo' is not one of VO, MBO, GEMEENTE");

        HttpResponse<String> textForANumber = adminPost("/api/v1/partners", """
                {"oin":"%s","name":"Days","kind":"VO","brin":"01AA","channel":"rest","endpoint":"https://vo.example/in",
                 "ackPeriodDays":"ten"}
                """.formatted(newOin()));
        assertThat(textForANumber.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(textForANumber.body()).at("/violations/0/pointer").asText()).isEqualTo("/ackPeriodDays");

        HttpResponse<String> notJson = adminPost("/api/v1/partners", "{\"oin\":");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(notJson.body()).path("type").asText()).endsWith("/invalid-json");
    }

    @Test
    void shouldRefuseASecondRegistrationOfTheSameOin() throws Exception {
        String json = """
                {"oin":"%s","name":"Twice","kind":"VO","brin":"01AA","channel":"jms","endpoint":"partner.twice"}
                """.formatted(newOin());
        assertThat(adminPost("/api/v1/partners", json).statusCode()).isEqualTo(201);
        assertThat(adminPost("/api/v1/partners", json).statusCode()).isEqualTo(409);
    }

    @Test
    void shouldLetOnlyAdminsManageTheDirectory() {
        TestPartner vo = register(PartnerKind.VO, nl.ketenhub.partner.Channel.REST, "http://127.0.0.1:9/unused");
        HttpResponse<String> asPartner = send(HttpRequest.newBuilder(uri("/api/v1/partners"))
                .header("Authorization", "Bearer " + vo.apiKey()).GET().build());
        assertThat(asPartner.statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/partners")).GET().build()).statusCode()).isEqualTo(401);
    }
}
