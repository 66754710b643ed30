package nl.ketenhub.bench;

import java.util.Arrays;
import java.util.List;

/** The small amount of statistics the benchmark needs: nearest-rank percentiles and medians. */
public final class Stats {

    private Stats() {}

    /** Latency percentiles of one phase, in milliseconds. */
    public record Latency(int samples, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs,
            double meanMs) {

        static final Latency NONE = new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * The nearest-rank percentile of sorted values: the smallest value with at least {@code p} percent of the values
     * at or below it.
     */
    public static long percentile(long[] sorted, int count, double p) {
        if (count <= 0) {
            throw new IllegalArgumentException("no values");
        }
        if (p <= 0) {
            return sorted[0];
        }
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.min(count, Math.max(1, rank)) - 1];
    }

    /** Percentiles of the first {@code count} latencies (nanoseconds); the array is sorted in place. */
    public static Latency latency(long[] nanos, int count) {
        if (count == 0) {
            return Latency.NONE;
        }
        Arrays.sort(nanos, 0, count);
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += nanos[i];
        }
        return new Latency(count, ms(percentile(nanos, count, 50)), ms(percentile(nanos, count, 90)),
                ms(percentile(nanos, count, 99)), ms(percentile(nanos, count, 99.9)), ms(nanos[count - 1]),
                round(sum / count / 1e6));
    }

    /** The median; the mean of the two middle values for an even count. */
    public static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    /** Rounds to three significant decimals for the report. */
    static double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return Math.round(v * 1000.0) / 1000.0;
    }
}
