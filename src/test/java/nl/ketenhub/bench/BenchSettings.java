package nl.ketenhub.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one benchmark run does, from system properties ({@code -Dbench.*}, set by the {@code bench} Maven profile).
 * {@code bench.scale} shrinks every duration and count at once: 1.0 is the full run for a quiet machine, 0.05 a
 * quick check that the harness works end to end.
 *
 * @param scale factor on every duration and on the backlog size
 * @param trials interleaved trials per system and workload; the report gives their median
 * @param warmup length of one closed-loop warm-up per system; rounds repeat until the JIT has settled
 * @param maxWarmupRounds most warm-up rounds per workload
 * @param trial length of one throughput trial
 * @param latency length of one fixed-load latency trial
 * @param producers sending threads (each its own connection and session), for throughput and latency alike
 * @param smallWindow most small messages in flight (sent, not yet received) during a throughput trial
 * @param dossierWindow most dossiers in flight during a throughput trial
 * @param smallBytes size of a small status message
 * @param dossierBytes size of a full dossier
 * @param backlogMessages small messages queued for the backlog run
 * @param profileSystems the systems whose throughput phase is profiled with JFR (default: hub; empty: none)
 * @param workloads the workloads to run (small, dossier); the targets need both
 * @param topology where the systems run: {@code embedded} (the hub's embedded defaults, one JVM) or {@code production}
 *     (a standalone Artemis over TCP and PostgreSQL on disk, see {@link Topology})
 * @param out directory of the reports, profiles, logs and data ({@code bench.out}; its subdirectory
 *     {@code production} for the production topology, so the two runs keep their reports side by side)
 */
public record BenchSettings(
        double scale,
        int trials,
        Duration warmup,
        int maxWarmupRounds,
        Duration trial,
        Duration latency,
        int producers,
        int smallWindow,
        int dossierWindow,
        int smallBytes,
        int dossierBytes,
        int backlogMessages,
        java.util.List<String> profileSystems,
        java.util.List<String> workloads,
        String topology,
        Path out) {

    public static BenchSettings fromSystemProperties() {
        double scale = Double.parseDouble(System.getProperty("bench.scale", "1.0"));
        if (scale <= 0) {
            throw new IllegalArgumentException("bench.scale must be positive");
        }
        String topology = System.getProperty("bench.topology", "");
        topology = topology.isBlank() || topology.startsWith("${") ? Topology.EMBEDDED : topology.trim();
        if (!topology.equals(Topology.EMBEDDED) && !topology.equals(Topology.PRODUCTION)) {
            throw new IllegalArgumentException("bench.topology must be embedded or production, not " + topology);
        }
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        return new BenchSettings(
                scale,
                Math.max(1, Integer.getInteger("bench.trials", 3)),
                seconds("bench.warmup-seconds", scaled(scale, 15)),
                Math.max(1, Integer.getInteger("bench.max-warmup-rounds", 12)),
                seconds("bench.trial-seconds", scaled(scale, 20)),
                seconds("bench.latency-seconds", scaled(scale, 20)),
                Math.max(1, Integer.getInteger("bench.producers", 4)),
                Math.max(1, Integer.getInteger("bench.small-window", 400)),
                Math.max(1, Integer.getInteger("bench.dossier-window", 40)),
                Integer.getInteger("bench.small-bytes", 1024),
                Integer.getInteger("bench.dossier-bytes", 180 * 1024),
                Math.max(1, Integer.getInteger("bench.backlog-messages", (int) Math.round(200_000 * scale))),
                list(System.getProperty("bench.profile", "hub")),
                list(System.getProperty("bench.workloads", "small,dossier")),
                topology,
                Topology.PRODUCTION.equals(topology) ? out.resolve(Topology.PRODUCTION) : out);
    }

    private static java.util.List<String> list(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::trim)
                .filter(v -> !v.isEmpty() && !v.equals("none") && !v.equals("false")).toList();
    }

    /** An explicit length in seconds ({@code -Dbench.trial-seconds=30}) wins over the scaled default. */
    private static Duration seconds(String property, Duration scaledDefault) {
        String value = System.getProperty(property, "");
        return value.isBlank() || value.startsWith("${") ? scaledDefault : Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }

    /** Seconds times the scale, but never under two seconds: shorter phases measure only noise. */
    private static Duration scaled(double scale, int fullSeconds) {
        return Duration.ofMillis(Math.max(2_000L, Math.round(fullSeconds * 1_000L * scale)));
    }
}
