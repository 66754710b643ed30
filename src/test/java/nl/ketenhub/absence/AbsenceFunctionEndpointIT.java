package nl.ketenhub.absence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

/** A gemeente that takes RMC reports at an endpoint of their own: reports and withdrawals find it by function. */
class AbsenceFunctionEndpointIT extends HubIntegrationTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void shouldSendRmcReportsAndTheirWithdrawalsToTheRmcEndpointAndTheRestToTheGemeentesOwn() throws Exception {
        try (FakePartner leerplicht = new FakePartner(); FakePartner rmc = new FakePartner()) {
            TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
            TestPartner gemeente = register(PartnerKind.GEMEENTE, Channel.REST, leerplicht.url(), "0998");

            HttpResponse<String> set = put("/api/v1/partners/" + gemeente.oin() + "/functions/rmc",
                    "{\"endpoint\": \"" + rmc.url() + "\"}");
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(mapper.readTree(set.body()).path("rmc").asText()).isEqualTo(rmc.url());
            assertThat(put("/api/v1/partners/" + gemeente.oin() + "/functions/jeugdzorg", "{\"endpoint\": \"" + rmc.url()
                    + "\"}").statusCode()).isEqualTo(400);
            assertThat(put("/api/v1/partners/" + vo.oin() + "/functions/rmc", "{\"endpoint\": \"" + rmc.url() + "\"}")
                    .statusCode()).isEqualTo(400);
            assertThat(put("/api/v1/partners/" + gemeente.oin() + "/functions/rmc", "{\"endpoint\": \"ftp://x\"}")
                    .statusCode()).isEqualTo(400);

            ObjectNode underEighteen = Fixtures.message("absence-report", vo.oin(), gemeente.oin());
            ObjectNode adult = Fixtures.message("absence-report", vo.oin(), gemeente.oin());
            ((ObjectNode) adult.at("/payload/student")).put("bsn", Fixtures.BSNS[5]).put("birthDate", "2007-04-01");
            ((ObjectNode) adult.get("payload")).put("function", "rmc");
            assertThat(submit(vo.apiKey(), Fixtures.json(underEighteen)).statusCode()).isEqualTo(202);
            assertThat(submit(vo.apiKey(), Fixtures.json(adult)).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> rmc.accepted().size() == 1 && leerplicht.accepted().size() == 1);
            ObjectNode withdrawal = Fixtures.message("absence-withdrawal", vo.oin(), gemeente.oin());
            withdrawal.put("relatesTo", adult.path("messageId").asText());
            ((ObjectNode) withdrawal.get("payload")).set("student", adult.at("/payload/student"));
            assertThat(submit(vo.apiKey(), Fixtures.json(withdrawal)).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(30)).until(() -> rmc.accepted().size() == 2);
            assertThat(mapper.readTree(rmc.accepted().get(0).body()).at("/payload/function").asText()).isEqualTo("rmc");
            assertThat(mapper.readTree(rmc.accepted().get(1).body()).path("type").asText()).isEqualTo("absence-withdrawal");
            assertThat(mapper.readTree(leerplicht.accepted().get(0).body()).at("/payload/function").asText())
                    .isEqualTo("leerplicht");
            assertThat(leerplicht.accepted()).hasSize(1);
        }
    }

    private HttpResponse<String> put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basicAdmin())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
