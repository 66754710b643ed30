package nl.ketenhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A ratio just short of its target is reported as short, though its median prints as the target. */
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
}
