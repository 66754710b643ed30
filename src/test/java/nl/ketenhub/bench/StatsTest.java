package nl.ketenhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void shouldTakeNearestRankPercentiles() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(Stats.percentile(sorted, 100, 50)).isEqualTo(50);
        assertThat(Stats.percentile(sorted, 100, 99)).isEqualTo(99);
        assertThat(Stats.percentile(sorted, 100, 100)).isEqualTo(100);
        assertThat(Stats.percentile(new long[] {7}, 1, 99)).isEqualTo(7);
    }

    @Test
    void shouldSummariseLatenciesInMillisecondsWithTheWorstAsMax() {
        long[] nanos = {5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000, 0};

        Stats.Latency latency = Stats.latency(nanos, 5);

        assertThat(latency.samples()).isEqualTo(5);
        assertThat(latency.p50Ms()).isEqualTo(3.0);
        assertThat(latency.p99Ms()).isEqualTo(5.0);
        assertThat(latency.p999Ms()).isEqualTo(5.0);
        assertThat(latency.maxMs()).isEqualTo(5.0);
        assertThat(latency.meanMs()).isEqualTo(3.0);
    }

    @Test
    void shouldTakeTheMedianOfTrialsIgnoringMissingOnes() {
        assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThat(Stats.median(List.of(Double.NaN, 5.0))).isEqualTo(5.0);
    }

    @Test
    void shouldRotateTheOrderOfSystemsPerTrial() {
        List<String> systems = List.of("raw", "bridge", "hub");

        assertThat(HubBenchmark.rotate(systems, 0)).containsExactly("raw", "bridge", "hub");
        assertThat(HubBenchmark.rotate(systems, 1)).containsExactly("bridge", "hub", "raw");
        assertThat(HubBenchmark.rotate(systems, 2)).containsExactly("hub", "raw", "bridge");
    }

    @Test
    void shouldReadTheSendTimeBackFromAMessageIdOfItsOwnPhaseOnly() {
        assertThat(Traffic.parse("bab12.small.hub.t0-17-123456", "bab12.small.hub.t0")).containsExactly(17, 123456);
        assertThat(Traffic.parse("bab12.small.hub.t1-17-123456", "bab12.small.hub.t0")).isNull();
        assertThat(Traffic.parse("bab12.small.hub.t0-x-17-123456", "bab12.small.hub.t0")).isNull();
        assertThat(Traffic.parse(null, "bab12.small.hub.t0")).isNull();
    }
}
