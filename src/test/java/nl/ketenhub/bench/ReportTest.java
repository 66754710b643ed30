package nl.ketenhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A ratio just short of its target is reported as short, though its median prints as the target; a warm-up that ended
 * at its cap before the JIT settled is named.
 */
class ReportTest {

    @Test
    void shouldCheckATargetAgainstTheUnroundedMedianOfTheTrials() {
        Map<String, Object> ratio = Report.medianOf(List.of(0.22834, 0.24954, 0.25024));

        assertThat(ratio.get("median")).as("as printed").isEqualTo(0.25);
        assertThat(ratio.get("trials")).isEqualTo(List.of(0.228, 0.25, 0.25));
        Map<String, Object> target = Report.atLeast("dossier: hub throughput / fair bridge",
                (double) ratio.get("exactMedian"), 0.25);
        assertThat(target.get("result")).isEqualTo("MISS");
        assertThat(target.get("measured")).isEqualTo(0.2495);
    }

    @Test
    void shouldPassATargetTheMedianReaches() {
        Map<String, Object> ratio = Report.medianOf(List.of(0.25, 0.31, 0.27));

        assertThat(Report.atLeast("small: hub throughput / fair bridge", (double) ratio.get("exactMedian"), 0.25)
                .get("result")).isEqualTo("PASS");
    }

    @Test
    void shouldNameAWorkloadWhoseWarmupEndedAtItsCapBeforeTheJitSettled() {
        Map<String, Object> settings = Map.of("maxWarmupRounds", 12,
                "warmupRounds", Map.of("small", 12, "dossier", 6),
                "warmupJitShare", Map.of("small", 0.081, "dossier", 0.021));

        assertThat(Report.unsettledWarmups(settings))
                .contains("warm-up of small stopped at the cap of 12 rounds with the JIT still compiling for 8.1% of a phase")
                .doesNotContain("dossier");
    }
}
