package nl.ketenhub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;

/** The test profile's delivery settings: 4 attempts, 100 ms doubling to 400 ms. */
class ParkingIT extends HubIntegrationTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void shouldParkAfterTheLastAttemptKeepItWholeAndDeliverItOnceOnReplay() throws Exception {
        try (FakePartner mboSystem = new FakePartner()) {
            TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
            TestPartner mbo = register(PartnerKind.MBO, Channel.REST, mboSystem.url());
            mboSystem.answer(500);
            var dossier = Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[9]);
            String trackingId = mapper.readTree(submit(vo.apiKey(), Fixtures.json(dossier)).body()).path("trackingId").asText();

            JsonNode parked = await().atMost(Duration.ofSeconds(20)).until(
                    () -> mapper.readTree(adminGet("/api/v1/deliveries/parked?recipient=" + mbo.oin()).body()),
                    list -> list.size() == 1).get(0);

            assertThat(parked.path("attempts").asInt()).isEqualTo(4);
            assertThat(parked.path("reason").asText()).startsWith("HTTP 500");
            assertThat(mboSystem.refusedCount()).isEqualTo(4);
            JsonNode message = mapper.readTree(adminGet("/api/v1/messages/" + trackingId).body());
            assertThat(message.path("state").asText()).isEqualTo("PARKED");
            assertThat(message.path("history").findValuesAsText("state")).contains("DELIVERY_FAILED", "PARKED");

            mboSystem.answer(200);
            String id = parked.path("id").asText();
            assertThat(adminPost("/api/v1/deliveries/" + id + "/replay", null).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.accepted().size() == 1);
            assertThat(mboSystem.accepted().get(0).header("KetenhubMessageId")).isEqualTo(dossier.path("messageId").asText());
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    mapper.readTree(adminGet("/api/v1/messages/" + trackingId).body()).path("state").asText().equals("DELIVERED"));

            assertThat(adminPost("/api/v1/deliveries/" + id + "/replay", null).statusCode()).isEqualTo(409);
            assertThat(mapper.readTree(adminGet("/api/v1/deliveries/parked?recipient=" + mbo.oin()).body())).isEmpty();
            JsonNode settled = awaitSettled(trackingId);
            assertThat(deliveriesOf(settled, "primary", mbo.oin())).isEqualTo(1);
            assertThat(settled.path("deliveries").get(0).path("state").asText()).isEqualTo("DELIVERED");
            assertThat(mboSystem.accepted()).hasSize(1);
        }
    }

    @Test
    void shouldLetOnlyAdminsSeeParkedDeliveriesAndOnlyAdminsReplay() throws Exception {
        TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        assertThat(send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/deliveries/parked"))
                .header("Authorization", "Bearer " + vo.apiKey()).GET().build()).statusCode()).isEqualTo(403);
        assertThat(send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/deliveries/parked")).GET().build()).statusCode())
                .isEqualTo(401);
    }
}
