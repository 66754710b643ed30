package nl.ketenhub.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import nl.ketenhub.config.BrokerStats;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts a message back on the intake queue when the ledger has it but the broker lost it: a crash between the
 * ledger's commit and the broker's (a hub notification claimed in a database transaction, an edge that died after
 * recording). Only when the core's queue is empty, so a message merely waiting in a backlog is never doubled; the
 * core is idempotent, so a message that was in fact still on its way is harmless. A message the broker dead-lettered
 * was not lost: it failed, and is marked so (and listed with the refused messages) instead of being put back.
 */
@Component("lostMessageRecovery")
public class LostMessageRecovery {

    private static final Logger log = LoggerFactory.getLogger(LostMessageRecovery.class);

    private final MessageLedger ledger;
    private final BrokerStats broker;
    private final IntakeQueue intakeQueue;
    private final Clock clock;
    private final String coreQueue;
    private final Duration after;
    private final CoreFailures failures;
    private final String deadLetterQueue;

    public LostMessageRecovery(MessageLedger ledger, BrokerStats broker, IntakeQueue intakeQueue, Clock clock,
            KetenhubProperties properties, RecoveryProperties recovery, CoreFailures failures) {
        this.failures = failures;
        this.deadLetterQueue = nl.ketenhub.config.BrokerConfig.DEAD_LETTER_QUEUE;
        this.ledger = ledger;
        this.broker = broker;
        this.intakeQueue = intakeQueue;
        this.clock = clock;
        this.coreQueue = properties.queues().core();
        this.after = recovery.after();
    }

    /** @return how many messages were put back on the intake queue */
    public int requeue() {
        if (broker.depth(coreQueue).orElse(0L) > 0) {
            return 0;
        }
        List<MessageRecord> lost = ledger.notRoutedSince(clock.instant().minus(after), 100);
        if (lost.isEmpty()) {
            return 0;
        }
        java.util.Set<String> deadLettered = broker.propertyValues(deadLetterQueue, Headers.TRACKING_ID);
        int requeued = 0;
        for (MessageRecord m : lost) {
            if (deadLettered.contains(m.trackingId())) {
                failures.deadLettered(m);
                continue;
            }
            String body = ledger.body(m.trackingId()).orElse(null);
            if (body == null) {
                continue;
            }
            intakeQueue.put(m.trackingId(), m.messageId(), m.sender(), m.recipient(), m.type(), null, body);
            ledger.event(m.trackingId(), "REQUEUED", null, "not routed " + after + " after it was recorded while the "
                    + "intake queue stood empty: put back on the intake queue");
            requeued++;
        }
        if (requeued > 0) {
            log.warn("{} message(s) the broker had lost were put back on the intake queue", requeued);
        }
        return requeued;
    }
}
