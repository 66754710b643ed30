package nl.ketenhub.absence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The figures the regions steer on, per school location or per gemeente: reports per kind, the share reported on
 * time, the share acknowledged and followed up, and reports still open after a number of days. Withdrawn reports
 * (made in error) are counted apart and left out of every other figure.
 */
public final class AbsenceCounts {

    public static final List<String> KINDS = List.of("unauthorised", "signal", "extended-leave", "worrying-sickness");

    /**
     * The figures of one group.
     *
     * @param key the school location (BRIN + vestigingscode) or the gemeente's OIN
     * @param reports reports not withdrawn
     * @param onTime reports received within the school days the regional rule allows
     * @param acknowledged reports the gemeente confirmed with a follow-up of any status
     * @param followedUp reports in progress or closed (the gemeente took them up)
     * @param openOlderThan open reports (neither closed nor withdrawn) received more than {@code days} days ago
     */
    public record Group(String key, long reports, Map<String, Long> byKind, Map<String, Long> byFunction, long onTime,
            long late, Double shareOnTime, long acknowledged, long followedUp, Double shareFollowedUp, long closed,
            long open, long openOlderThan, long withdrawn) {}

    /** Every group and the total over them. */
    public record Result(String by, String schoolYear, int days, LocalDate today, Group total, List<Group> groups) {}

    private AbsenceCounts() {}

    public static Result of(List<AbsenceReport> reports, String by, String schoolYear, int days, LocalDate today) {
        Function<AbsenceReport, String> key = "gemeente".equals(by) ? AbsenceReport::gemeenteOin
                : r -> r.brin() + r.vestigingscode();
        Map<String, List<AbsenceReport>> grouped = new TreeMap<>();
        for (AbsenceReport r : reports) {
            grouped.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        List<Group> groups = new ArrayList<>();
        grouped.forEach((k, rs) -> groups.add(group(k, rs, days, today)));
        return new Result(by, schoolYear, days, today, group("total", reports, days, today), groups);
    }

    private static Group group(String key, List<AbsenceReport> all, int days, LocalDate today) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        KINDS.forEach(k -> byKind.put(k, 0L));
        Map<String, Long> byFunction = new LinkedHashMap<>();
        byFunction.put("leerplicht", 0L);
        byFunction.put("rmc", 0L);
        long reports = 0, onTime = 0, late = 0, acknowledged = 0, followedUp = 0, closed = 0, open = 0, older = 0,
                withdrawn = 0;
        LocalDate cutoff = today.minusDays(days);
        for (AbsenceReport r : all) {
            if (r.state() == AbsenceState.WITHDRAWN) {
                withdrawn++;
                continue;
            }
            reports++;
            byKind.merge(r.kind(), 1L, Long::sum);
            byFunction.merge(r.function(), 1L, Long::sum);
            if (r.late()) {
                late++;
            } else {
                onTime++;
            }
            if (r.acknowledgedAt() != null) {
                acknowledged++;
            }
            if (r.state() == AbsenceState.IN_PROGRESS || r.state() == AbsenceState.CLOSED) {
                followedUp++;
            }
            if (r.state() == AbsenceState.CLOSED) {
                closed++;
            } else {
                open++;
                if (r.reportedOn().isBefore(cutoff)) {
                    older++;
                }
            }
        }
        return new Group(key, reports, byKind, byFunction, onTime, late, share(onTime, reports), acknowledged,
                followedUp, share(followedUp, reports), closed, open, older, withdrawn);
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }
}
