package nl.ketenhub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jdk.jfr.Recording;

/**
 * The side-by-side benchmark: the hub against the broker underneath it ("raw": persistent send and receive) and
 * bare transacted Camel JMS-to-JMS routes ("bridge": as many concurrent consumers as the hub's busiest stage;
 * "bridge-1": one consumer), on one broker, with the same payload bytes, for small status messages and full-size
 * dossiers; on the hub's embedded defaults (all in one JVM) or on the production topology (a standalone broker over
 * TCP and PostgreSQL, see {@link Topology}).
 *
 * <p>Built to hold on a noisy machine: every system is warmed up first; then each trial runs all systems one
 * after the other, in a rotating order, and the report gives the median of the trials and the median of the per-trial
 * ratios (hub and its baselines measured within seconds of each other). Latency is measured at a fixed offered load of
 * half each system's own median maximum, in an open loop, with notes on its slow tail ({@link Outliers}). The hub's
 * phase is then profiled with JFR.
 *
 * <p>Writes {@code report.json} and {@code table.txt} to {@code bench.out}; run it with {@code ./mvnw -Pbench verify}.
 */
public final class HubBenchmark {

    static final String[] SYSTEMS = {"raw", "bridge", "bridge-1", "hub"};
    /**
     * Students per workload, each the subject of a message in turn: by default more than a full run sends to the hub,
     * so a student gets a message or two, as in real traffic ({@code -Dbench.students} to change).
     */
    static final int STUDENTS = Math.max(1, Integer.getInteger("bench.students", 100_000));

    private final BenchSettings settings;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The JIT's share of a phase under which warm-up counts as settled. */
    static final double SETTLED_JIT_SHARE = 0.05;

    private final Map<String, Integer> warmupRounds = new LinkedHashMap<>();
    /** Per workload the JIT's largest share of a phase in the last warm-up round (settled under SETTLED_JIT_SHARE). */
    private final Map<String, Double> warmupJitShare = new LinkedHashMap<>();
    private int largeMessageThreshold;
    private BenchHub.Stage busiestStage;

    HubBenchmark(BenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        runAndExit("BENCHMARK", () -> new HubBenchmark(BenchSettings.fromSystemProperties()).run());
    }

    /** A step of the benchmark that may fail. */
    interface Run {
        void run() throws Exception;
    }

    /** Runs a benchmark's main work and ends the JVM: 0 when it finished, 1 (with the cause) when it failed. */
    static void runAndExit(String name, Run run) {
        try {
            run.run();
            System.exit(0);
        } catch (Throwable e) {
            System.err.println(name + " FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    void run() throws Exception {
        Path out = settings.out();
        Files.createDirectories(out);
        Machine machine = Machine.describe();
        String started = Instant.now().toString();
        log("machine: " + machine.oneLine());
        log("settings: " + settings);
        String run = UUID.randomUUID().toString().substring(0, 4);
        Map<String, Object> workloads = new LinkedHashMap<>();
        Map<String, Object> profiles = new LinkedHashMap<>();
        warmupRounds.clear();
        warmupJitShare.clear();
        Path data = out.resolve("data").resolve("compare-" + run);
        Path stores = out.resolve("data").resolve("stores-" + run);
        Map<String, Object> topologyDescription;
        log("topology: " + settings.topology());
        try (Topology topology = Topology.start(settings.topology(), stores);
                BenchHub hub = BenchHub.start(data, out.resolve("hub-compare.log"), topology)) {
            topologyDescription = topology.describe();
            log("topology: " + topology.oneLine());
            // from here on every phase's CPU counts the broker's and the database's processes where they run apart
            Resources.watch(topology.processes());
            BenchHub.Keys keys = hub.registerPartners();
            busiestStage = hub.busiestStage();
            hub.addBridgeRoutes(busiestStage.consumers());
            log("fair bridge: " + busiestStage.consumers() + " concurrent consumers, as the hub's busiest stage ("
                    + busiestStage.routeId() + "; all: " + busiestStage.all() + ")");
            ConnectionFactory factory = hub.clientConnectionFactory();
            largeMessageThreshold = hub.hubMinLargeMessageSize();
            try (Replies replies = new Replies(factory)) {
                Traffic traffic = new Traffic(factory, replies, settings.producers());
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                Instant sentAt = Instant.now().minusSeconds(60);
                // Small: an MBO reports an application status to a VO school (the type MBO partners send).
                List<SyntheticMessages.Template> small = SyntheticMessages.statuses(BenchHub.MBO_OIN, BenchHub.VO_OIN, 16,
                        today, sentAt, settings.smallBytes());
                // Dossier: a VO school sends a full transfer dossier to an MBO institution.
                List<SyntheticMessages.Template> dossiers = SyntheticMessages.dossiers(BenchHub.VO_OIN, BenchHub.MBO_OIN, 8,
                        today, sentAt, settings.dossierBytes());
                // Every message is about the next of many students, as in real traffic; the two workloads never share
                // a student, so no status waits for a dossier of the other workload.
                if (settings.workloads().contains("small")) {
                    workloads.put("small", measure(traffic, run, "small",
                            flows("small", small, new StudentPool(0, STUDENTS), BenchHub.VO_QUEUE, keys.mbo()),
                            settings.smallWindow(), profiles));
                }
                if (settings.workloads().contains("dossier")) {
                    workloads.put("dossier", measure(traffic, run, "dossier",
                            flows("dossier", dossiers, new StudentPool(STUDENTS, STUDENTS), BenchHub.MBO_QUEUE, keys.vo()),
                            settings.dossierWindow(), profiles));
                }
                log("receipts: " + replies.describe());
            }
        }
        BenchHub.deleteData(data);
        BenchHub.deleteData(stores);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("startedAt", started);
        report.put("finishedAt", Instant.now().toString());
        report.put("machine", machine);
        report.put("topology", topologyDescription);
        report.put("settings", settingsMap());
        report.put("note", (Topology.PRODUCTION.equals(settings.topology())
                ? "All systems use one standalone Artemis broker over TCP; the hub and the harness's partners share one JVM,"
                        + " the hub's database is PostgreSQL. CPU is the JVM's plus the broker's and PostgreSQL's processes."
                : "All systems share one JVM and one embedded broker; CPU is the whole process (hub, broker and the"
                        + " harness's partners).")
                + " Figures from a shared machine are noisy: compare the ratios, which come from trials run seconds"
                + " apart, rather than absolute rates.");
        report.put("workloads", workloads);
        report.put("targets", targets(workloads, settings.topology()));
        report.put("profile", profiles);
        Report.write(json, out.resolve("report.json"), report);
        String table = Report.table(report);
        Files.writeString(out.resolve("table.txt"), table);
        System.out.println();
        System.out.println(table);
    }

    /** raw, the two bridges and hub for one workload, all with the same payloads. */
    private static List<Flow> flows(String workload, List<SyntheticMessages.Template> templates, StudentPool students,
            String partnerQueue, String senderKey) {
        return List.of(
                new Flow("raw", workload, BenchHub.RAW_QUEUE, BenchHub.RAW_QUEUE, null, false, templates, students),
                new Flow("bridge", workload, BenchHub.BRIDGE_IN, BenchHub.BRIDGE_OUT, null, false, templates, students),
                new Flow("bridge-1", workload, BenchHub.BRIDGE1_IN, BenchHub.BRIDGE1_OUT, null, false, templates, students),
                new Flow("hub", workload, "ketenhub.intake.jms", partnerQueue, senderKey, true, templates, students));
    }

    private Map<String, Object> measure(Traffic traffic, String run, String workload, List<Flow> flows, int window,
            Map<String, Object> profiles) throws Exception {
        log(workload + ": " + flows.get(0).payloadBytes() + " bytes per message; warming up");
        // Warm up until the JIT has settled: a round (every system once) in which compilation took under 5% of the
        // round's time. Until then the JIT's own CPU use (which the profile cannot see) skews every figure, and most
        // of all the hub's, which runs the most code. Each system runs both ways it is measured: flat out, and at
        // half that rate in an open loop. The open loop runs code that saturation never does (queues that stay
        // empty, consumers that wait): warmed up on the closed loop alone, the first latency trials of the small
        // workload ran beside 12 to 23 s of JIT compilation each, and their p99 was 10 to 100 times that of the
        // later trials.
        for (int round = 1; ; round++) {
            double jitShare = 0;
            for (Flow flow : flows) {
                Traffic.Result warm = traffic.closedLoop(flow, tag(run, flow, "w" + round), settings.warmup(), window);
                Traffic.Result paced = traffic.openLoop(flow, tag(run, flow, "v" + round), settings.warmup().dividedBy(2),
                        Math.max(1, warm.throughputPerSecond() / 2));
                jitShare = Math.max(jitShare, Math.max(warm.usage().jitMillis() / 1000.0 / warm.usage().wallSeconds(),
                        paced.usage().jitMillis() / 1000.0 / paced.usage().wallSeconds()));
                log("  warm-up " + round + " " + flow.label() + ": " + warm.throughputPerSecond() + " msg/s, JIT "
                        + warm.usage().jitMillis() + " ms; at half that rate JIT " + paced.usage().jitMillis() + " ms");
            }
            if (jitShare < SETTLED_JIT_SHARE || round >= settings.maxWarmupRounds()) {
                log("  warmed up after " + round + " round(s); JIT share at most " + Stats.round(jitShare));
                warmupRounds.put(workload, round);
                warmupJitShare.put(workload, Stats.round(jitShare));
                break;
            }
        }
        Map<String, List<Traffic.Result>> throughput = new LinkedHashMap<>();
        for (int t = 0; t < settings.trials(); t++) {
            for (Flow flow : rotate(flows, t)) {
                System.gc();
                Traffic.Result r = traffic.closedLoop(flow, tag(run, flow, "t" + t), settings.trial(), window);
                throughput.computeIfAbsent(flow.system(), k -> new ArrayList<>()).add(r);
                log("  trial " + (t + 1) + " " + flow.label() + ": " + r.throughputPerSecond() + " msg/s, "
                        + r.cpuMicrosPerMessage() + " us CPU/msg, JIT " + r.usage().jitMillis() + " ms, load "
                        + r.usage().loadAverage());
            }
        }
        Map<String, Double> maxRate = new LinkedHashMap<>();
        for (String system : SYSTEMS) {
            maxRate.put(system, Stats.median(throughput.get(system).stream().map(Traffic.Result::throughputPerSecond).toList()));
        }
        Map<String, List<Traffic.Result>> latency = new LinkedHashMap<>();
        for (int t = 0; t < settings.trials(); t++) {
            for (Flow flow : rotate(flows, t)) {
                System.gc();
                double rate = Math.max(1, maxRate.get(flow.system()) / 2);
                Traffic.Result r = traffic.openLoop(flow, tag(run, flow, "l" + t), settings.latency(), rate);
                latency.computeIfAbsent(flow.system(), k -> new ArrayList<>()).add(r);
                log("  latency " + (t + 1) + " " + flow.label() + " at " + Stats.round(rate) + " msg/s: p50 "
                        + r.latency().p50Ms() + " ms, p99 " + r.latency().p99Ms() + " ms, max " + r.latency().maxMs() + " ms");
            }
        }
        for (Flow flow : flows) {
            if (!settings.profileSystems().contains(flow.system())) {
                continue;
            }
            System.gc();
            Recording recording = Profiler.start(flow.system() + "-" + workload);
            Traffic.Result r = traffic.closedLoop(flow, tag(run, flow, "p"), settings.trial(), window);
            Path file = Profiler.stop(recording, settings.out().resolve(flow.system() + "-" + workload + ".jfr"));
            Profiler.Summary summary = Profiler.summarise(file);
            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("system", flow.system());
            profile.put("throughputWhileRecording", r.throughputPerSecond());
            profile.put("summary", summary);
            profiles.put(flow.system().equals("hub") ? workload : workload + "-" + flow.system(), profile);
            log("  profiled " + flow.label() + ": " + summary.samples() + " samples -> " + file);
        }
        return Report.workload(flows.get(0).payloadBytes(), window, throughput, latency, maxRate);
    }

    /** Trial t starts with system t (mod the number of systems), so no system always runs first or last. */
    static <T> List<T> rotate(List<T> items, int t) {
        List<T> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(items.get((i + t) % items.size()));
        }
        return out;
    }

    private static String tag(String run, Flow flow, String phase) {
        return "b" + run + "." + flow.workload() + "." + flow.system() + "." + phase;
    }

    private Map<String, Object> settingsMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topology", settings.topology());
        m.put("scale", settings.scale());
        m.put("trials", settings.trials());
        m.put("studentsPerWorkload", STUDENTS);
        m.put("warmupSeconds", settings.warmup().toMillis() / 1000.0);
        m.put("trialSeconds", settings.trial().toMillis() / 1000.0);
        m.put("latencySeconds", settings.latency().toMillis() / 1000.0);
        m.put("maxWarmupRounds", settings.maxWarmupRounds());
        m.put("warmupRounds", warmupRounds);
        m.put("warmupJitShare", warmupJitShare);
        m.put("producers", settings.producers());
        m.put("smallWindow", settings.smallWindow());
        m.put("dossierWindow", settings.dossierWindow());
        m.put("profiled", settings.profileSystems());
        m.put("workloads", settings.workloads());
        m.put("largeMessageThresholdBytes", largeMessageThreshold);
        if (busiestStage != null) {
            m.put("fairBridgeConsumers", busiestStage.consumers());
            m.put("fairBridgeConsumersFrom", busiestStage.routeId());
            m.put("hubConsumerRoutes", busiestStage.all());
        }
        m.put("hubArgs", System.getProperty("bench.hub-args", ""));
        return m;
    }

    /**
     * The targets of the third performance round, reported and never asserted: on the embedded defaults small messages
     * at most 3 ms of CPU each and at least 500 per second, dossiers at least 150 per second; on the production
     * topology at least 300 small messages per second; on both the hub at least a quarter of the fair bridge and a p99
     * at half load below 50 ms in every trial.
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> targets(Map<String, Object> workloads, String topology) {
        boolean production = Topology.PRODUCTION.equals(topology);
        List<Map<String, Object>> targets = new ArrayList<>();
        for (String workload : List.of("small", "dossier")) {
            Map<String, Object> w = (Map<String, Object>) workloads.get(workload);
            if (w == null) {
                continue;
            }
            Map<String, Object> ratios = (Map<String, Object>) w.get("ratios");
            Map<String, Object> hub = (Map<String, Object>) ((Map<String, Object>) w.get("systems")).get("hub");
            double throughput = (double) ((Map<String, Object>) hub.get("throughput")).get("median");
            if (workload.equals("small")) {
                if (production) {
                    targets.add(Report.atLeast("small: hub throughput (msg/s), production", throughput, 300));
                } else {
                    targets.add(Report.atLeast("small: hub throughput (msg/s)", throughput, 500));
                    targets.add(Report.atMost("small: hub CPU per message (us)", (double) hub.get("cpuMicrosPerMessage"), 3000));
                }
            } else if (!production) {
                targets.add(Report.atLeast("dossier: hub throughput (msg/s)", throughput, 150));
            }
            targets.add(Report.atLeast(workload + ": hub throughput / fair bridge",
                    (double) ((Map<String, Object>) ratios.get("hubOverBridge")).get("exactMedian"), 0.25));
            if (workload.equals("small")) {
                List<Stats.Latency> trials = (List<Stats.Latency>) ((Map<String, Object>) hub.get("latencyAtHalfLoad")).get("trials");
                targets.add(Report.below("small: hub p99 at half load, worst trial (ms)",
                        trials.stream().mapToDouble(Stats.Latency::p99Ms).max().orElse(Double.NaN), 50));
            }
        }
        return targets;
    }

    static void log(String line) {
        System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + line);
    }
}
