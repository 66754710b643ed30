package nl.ketenhub.tracking;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.ketenhub.canonical.SchoolYears;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The RMC signal scan (route tracking-rmc-scan): once a school year's RMC deadline has passed, every leaver of that
 * year who has no 'ingeschreven' status is signalled, once, to the gemeente of residence. Every instance runs it;
 * the database claims in {@link TransferDeadlines} make each signal go once.
 */
@Component("rmcSignalScan")
public class RmcSignalScan {

    private static final Logger log = LoggerFactory.getLogger(RmcSignalScan.class);
    private static final int MAX_ROUNDS = 50;

    /** What one scan did. */
    public record Result(LocalDate day, int lastLeavingYearDue, int checked, int signalled) {}

    private final TransferRepository repository;
    private final TransferDeadlines deadlines;
    private final TrackingProperties properties;

    public RmcSignalScan(TransferRepository repository, TransferDeadlines deadlines, TrackingProperties properties) {
        this.repository = repository;
        this.deadlines = deadlines;
        this.properties = properties;
    }

    public Result scan() {
        LocalDate today = deadlines.today();
        int lastDue = SchoolYears.lastLeavingYearDue(today, properties.rmcDeadlineMonthDay());
        int checked = 0;
        int signalled = 0;
        Set<TransferRepository.RmcGroup> seen = new HashSet<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<TransferRepository.RmcGroup> due = repository.dueForRmcCheck(lastDue, properties.scanBatchSize());
            int fresh = 0;
            for (TransferRepository.RmcGroup group : due) {
                if (!seen.add(group)) {
                    continue; // still unchecked after this scan looked at it (no gemeente partner, or held elsewhere)
                }
                fresh++;
                checked++;
                try {
                    if (deadlines.checkRmc(group)) {
                        signalled++;
                    }
                } catch (RuntimeException e) {
                    log.warn("RMC check of a {} leaver failed, retried on the next scan: {}", group.schoolYear(),
                            e.getClass().getName());
                }
            }
            if (due.size() < properties.scanBatchSize() || fresh == 0) {
                break;
            }
        }
        if (signalled > 0) {
            log.info("RMC scan of {}: {} students checked, {} signalled", today, checked, signalled);
        }
        return new Result(today, lastDue, checked, signalled);
    }
}
