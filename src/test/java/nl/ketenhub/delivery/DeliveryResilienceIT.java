package nl.ketenhub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {"ketenhub.delivery.max-attempts=60", "ketenhub.delivery.max-delay=500ms"})
class DeliveryResilienceIT extends HubIntegrationTest {

    @Test
    void shouldDeliverToAPartnerThatWasDownOnceItIsBackWhileOthersKeepReceiving() throws Exception {
        try (FakePartner downSystem = new FakePartner(); FakePartner upSystem = new FakePartner()) {
            TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
            TestPartner down = register(PartnerKind.MBO, Channel.REST, downSystem.url());
            TestPartner up = register(PartnerKind.MBO, Channel.REST, upSystem.url());
            downSystem.answer(503);

            List<String> toDown = new ArrayList<>();
            List<String> toDownTracking = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                var toDownMessage = Fixtures.dossier(vo.oin(), down.oin(), Fixtures.BSNS[i]);
                toDown.add(toDownMessage.path("messageId").asText());
                var answer = submit(vo.apiKey(), Fixtures.json(toDownMessage));
                assertThat(answer.statusCode()).isEqualTo(202);
                toDownTracking.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("trackingId").asText());
                assertThat(submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), up.oin(), Fixtures.BSNS[i])))
                        .statusCode()).isEqualTo(202);
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> upSystem.accepted().size() == 5);
            assertThat(downSystem.accepted()).as("the broken partner got nothing yet").isEmpty();
            await().atMost(Duration.ofSeconds(20)).until(() -> downSystem.refusedCount() >= 5);
            assertThat(downSystem.accepted()).as("still nothing while it refuses").isEmpty();

            downSystem.answer(200);

            await().atMost(Duration.ofSeconds(30)).until(() -> downSystem.accepted().size() == 5);
            assertThat(downSystem.countsByMessageId()).containsOnlyKeys(toDown).allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
            for (String trackingId : toDownTracking) {
                var settled = awaitSettled(trackingId);
                assertThat(settled.path("state").asText()).isEqualTo("DELIVERED");
                assertThat(deliveriesOf(settled, "primary", down.oin())).isEqualTo(1);
            }
            assertThat(downSystem.accepted()).hasSize(5);
            assertThat(adminGet("/api/v1/deliveries/parked?recipient=" + down.oin()).body()).isEqualTo("[]");
        }
    }
}
