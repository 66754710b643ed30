package nl.ketenhub.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Two deliveries of one message finishing at the same moment, round after round, on whichever database the ledger
 * runs on: what the message's summary state is afterwards.
 */
public final class SummaryStateRaces {

    private static final String VO = "00000099800000000801";
    private static final String MBO = "00000099800000000802";
    private static final String GEMEENTE = "00000099800000000803";

    private final MessageLedger ledger;

    public SummaryStateRaces(MessageLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * Per round, a message with two deliveries, moved to {@code first} and {@code second} by two threads at once;
     * answers the messages whose summary state is not {@code expected} afterwards.
     */
    public List<String> race(int rounds, DeliveryState first, DeliveryState second, MessageState expected)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<String> wrong = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                String trackingId = routedMessage("state-race-" + System.nanoTime() + "-" + round);
                DeliveryRecord toVo = ledger.createDelivery(trackingId, VO, DeliveryKind.PRIMARY, trackingId + ":vo");
                DeliveryRecord toGemeente = ledger.createDelivery(trackingId, GEMEENTE, DeliveryKind.NOTICE,
                        trackingId + ":gemeente");

                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> a = pool.submit(() -> move(together, toVo, first));
                Future<?> b = pool.submit(() -> move(together, toGemeente, second));
                a.get(30, TimeUnit.SECONDS);
                b.get(30, TimeUnit.SECONDS);

                MessageState state = ledger.find(trackingId).orElseThrow().state();
                if (state != expected) {
                    wrong.add(trackingId + " " + state);
                }
            }
            return wrong;
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

    private Void move(CyclicBarrier together, DeliveryRecord delivery, DeliveryState state) throws Exception {
        together.await(10, TimeUnit.SECONDS);
        ledger.setDeliveryState(delivery, state, 1, null);
        return null;
    }
}
