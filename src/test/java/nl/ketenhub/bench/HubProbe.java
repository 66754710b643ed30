package nl.ketenhub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A quick A/B instrument for one change: the hub alone, on its embedded defaults or on the production topology
 * ({@code -Dprobe.topology=production}, see {@link Topology}; the CPU per message then counts the broker's and
 * PostgreSQL's processes too), one workload, no baselines. It warms the hub up in 10 s rounds of the closed loop
 * (printing each round's rate, CPU and JIT time) until the JIT has settled, measures two trials, then, optionally, counts
 * the statements a message runs (H2's query statistics, in a trial of its own, as collecting them costs time; on the
 * embedded defaults only) and records a JFR profile of a last trial.
 *
 * <p>Run two builds one after the other on a quiet machine and compare the trials: its figures are for changes to the
 * hub, the full benchmark's ratios are the evidence. Output: {@code <bench.out>/probe-<workload>.txt} and
 * {@code .jfr}.
 */
public final class HubProbe {

    private HubProbe() {}

    public static void main(String[] args) {
        HubBenchmark.runAndExit("probe", HubProbe::run);
    }

    private static void run() throws Exception {
        String workload = System.getProperty("probe.workload", "small");
        int maxWarmupRounds = Integer.getInteger("probe.max-warmup-rounds", 30);
        Duration trial = Duration.ofSeconds(Integer.getInteger("probe.trial-seconds", 30));
        boolean statements = Boolean.getBoolean("probe.statements");
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        Files.createDirectories(out);
        Path data = out.resolve("data").resolve("probe");
        BenchHub.deleteData(data);
        String topologyName = System.getProperty("probe.topology", Topology.EMBEDDED);
        Path stores = out.resolve("data").resolve("probe-stores");
        BenchHub.deleteData(stores);
        StringBuilder report = new StringBuilder("probe of the hub, workload " + workload + ", topology " + topologyName
                + ", " + Machine.describe().oneLine() + "\n");
        boolean embedded = Topology.EMBEDDED.equals(topologyName);
        try (Topology topology = Topology.start(topologyName, stores);
                BenchHub hub = BenchHub.start(data, out.resolve("hub-probe.log"), topology)) {
            // the CPU per message counts the broker's and the database's processes where they run apart
            Resources.watch(topology.processes());
            BenchHub.Keys keys = hub.registerPartners();
            try (Replies replies = new Replies(hub.clientConnectionFactory())) {
                Traffic traffic = new Traffic(hub.clientConnectionFactory(), replies, 4);
                BenchSettings settings = BenchSettings.fromSystemProperties();
                Flow flow = flow(workload, keys, settings);
                int window = "small".equals(workload) ? settings.smallWindow() : settings.dossierWindow();
                for (int round = 1; round <= maxWarmupRounds; round++) {
                    Traffic.Result warm = traffic.closedLoop(flow, "w" + round, Duration.ofSeconds(10), window);
                    double jitShare = warm.usage().jitMillis() / 1000.0 / warm.usage().wallSeconds();
                    line(report, "warm-up " + round + ": " + describe(warm) + ", JIT share " + Stats.round(jitShare));
                    if (round >= 6 && jitShare < HubBenchmark.SETTLED_JIT_SHARE) {
                        break;
                    }
                }
                for (int t = 1; t <= 2; t++) {
                    line(report, "trial " + t + ": " + describe(traffic.closedLoop(flow, "t" + t, trial, window)));
                }
                if (embedded) {
                    line(report, databaseFile(hub, data));
                }
                if (statements && embedded) {
                    report.append(statements(hub, traffic, flow, window));
                }
                var recording = Profiler.start("probe");
                traffic.closedLoop(flow, "p", Duration.ofSeconds(20), window);
                Path jfr = Profiler.stop(recording, out.resolve("probe-" + workload + ".jfr"));
                Profiler.Summary profile = Profiler.summarise(jfr);
                line(report, "profile (" + profile.samples() + " samples) by thread: " + top(profile.byThread()));
                line(report, "  by library: " + top(profile.byLibrary()));
                line(report, "  by nearest hub method: " + top(profile.byNearestHubMethod()));
            }
        }
        BenchHub.deleteData(data);
        BenchHub.deleteData(stores);
        Files.writeString(out.resolve("probe-" + workload + ".txt"), report);
    }

    private static Flow flow(String workload, BenchHub.Keys keys, BenchSettings defaults) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant sentAt = Instant.now().minusSeconds(60);
        return switch (workload) {
            case "small" -> new Flow("hub", "small", "ketenhub.intake.jms", BenchHub.VO_QUEUE, keys.mbo(), true,
                    SyntheticMessages.statuses(BenchHub.MBO_OIN, BenchHub.VO_OIN, 16, today, sentAt, defaults.smallBytes()),
                    new StudentPool(0, HubBenchmark.STUDENTS));
            case "dossier" -> new Flow("hub", "dossier", "ketenhub.intake.jms", BenchHub.MBO_QUEUE, keys.vo(), true,
                    SyntheticMessages.dossiers(BenchHub.VO_OIN, BenchHub.MBO_OIN, 8, today, sentAt, defaults.dossierBytes()),
                    new StudentPool(HubBenchmark.STUDENTS, HubBenchmark.STUDENTS));
            default -> throw new IllegalArgumentException("probe.workload is small or dossier, not " + workload);
        };
    }

    /**
     * The size of H2's file against the messages it holds: what the database's background compaction (its CPU shows
     * in the profile) is for.
     */
    private static String databaseFile(BenchHub hub, Path data) throws java.io.IOException {
        JdbcTemplate jdbc = jdbc(hub);
        Long messages = jdbc.queryForObject("select count(*) from message", Long.class);
        Path file = data.resolve("h2").resolve("ketenhub.mv.db");
        long bytes = Files.exists(file) ? Files.size(file) : 0;
        return String.format("H2 file %.1f MiB holding %d messages (%.1f KiB each)", bytes / 1048576.0, messages,
                messages == 0 ? 0 : bytes / 1024.0 / messages);
    }

    /** The statements one message runs, by how often, from H2's query statistics over a trial of their own. */
    private static String statements(BenchHub hub, Traffic traffic, Flow flow, int window) throws Exception {
        JdbcTemplate jdbc = jdbc(hub);
        jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 1000");
        jdbc.execute("SET QUERY_STATISTICS TRUE");
        Traffic.Result counted = traffic.closedLoop(flow, "s", Duration.ofSeconds(20), window);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT EXECUTION_COUNT n, SQL_STATEMENT s"
                + " FROM INFORMATION_SCHEMA.QUERY_STATISTICS ORDER BY EXECUTION_COUNT DESC");
        jdbc.execute("SET QUERY_STATISTICS FALSE");
        // the query statistics themselves and the statement reading them are not the hub's
        double perMessage = 0;
        double commits = 0;
        StringBuilder s = new StringBuilder();
        for (Map<String, Object> row : rows) {
            String sql = String.valueOf(row.get("S")).replaceAll("\\s+", " ");
            double n = ((Number) row.get("N")).doubleValue() / Math.max(1, counted.received());
            if (sql.toUpperCase().contains("QUERY_STATISTICS") || n < 0.01) {
                continue;
            }
            perMessage += n;
            commits += sql.equals("COMMIT") ? n : 0;
            s.append(String.format("  %6.2f  %s%n", n, sql));
        }
        return String.format("statements per message (%d messages): %.1f, of which COMMIT %.1f%n", counted.received(),
                perMessage, commits) + s;
    }

    private static JdbcTemplate jdbc(BenchHub hub) {
        return new JdbcTemplate(hub.camel().getRegistry().findSingleByType(DataSource.class));
    }

    private static String describe(Traffic.Result r) {
        return Stats.round(r.throughputPerSecond()) + " msg/s, " + Math.round(r.cpuMicrosPerMessage()) + " µs CPU/msg, JIT "
                + r.usage().jitMillis() + " ms";
    }

    private static String top(List<Profiler.Share> shares) {
        StringBuilder s = new StringBuilder();
        for (Profiler.Share share : shares.subList(0, Math.min(6, shares.size()))) {
            s.append(s.isEmpty() ? "" : ", ").append(share.name()).append(' ').append(Stats.round(share.percent())).append('%');
        }
        return s.toString();
    }

    private static void line(StringBuilder report, String line) {
        System.out.println(line);
        report.append(line).append('\n');
    }
}
