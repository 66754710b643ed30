package nl.ketenhub.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The acknowledgement deadline scan (route tracking-deadline-scan): catches up on dossier deliveries the ledger
 * missed, reminds MBOs of overdue dossiers and escalates to the VO school when the reminder did not help. Every
 * instance runs it; the database claims in {@link TransferDeadlines} make each reminder and escalation go once.
 */
@Component("ackDeadlineScan")
public class AckDeadlineScan {

    private static final Logger log = LoggerFactory.getLogger(AckDeadlineScan.class);
    private static final int MAX_ROUNDS = 50;

    /** What one scan did. */
    public record Result(LocalDate day, int caughtUp, int reminded, int escalated) {}

    private final TransferRepository repository;
    private final TransferDeadlines deadlines;
    private final Clock clock;
    private final int batchSize;

    public AckDeadlineScan(TransferRepository repository, TransferDeadlines deadlines, Clock clock,
            TrackingProperties properties) {
        this.repository = repository;
        this.deadlines = deadlines;
        this.clock = clock;
        this.batchSize = properties.scanBatchSize();
    }

    public Result scan() {
        LocalDate today = deadlines.today();
        int caughtUp = 0;
        Instant settled = clock.instant().minus(Duration.ofMinutes(1));
        for (TransferRepository.MissedDelivery missed : repository.missedDeliveries(settled, batchSize)) {
            deadlines.catchUp(missed);
            caughtUp++;
        }
        int reminded = 0;
        int escalated = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<String> due = repository.dueForReminder(today, batchSize);
            int sent = 0;
            for (String id : due) {
                sent += step(() -> deadlines.remind(id, today), id, "reminder");
            }
            reminded += sent;
            if (due.size() < batchSize || sent == 0) {
                break;
            }
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<String> due = repository.dueForEscalation(today, batchSize);
            int sent = 0;
            for (String id : due) {
                sent += step(() -> deadlines.escalate(id, today), id, "escalation");
            }
            escalated += sent;
            if (due.size() < batchSize || sent == 0) {
                break;
            }
        }
        if (caughtUp + reminded + escalated > 0) {
            log.info("deadline scan of {}: {} deliveries caught up, {} reminders, {} escalations", today, caughtUp, reminded,
                    escalated);
        }
        return new Result(today, caughtUp, reminded, escalated);
    }

    /** One transfer's step: a failure is logged and retried on the next scan, and never stops the others. */
    private static int step(BooleanSupplier action, String transferId, String what) {
        try {
            return action.getAsBoolean() ? 1 : 0;
        } catch (RuntimeException e) {
            log.warn("{} of transfer {} failed, retried on the next scan: {}", what, transferId, e.getClass().getName());
            return 0;
        }
    }
}
