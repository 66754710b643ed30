package nl.ketenhub.absence;

import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The absence acknowledgement scan (route absence-ack-scan): reminds a gemeente once of every report delivered to it
 * that has had no follow-up by its due date. Every instance runs it; the row claim makes each reminder go once.
 */
@Component("absenceAckScan")
public class AbsenceAckScan {

    private static final Logger log = LoggerFactory.getLogger(AbsenceAckScan.class);
    private static final int BATCH = 200;
    private static final int MAX_ROUNDS = 50;

    private final AbsenceRepository repository;
    private final AbsenceLedger ledger;

    public AbsenceAckScan(AbsenceRepository repository, AbsenceLedger ledger) {
        this.repository = repository;
        this.ledger = ledger;
    }

    /** @return the number of reminders this call sent */
    public int scan() {
        LocalDate today = ledger.today();
        int reminded = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<String> due = repository.dueForReminder(today, BATCH);
            int sent = 0;
            for (String id : due) {
                try {
                    sent += ledger.remind(id, today) ? 1 : 0;
                } catch (RuntimeException e) {
                    // retried on the next scan; never stops the others
                    log.error("absence reminder for report {} failed: {}", id, e.getClass().getName());
                }
            }
            reminded += sent;
            if (due.size() < BATCH || sent == 0) {
                break;
            }
        }
        if (reminded > 0) {
            log.info("absence scan of {}: {} reminders", today, reminded);
        }
        return reminded;
    }
}
