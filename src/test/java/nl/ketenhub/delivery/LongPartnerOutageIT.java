package nl.ketenhub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A partner down for ten minutes, on the production back-off scaled down a hundredfold: 12 attempts, the delay
 * doubling from 20 ms (2 s) up to 6 s (10 min), the partner answering 503 for 6 s (10 min). Every message reaches it
 * once when it is back, none is parked, nothing arrives twice.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {"ketenhub.delivery.max-attempts=12", "ketenhub.delivery.initial-delay=20ms",
        "ketenhub.delivery.multiplier=2.0", "ketenhub.delivery.max-delay=6s"})
class LongPartnerOutageIT extends HubIntegrationTest {

    private static final Duration OUTAGE = Duration.ofSeconds(6);

    @Test
    void shouldDeliverEverythingOnceToAPartnerThatWasDownForTenScaledMinutes() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        try (FakePartner mboSystem = new FakePartner()) {
            TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
            TestPartner mbo = register(PartnerKind.MBO, Channel.REST, mboSystem.url());
            mboSystem.answer(503);
            long down = System.nanoTime();

            List<String> messageIds = new ArrayList<>();
            List<String> trackingIds = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                var dossier = Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[i % Fixtures.BSNS.length]);
                var answer = submit(vo.apiKey(), Fixtures.json(dossier));
                assertThat(answer.statusCode()).isEqualTo(202);
                messageIds.add(dossier.path("messageId").asText());
                trackingIds.add(mapper.readTree(answer.body()).path("trackingId").asText());
            }
            // The partner stays down for the scaled ten minutes, and each message has been refused several times.
            await("partner outage").atMost(OUTAGE.plusSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Duration.ofNanos(System.nanoTime() - down).compareTo(OUTAGE) >= 0
                            && mboSystem.refusedCount() >= 8 * 4);
            assertThat(mboSystem.accepted()).isEmpty();
            assertThat(adminGet("/api/v1/deliveries/parked?recipient=" + mbo.oin()).body()).isEqualTo("[]");

            mboSystem.answer(200);
            for (String trackingId : trackingIds) {
                var settled = awaitSettled(trackingId);
                assertThat(settled.path("state").asText()).isEqualTo("DELIVERED");
                assertThat(deliveriesOf(settled, "primary", mbo.oin())).isEqualTo(1);
            }
            assertThat(mboSystem.countsByMessageId()).containsOnlyKeys(messageIds)
                    .allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
            assertThat(adminGet("/api/v1/deliveries/parked?recipient=" + mbo.oin()).body()).isEqualTo("[]");
        }
    }
}
