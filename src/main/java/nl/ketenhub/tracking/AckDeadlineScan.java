package nl.ketenhub.tracking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.ketenhub.ledger.DeliveryKind;
import nl.ketenhub.ledger.MessageLedger;
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
    private final MessageLedger ledger;
    private final TransferDeadlines deadlines;
    private final Clock clock;
    private final int batchSize;

    public AckDeadlineScan(TransferRepository repository, MessageLedger ledger, TransferDeadlines deadlines, Clock clock,
            TrackingProperties properties) {
        this.repository = repository;
        this.ledger = ledger;
        this.deadlines = deadlines;
        this.clock = clock;
        this.batchSize = properties.scanBatchSize();
    }

    public Result scan() {
        LocalDate today = deadlines.today();
        int caughtUp = catchUpMissedDeliveries(clock.instant().minus(Duration.ofMinutes(1)));
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

    /**
     * Dossier deliveries the ledger records as made before {@code settled} (so the delivery route has long had its
     * chance to tell) while the transfer still waits for them: tracking missed the news, and records it now. The ledger
     * is asked about one page of waiting transfers at a time.
     */
    private int catchUpMissedDeliveries(Instant settled) {
        int caughtUp = 0;
        String after = "";
        while (true) {
            List<TransferRepository.AwaitingDelivery> page = repository.awaitingDelivery(after, batchSize);
            if (page.isEmpty()) {
                return caughtUp;
            }
            Map<String, List<TransferRepository.AwaitingDelivery>> byDossier = page.stream()
                    .collect(Collectors.groupingBy(TransferRepository.AwaitingDelivery::dossierTrackingId));
            for (MessageLedger.Delivered made : ledger.deliveredBefore(byDossier.keySet(), DeliveryKind.PRIMARY, settled)) {
                for (TransferRepository.AwaitingDelivery waiting : byDossier.get(made.trackingId())) {
                    if (waiting.mboOin().equals(made.recipient())) {
                        caughtUp += step(() -> {
                            deadlines.catchUp(waiting.dossierTrackingId(), waiting.mboOin(), made.deliveredAt());
                            return true;
                        }, waiting.id(), "missed delivery");
                    }
                }
            }
            if (page.size() < batchSize) {
                return caughtUp;
            }
            after = page.get(page.size() - 1).id();
        }
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
