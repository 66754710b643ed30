package nl.ketenhub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.ketenhub.ledger.DeliveryKind;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageRecord;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.routing.DeliveryQueue;
import nl.ketenhub.routing.PlannedDelivery;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Several consumers on one partner's delivery queue: two copies of one delivery put on the queue at the same moment
 * (as the core re-emits a delivery after a crash, or a replay meets a redelivery) reach the partner once.
 */
@TestPropertySource(properties = "ketenhub.delivery.consumers=4")
class DeliveryCopiesIT extends HubIntegrationTest {

    private static final int ROUNDS = 30;

    @Autowired
    private MessageLedger ledger;

    @Autowired
    private DeliveryQueue deliveryQueue;

    @Test
    void shouldDeliverTwoCopiesOfOneDeliveryOnceWhenConsumersTakeThemAtTheSameMoment() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (FakePartner system = new FakePartner()) {
            TestPartner vo = register(PartnerKind.VO, Channel.REST, system.url());
            TestPartner mbo = register(PartnerKind.MBO, Channel.REST, "http://127.0.0.1:9/unused");
            List<String> keys = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                var message = Fixtures.message("application-status", mbo.oin(), vo.oin());
                String messageId = message.path("messageId").asText();
                String body = Fixtures.json(message);
                String trackingId = ledger.recordReceived(new MessageLedger.NewMessage(messageId, mbo.oin(), vo.oin(),
                        "application-status", null, "copies-it-subject-" + round, "rest", body.length(), "-", body));
                ledger.routed(trackingId, "on the intake queue", "routed to " + vo.oin());
                String key = PlannedDelivery.key(mbo.oin(), messageId, vo.oin());
                DeliveryRecord delivery = ledger.createDelivery(trackingId, vo.oin(), DeliveryKind.PRIMARY, key);
                MessageRecord record = ledger.find(trackingId).orElseThrow();
                keys.add(key);

                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> first = pool.submit(() -> dispatchTogether(together, delivery, record, messageId, body));
                Future<?> second = pool.submit(() -> dispatchTogether(together, delivery, record, messageId, body));
                first.get(30, TimeUnit.SECONDS);
                second.get(30, TimeUnit.SECONDS);

                // both copies handled: either the second was dropped as a duplicate or it reached the partner too
                await("both copies of " + trackingId + " handled").atMost(Duration.ofSeconds(60)).until(() ->
                        received(system, key) >= 2 || (received(system, key) == 1 && ledger.history(trackingId).stream()
                                .anyMatch(e -> "DUPLICATE_DROPPED".equals(e.state()))));
            }
            List<String> twice = keys.stream().filter(k -> received(system, k) != 1).toList();
            assertThat(twice).as("deliveries the partner received more than once").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    private Void dispatchTogether(CyclicBarrier together, DeliveryRecord delivery, MessageRecord record, String messageId,
            String body) throws Exception {
        together.await(10, TimeUnit.SECONDS);
        deliveryQueue.put(delivery, record, messageId, "application-status", body, false);
        return null;
    }

    private static long received(FakePartner system, String key) {
        return system.accepted().stream().filter(r -> key.equals(r.header("KetenhubIdempotencyKey"))).count();
    }
}
