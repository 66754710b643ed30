package nl.ketenhub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import nl.ketenhub.bench.BacklogBenchmark.Drain;
import nl.ketenhub.bench.BacklogBenchmark.Sample;
import org.junit.jupiter.api.Test;

class BacklogDrainTest {

    private static final long SECOND = 1_000_000_000L;

    /**
     * 1,000 messages in 10 s: 100 arrive slowly in the first 4 s (the restarted hub compiling), then 900 in 6 s; the
     * intake and core queues are empty after 8 s, when 700 have arrived, and the delivery queue holds the rest.
     */
    private final Drain drain = new Drain(0, 10 * SECOND, List.of(
            new Sample(1, 10, 985, 3, 2),
            new Sample(4, 100, 880, 10, 10),
            new Sample(6, 400, 300, 50, 250),
            new Sample(8, 700, 0, 0, 300),
            new Sample(10, 1000, 0, 0, 0)), null);

    @Test
    void shouldMeasureTheRateAfterTheFirstTenthFromTheMomentItHadArrived() {
        assertThat(drain.rateAfter(100)).isCloseTo(900 / 6.0, within(1e-9));
        assertThat(drain.rateAfter(0)).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void shouldTellWhenTheIntakeAndCoreQueuesWereFirstEmptyAndHowManyHadArrivedThen() {
        assertThat(drain.stagesEmpty().seconds()).isEqualTo(8.0);
        assertThat(drain.stagesEmpty().delivered()).isEqualTo(700);
    }

    @Test
    void shouldKeepEveryNthSampleAndTheLast() {
        assertThat(drain.every(2)).extracting(Sample::seconds).containsExactly(1.0, 6.0, 10.0);
        assertThat(drain.every(3)).extracting(Sample::seconds).containsExactly(1.0, 8.0, 10.0);
    }
}
