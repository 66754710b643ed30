package nl.ketenhub.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The console's route throughput moves with traffic: exchanges per second over the last minute. */
class RouteStatsTest {

    @Test
    void shouldReportTheRateOfTheLastMinuteAndForgetOlderTraffic() {
        RouteStats stats = new RouteStats(new DefaultCamelContext());
        try {
            assertThat(stats.throughput("core", 0, 0)).as("no sample yet").isEqualTo(-1);

            stats.record("core", 100, 0);
            stats.record("core", 400, 30_000);
            assertThat(stats.throughput("core", 700, 60_000)).as("600 exchanges in 60 s").isCloseTo(10.0, within(1e-9));

            // a quiet minute later the busy samples have left the window: the rate falls to zero
            stats.record("core", 700, 60_000);
            stats.record("core", 700, 125_000);
            assertThat(stats.throughput("core", 700, 126_000)).isZero();
        } finally {
            stats.destroy();
        }
    }
}
