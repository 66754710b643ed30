package nl.ketenhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A message's summary state follows its deliveries, whatever the order in which they finish. */
class MessageStateIT extends HubIntegrationTest {

    private static final String VO = "00000099800000000801";
    private static final String MBO = "00000099800000000802";
    private static final String GEMEENTE = "00000099800000000803";
    private static final int ROUNDS = 150;

    @Autowired
    private MessageLedger ledger;

    @Test
    void shouldBeDeliveredWhenTwoDeliveriesOfOneMessageFinishAtTheSameMoment() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<String> stuck = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                String trackingId = routedMessage("state-it-" + System.nanoTime() + "-" + round);
                DeliveryRecord toVo = ledger.createDelivery(trackingId, VO, DeliveryKind.PRIMARY, trackingId + ":vo");
                DeliveryRecord toGemeente = ledger.createDelivery(trackingId, GEMEENTE, DeliveryKind.NOTICE, trackingId + ":gemeente");

                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> a = pool.submit(() -> finish(together, toVo));
                Future<?> b = pool.submit(() -> finish(together, toGemeente));
                a.get(30, TimeUnit.SECONDS);
                b.get(30, TimeUnit.SECONDS);

                if (ledger.find(trackingId).orElseThrow().state() != MessageState.DELIVERED) {
                    stuck.add(trackingId);
                }
            }
            assertThat(stuck).as("messages left ROUTED although both deliveries were delivered").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldBeParkedWhenOneDeliveryIsParkedWhileTheOtherIsDeliveredAtTheSameMoment() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS / 3; round++) {
                String trackingId = routedMessage("state-it-parked-" + System.nanoTime() + "-" + round);
                DeliveryRecord toVo = ledger.createDelivery(trackingId, VO, DeliveryKind.PRIMARY, trackingId + ":vo");
                DeliveryRecord toGemeente = ledger.createDelivery(trackingId, GEMEENTE, DeliveryKind.NOTICE, trackingId + ":gemeente");

                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> a = pool.submit(() -> move(together, toVo, DeliveryState.DELIVERED));
                Future<?> b = pool.submit(() -> move(together, toGemeente, DeliveryState.PARKED));
                a.get(30, TimeUnit.SECONDS);
                b.get(30, TimeUnit.SECONDS);

                assertThat(ledger.find(trackingId).orElseThrow().state()).as(trackingId).isEqualTo(MessageState.PARKED);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String routedMessage(String messageId) {
        String trackingId = ledger.recordReceived(new MessageLedger.NewMessage(messageId, MBO, VO, "application-status",
                null, null, "rest", 2, "-", "{}"));
        ledger.routed(trackingId, "on the intake queue", "routed to 2 recipient(s)");
        return trackingId;
    }

    private Void finish(CyclicBarrier together, DeliveryRecord delivery) throws Exception {
        return move(together, delivery, DeliveryState.DELIVERED);
    }

    private Void move(CyclicBarrier together, DeliveryRecord delivery, DeliveryState state) throws Exception {
        together.await(10, TimeUnit.SECONDS);
        ledger.setDeliveryState(delivery, state, 1, null);
        return null;
    }
}
