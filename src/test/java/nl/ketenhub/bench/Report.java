package nl.ketenhub.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns trial results into the JSON report and the short text table printed at the end of a run. */
final class Report {

    private Report() {}

    /** One workload: per system the median of its trials, and the hub's ratios to its baselines. */
    static Map<String, Object> workload(int payloadBytes, int window, Map<String, List<Traffic.Result>> throughput,
            Map<String, List<Traffic.Result>> latency, Map<String, Double> maxRate) {
        Map<String, Object> systems = new LinkedHashMap<>();
        for (String system : HubBenchmark.SYSTEMS) {
            List<Traffic.Result> tp = throughput.get(system);
            List<Traffic.Result> lat = latency.get(system);
            Map<String, Object> s = new LinkedHashMap<>();
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("median", maxRate.get(system));
            t.put("trials", tp.stream().map(Traffic.Result::throughputPerSecond).toList());
            t.put("unit", "messages per second received, closed loop, after the first quarter of each trial");
            s.put("throughput", t);
            s.put("cpuMicrosPerMessage", Stats.median(tp.stream().map(Traffic.Result::cpuMicrosPerMessage).toList()));
            s.put("cpuMicrosPerMessageByProcess", cpuByProcess(tp));
            s.put("otherCpuCoresAtMax", Stats.median(tp.stream().map(r -> r.usage().otherCpuCores()).toList()));
            s.put("cpuCoresAtMax", Stats.median(tp.stream().map(r -> r.usage().cpuCores()).toList()));
            s.put("heapPeakMbAtMax", tp.stream().mapToDouble(r -> r.usage().heapPeakMb()).max().orElse(Double.NaN));
            s.put("gcMillisAtMax", tp.stream().mapToDouble(r -> r.usage().gcMillis()).sum());
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("offeredPerSecond", Stats.round(Math.max(1, maxRate.get(system) / 2)));
            l.put("p50Ms", Stats.median(lat.stream().map(r -> r.latency().p50Ms()).toList()));
            l.put("p90Ms", Stats.median(lat.stream().map(r -> r.latency().p90Ms()).toList()));
            l.put("p99Ms", Stats.median(lat.stream().map(r -> r.latency().p99Ms()).toList()));
            l.put("p999Ms", Stats.median(lat.stream().map(r -> r.latency().p999Ms()).toList()));
            l.put("maxMs", lat.stream().mapToDouble(r -> r.latency().maxMs()).max().orElse(Double.NaN));
            l.put("samples", lat.stream().mapToInt(r -> r.latency().samples()).sum());
            l.put("cpuCores", Stats.median(lat.stream().map(r -> r.usage().cpuCores()).toList()));
            l.put("heapPeakMb", lat.stream().mapToDouble(r -> r.usage().heapPeakMb()).max().orElse(Double.NaN));
            l.put("trials", lat.stream().map(Traffic.Result::latency).toList());
            l.put("outliers", lat.stream().map(Traffic.Result::outliers).toList());
            s.put("latencyAtHalfLoad", l);
            s.put("throughputTrials", tp);
            s.put("latencyTrials", lat);
            systems.put(system, s);
        }
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("hubOverRaw", ratio(throughput.get("hub"), throughput.get("raw")));
        // "bridge" is the fair bridge (as many consumers as the hub's busiest stage), "bridge-1" the one-consumer one
        ratios.put("hubOverBridge", ratio(throughput.get("hub"), throughput.get("bridge")));
        ratios.put("hubOverBridge1", ratio(throughput.get("hub"), throughput.get("bridge-1")));
        ratios.put("bridgeOverRaw", ratio(throughput.get("bridge"), throughput.get("raw")));
        ratios.put("bridge1OverRaw", ratio(throughput.get("bridge-1"), throughput.get("raw")));
        // CPU per message is far steadier than throughput on a shared machine: the throughput the hub would reach
        // against each baseline if both were limited by CPU alone (raw CPU per message / hub CPU per message).
        ratios.put("cpuBoundHubOverRaw", cpuRatio(throughput.get("hub"), throughput.get("raw")));
        ratios.put("cpuBoundHubOverBridge", cpuRatio(throughput.get("hub"), throughput.get("bridge")));
        ratios.put("cpuBoundHubOverBridge1", cpuRatio(throughput.get("hub"), throughput.get("bridge-1")));
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("payloadBytes", payloadBytes);
        w.put("window", window);
        w.put("systems", systems);
        w.put("ratios", ratios);
        return w;
    }

    /**
     * CPU per message by process, median of the trials: the benchmark's JVM (hub, harness, an embedded broker) and
     * each process of the topology outside it (a standalone broker, PostgreSQL).
     */
    private static Map<String, Double> cpuByProcess(List<Traffic.Result> trials) {
        Map<String, List<Double>> per = new LinkedHashMap<>();
        for (Traffic.Result r : trials) {
            double n = Math.max(1, r.received());
            per.computeIfAbsent("jvm", k -> new ArrayList<>()).add(r.usage().jvmCpuSeconds() * 1e6 / n);
            r.usage().processCpuSeconds().forEach((name, seconds) ->
                    per.computeIfAbsent(name, k -> new ArrayList<>()).add(seconds * 1e6 / n));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        per.forEach((name, values) -> out.put(name, Stats.round(Stats.median(values))));
        return out;
    }

    /** Throughput ratio per trial (both measured in the same trial, seconds apart), and their median. */
    private static Map<String, Object> ratio(List<Traffic.Result> a, List<Traffic.Result> b) {
        List<Double> perTrial = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            perTrial.add(a.get(i).throughputPerSecond() / b.get(i).throughputPerSecond());
        }
        return medianOf(perTrial);
    }

    /** b's CPU per message over a's, per trial, and their median. */
    private static Map<String, Object> cpuRatio(List<Traffic.Result> a, List<Traffic.Result> b) {
        List<Double> perTrial = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            perTrial.add(b.get(i).cpuMicrosPerMessage() / a.get(i).cpuMicrosPerMessage());
        }
        return medianOf(perTrial);
    }

    /**
     * Per-trial ratios and their median, rounded to three decimals for the report; {@code exactMedian} is the median
     * of the unrounded ratios, which a target is checked against (0.2495 is short of 0.25, though it prints as 0.250).
     */
    static Map<String, Object> medianOf(List<Double> perTrial) {
        double median = Stats.median(perTrial);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("median", Stats.round(median));
        r.put("exactMedian", median);
        r.put("trials", perTrial.stream().map(Stats::round).toList());
        return r;
    }

    static Map<String, Object> atLeast(String name, double measured, double target) {
        return target(name, measured, ">=", target, measured >= target);
    }

    static Map<String, Object> atMost(String name, double measured, double target) {
        return target(name, measured, "<=", target, measured <= target);
    }

    static Map<String, Object> below(String name, double measured, double target) {
        return target(name, measured, "<", target, measured < target);
    }

    private static Map<String, Object> target(String name, double measured, String op, double target, boolean pass) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("target", name);
        t.put("wanted", op + " " + target);
        // four decimals, so a ratio just short of its target does not print as the target itself
        t.put("measured", Math.round(measured * 10_000.0) / 10_000.0);
        t.put("result", pass ? "PASS" : "MISS");
        t.put("percentOfTarget", Stats.round(100 * measured / target));
        return t;
    }

    static void write(ObjectMapper json, Path file, Map<String, Object> report) throws IOException {
        Files.createDirectories(file.getParent());
        json.writeValue(file.toFile(), report);
    }

    static Map<String, Object> read(ObjectMapper json, Path file) throws IOException {
        return json.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    /**
     * A line for each workload whose warm-up stopped at its cap of rounds before the JIT settled (a phase of the last
     * round still spent {@link HubBenchmark#SETTLED_JIT_SHARE} or more of its time compiling): its trials include compilation, the first ones most.
     */
    static String unsettledWarmups(Map<?, ?> settings) {
        StringBuilder b = new StringBuilder();
        if (settings.get("warmupJitShare") instanceof Map<?, ?> shares && settings.get("warmupRounds") instanceof Map<?, ?> rounds) {
            shares.forEach((workload, share) -> {
                if (num(share) >= HubBenchmark.SETTLED_JIT_SHARE) {
                    b.append(String.format("warm-up of %s stopped at the cap of %s rounds with the JIT still compiling for"
                            + " %.1f%% of a phase: its trials include compilation (-Dbench.max-warmup-rounds)%n", workload,
                            rounds.get(workload), 100 * num(share)));
                }
            });
        }
        return b.toString();
    }

    /** The short table: per workload and system the headline figures, the ratios, the targets, the profile. */
    @SuppressWarnings("unchecked")
    static String table(Map<String, Object> report) {
        StringBuilder b = new StringBuilder();
        Object machine = report.get("machine");
        b.append("Ketenhub benchmark: hub vs raw broker vs bare Camel bridges (bridge: as many consumers as the hub's"
                + " busiest stage; bridge-1: one consumer)\n");
        if (report.get("topology") instanceof Map<?, ?> topology) {
            b.append("topology: ").append(topology.get("topology")).append('\n');
            topology.forEach((k, v) -> {
                if (!"topology".equals(k)) {
                    b.append("  ").append(k).append(": ").append(v).append('\n');
                }
            });
        }
        if (machine instanceof Machine m) {
            b.append("machine: ").append(m.oneLine()).append('\n');
        } else if (machine != null) {
            b.append("machine: ").append(machine).append('\n');
        }
        if (report.get("settings") != null) {
            b.append("settings: ").append(report.get("settings")).append('\n');
            if (report.get("settings") instanceof Map<?, ?> settings) {
                b.append(unsettledWarmups(settings));
            }
        }
        Map<String, Object> workloads = (Map<String, Object>) report.getOrDefault("workloads", Map.of());
        if (!workloads.isEmpty()) {
            b.append(String.format("%n%-8s %-8s %10s %11s %6s %6s %8s | %10s %8s %8s %8s %8s%n", "workload", "system",
                    "max msg/s", "CPU us/msg", "cores", "other", "heap MB", "half msg/s", "p50 ms", "p99 ms", "p99.9 ms",
                    "max ms"));
            workloads.forEach((name, w) -> {
                Map<String, Object> systems = (Map<String, Object>) ((Map<String, Object>) w).get("systems");
                systems.forEach((system, s) -> {
                    Map<String, Object> sm = (Map<String, Object>) s;
                    Map<String, Object> tp = (Map<String, Object>) sm.get("throughput");
                    Map<String, Object> l = (Map<String, Object>) sm.get("latencyAtHalfLoad");
                    b.append(String.format("%-8s %-8s %10.1f %11.1f %6.2f %6.2f %8.1f | %10.1f %8.2f %8.2f %8.2f %8.2f%n",
                            name, system, num(tp.get("median")), num(sm.get("cpuMicrosPerMessage")),
                            num(sm.get("cpuCoresAtMax")), num(sm.get("otherCpuCoresAtMax")), num(sm.get("heapPeakMbAtMax")),
                            num(l.get("offeredPerSecond")), num(l.get("p50Ms")), num(l.get("p99Ms")), num(l.get("p999Ms")),
                            num(l.get("maxMs"))));
                });
                systems.forEach((system, s) -> {
                    Object byProcess = ((Map<String, Object>) s).get("cpuMicrosPerMessageByProcess");
                    if (byProcess instanceof Map<?, ?> m && m.size() > 1) {
                        b.append(String.format("%-8s %-8s CPU us/msg by process: %s%n", name, system, m));
                    }
                });
                systems.forEach((system, s) -> {
                    Map<String, Object> l = (Map<String, Object>) ((Map<String, Object>) s).get("latencyAtHalfLoad");
                    if (l.get("outliers") instanceof List<?> notes) {
                        int trial = 0;
                        for (Object n : notes) {
                            trial++;
                            b.append(String.format("%-8s %-8s half load, trial %d: %s%n", name, system, trial, outlierText(n)));
                        }
                    }
                });
                Map<String, Object> ratios = (Map<String, Object>) ((Map<String, Object>) w).get("ratios");
                b.append(String.format("%-8s throughput ratios (median, per trial): hub/raw %s, hub/bridge %s,"
                                + " hub/bridge-1 %s; bridge/raw %s, bridge-1/raw %s%n", name,
                        ratioText(ratios, "hubOverRaw"), ratioText(ratios, "hubOverBridge"),
                        ratioText(ratios, "hubOverBridge1"), ratioText(ratios, "bridgeOverRaw"),
                        ratioText(ratios, "bridge1OverRaw")));
                b.append(String.format("%-8s CPU-bound ratios (baseline CPU/msg over hub CPU/msg): hub/raw %s, hub/bridge"
                                + " %s, hub/bridge-1 %s%n", name, ratioText(ratios, "cpuBoundHubOverRaw"),
                        ratioText(ratios, "cpuBoundHubOverBridge"), ratioText(ratios, "cpuBoundHubOverBridge1")));
            });
            b.append("(max msg/s and CPU: median of trials, CPU of every process of the topology; cores: CPU cores the"
                    + " topology used; other: cores other work on the machine used meanwhile; p50/p99/p99.9: median of"
                    + " trials; max: worst of trials; half msg/s: the fixed offered load of the latency phase)\n");
        }
        List<Map<String, Object>> targets = (List<Map<String, Object>>) report.getOrDefault("targets", List.of());
        if (!targets.isEmpty()) {
            b.append("\ntargets:\n");
            for (Map<String, Object> t : targets) {
                b.append(String.format("  %-4s %-45s measured %10.3f, wanted %s (%.0f%% of target)%n", t.get("result"),
                        t.get("target"), num(t.get("measured")), t.get("wanted"), num(t.get("percentOfTarget"))));
            }
        }
        Map<String, Object> profiles = (Map<String, Object>) report.getOrDefault("profile", Map.of());
        profiles.forEach((name, p) -> {
            Object summary = ((Map<String, Object>) p).get("summary");
            if (summary instanceof Profiler.Summary s) {
                b.append(String.format("%nprofile of %s, %s (%d samples): self time by library %s%n",
                        ((Map<String, Object>) p).get("system"), name, s.samples(), shares(s.byLibrary(), 8)));
                b.append("  by thread ").append(shares(s.byThread(), 6)).append('\n');
                b.append("  hub methods (inclusive) ").append(shares(s.hubMethods(), 8)).append('\n');
                b.append("  by nearest hub method ").append(shares(s.byNearestHubMethod(), 10)).append('\n');
            }
        });
        Map<String, Object> backlog = (Map<String, Object>) report.get("backlog");
        if (backlog != null) {
            b.append(String.format("%nbacklog: %s messages queued with the hub stopped, drained with max heap %s MiB:"
                            + " %s msg/s (restart %s s, drain %s s), heap peak %s MiB (after GC at most %s MiB, at the end"
                            + " %s MiB), out of memory: %s%n",
                    backlog.get("messages"), backlog.get("maxHeapMb"), backlog.get("drainPerSecond"),
                    backlog.get("restartSeconds"), backlog.get("drainSeconds"), backlog.get("heapPeakMb"),
                    backlog.get("heapAfterGcMaxMb"), backlog.get("heapAfterGcLastMb"), backlog.get("outOfMemory")));
            if (backlog.containsKey("shallowDrainPerSecond")) {
                b.append(String.format("  after its first tenth %s msg/s; intake and core queues first both empty after %s s,"
                                + " when %s had been delivered; a shallow backlog of %s afterwards, same JVM: %s msg/s;"
                                + " deep/shallow %s%n",
                        backlog.get("drainPerSecondAfterFirstTenth"), backlog.get("intakeEmptyAfterSeconds"),
                        backlog.get("deliveredWhenIntakeEmpty"), backlog.get("shallowMessages"),
                        backlog.get("shallowDrainPerSecond"), backlog.get("deepToShallow")));
            }
        }
        return b.toString();
    }

    /** One latency trial's outlier notes in a line (from the record, or from the map a read report holds). */
    @SuppressWarnings("unchecked")
    private static String outlierText(Object n) {
        Map<String, Object> m;
        if (n instanceof Outliers.Notes o) {
            m = new com.fasterxml.jackson.databind.ObjectMapper().convertValue(o, LinkedHashMap.class);
        } else if (n instanceof Map<?, ?> read) {
            m = (Map<String, Object>) read;
        } else {
            return "-";
        }
        String broker = num(m.get("brokerGcPauses")) >= 0
                ? String.format("; broker: %s GC pauses, longest %.1f ms, %s above p99 in one", m.get("brokerGcPauses"),
                        num(m.get("brokerGcPauseMaxMs")), m.get("aboveP99InBrokerGcPause"))
                : "";
        String disk = m.get("disk") != null
                ? String.format("; %s above p99 on a busy disk", m.get("aboveP99OnBusyDisk"))
                : "";
        return String.format("p99 %.1f, p99.9 %.1f, max %.1f ms; %s above p99, %s of them in a GC pause of this JVM (%s"
                        + " pauses, longest %.1f ms)%s%s; %s", num(m.get("p99Ms")), num(m.get("p999Ms")), num(m.get("maxMs")),
                m.get("aboveP99"), m.get("aboveP99InGcPause"), m.get("gcPauses"), num(m.get("gcPauseMaxMs")), broker,
                disk, m.get("verdict"));
    }

    /** A ratio's median and its per-trial values, e.g. {@code 0.370 [0.37, 0.37, 0.43]}; "-" when absent. */
    @SuppressWarnings("unchecked")
    private static String ratioText(Map<String, Object> ratios, String key) {
        Object r = ratios.get(key);
        if (!(r instanceof Map<?, ?> m)) {
            return "-";
        }
        return String.format("%.3f %s", num(m.get("median")), m.get("trials"));
    }

    private static String shares(List<Profiler.Share> shares, int n) {
        StringBuilder b = new StringBuilder();
        shares.stream().limit(n).forEach(s -> b.append(b.length() == 0 ? "" : ", ").append(s.name()).append(' ')
                .append(String.format("%.1f%%", s.percent())));
        return b.toString();
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
