package nl.ketenhub.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one phase costs: CPU time of the benchmark's JVM (every thread: hub, embedded broker and the harness's partners
 * alike) plus that of the topology's processes outside it (a standalone broker, PostgreSQL: see {@link #watch}), heap
 * peak, garbage collection, and how busy the machine was with other work (load average, and the CPU time of every
 * process on the machine outside the topology) as a sign of how noisy the measurement was.
 */
final class Resources {

    /**
     * @param wallSeconds length of the phase
     * @param cpuSeconds CPU time used in the phase by every process of the topology (the JVM and the watched ones)
     * @param cpuCores average cores busy (cpuSeconds / wallSeconds)
     * @param jvmCpuSeconds CPU time of the benchmark's JVM alone (hub, harness, and an embedded broker)
     * @param processCpuSeconds CPU time of each watched process outside the JVM (with its children), by name
     * @param otherCpuCores average cores busy with work outside the topology (the machine's busy time from
     *     {@code /proc/stat} less the topology's): other builds and programs; NaN where unknown
     * @param heapPeakMb sum of the heap pools' peak usage in the phase (an upper bound of the true peak)
     * @param gcCount collections in the phase
     * @param gcMillis time spent collecting in the phase
     * @param jitMillis time the JIT compilers spent in the phase (high: not warmed up yet)
     * @param loadAverage the machine's one-minute load average at the end of the phase (all processes)
     */
    record Usage(double wallSeconds, double cpuSeconds, double cpuCores, double jvmCpuSeconds,
            Map<String, Double> processCpuSeconds, double otherCpuCores, double heapPeakMb, long gcCount, double gcMillis,
            long jitMillis, double loadAverage) {}

    /** A process of the topology outside the JVM, looked up at each measurement (it may have been restarted). */
    record Watched(String name, Supplier<Optional<ProcessHandle>> process) {}

    private static volatile List<Watched> watched = List.of();
    /** Clock ticks per second of {@code /proc}'s CPU times (USER_HZ); 100 on Linux unless {@code getconf} says else. */
    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private final long wallStart;
    private final long cpuStart;
    private final Map<String, Long> processTicksStart = new LinkedHashMap<>();
    private final long machineTicksStart;
    private final long gcCountStart;
    private final long gcMillisStart;
    private final long jitMillisStart;

    private Resources() {
        ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
        wallStart = System.nanoTime();
        cpuStart = processCpuNanos();
        for (Watched w : watched) {
            processTicksStart.put(w.name(), treeTicks(w));
        }
        machineTicksStart = machineBusyTicks();
        gcCountStart = gcCount();
        gcMillisStart = gcMillis();
        jitMillisStart = jitMillis();
    }

    /** Starts measuring now; peaks are reset. */
    static Resources start() {
        return new Resources();
    }

    /** Counts the CPU time of these processes (and their children) with the JVM's from the next phase on. */
    static void watch(List<Watched> processes) {
        watched = List.copyOf(processes);
    }

    Usage stop() {
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double jvmCpu = (processCpuNanos() - cpuStart) / 1e9;
        Map<String, Double> processes = new LinkedHashMap<>();
        double cpu = jvmCpu;
        for (Watched w : watched) {
            Long start = processTicksStart.get(w.name());
            if (start != null) {
                double seconds = Math.max(0, treeTicks(w) - start) / (double) TICKS_PER_SECOND;
                processes.put(w.name(), Stats.round(seconds));
                cpu += seconds;
            }
        }
        long machineTicks = machineBusyTicks();
        double other = machineTicks < 0 || machineTicksStart < 0 || wall <= 0 ? Double.NaN
                : Stats.round(Math.max(0, (machineTicks - machineTicksStart) / (double) TICKS_PER_SECOND - cpu) / wall);
        long heapPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage() == null ? 0 : p.getPeakUsage().getUsed())
                .sum();
        return new Usage(Stats.round(wall), Stats.round(cpu), Stats.round(wall > 0 ? cpu / wall : 0), Stats.round(jvmCpu),
                processes, other, Stats.round(heapPeak / 1048576.0), gcCount() - gcCountStart, gcMillis() - gcMillisStart,
                jitMillis() - jitMillisStart, Stats.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /**
     * CPU ticks of a watched process and its descendants, from {@code /proc/<pid>/stat}: user and system time of each,
     * plus the time of children that have ended and been waited for (cutime, cstime), so a PostgreSQL backend that
     * ended in the phase still counts. 0 where the process is gone or {@code /proc} cannot be read.
     */
    private static long treeTicks(Watched w) {
        Optional<ProcessHandle> root = w.process().get();
        if (root.isEmpty()) {
            return 0;
        }
        long ticks = procTicks(root.get().pid());
        for (ProcessHandle child : root.get().descendants().toList()) {
            ticks += procTicks(child.pid());
        }
        return ticks;
    }

    /** utime + stime + cutime + cstime of one process (fields 14-17 of its stat line), in clock ticks. */
    static long procTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return parseStatTicks(stat);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** The CPU ticks of a {@code /proc/<pid>/stat} line; its command name (field 2) may hold spaces and parentheses. */
    static long parseStatTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3]
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /** Busy ticks of the whole machine (all CPUs) from {@code /proc/stat}, or -1 where it cannot be read. */
    private static long machineBusyTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal (guest time is already in user)
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += i < f.length ? Long.parseLong(f[i]) : 0;
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /**
     * Watches the heap left after each garbage collection (the live set plus what the collector left): its maximum
     * and last value show whether a long phase retains memory per message or only produces garbage.
     */
    static final class AfterGc implements AutoCloseable {

        private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.List<Runnable> removals = new java.util.ArrayList<>();

        AfterGc() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter emitter) {
                    javax.management.NotificationListener listener = (notification, handback) -> {
                        if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                                .equals(notification.getType())) {
                            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                                    (javax.management.openmbean.CompositeData) notification.getUserData());
                            long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                    .filter(e -> isHeap(e.getKey()))
                                    .mapToLong(e -> e.getValue().getUsed()).sum();
                            last.set(used);
                            max.accumulateAndGet(used, Math::max);
                        }
                    };
                    emitter.addNotificationListener(listener, null, null);
                    removals.add(() -> {
                        try {
                            emitter.removeNotificationListener(listener);
                        } catch (javax.management.ListenerNotFoundException e) {
                            // already gone
                        }
                    });
                }
            }
        }

        private static boolean isHeap(String pool) {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .anyMatch(p -> p.getName().equals(pool) && p.getType() == MemoryType.HEAP);
        }

        double maxMb() {
            return Stats.round(max.get() / 1048576.0);
        }

        double lastMb() {
            return Stats.round(last.get() / 1048576.0);
        }

        @Override
        public void close() {
            removals.forEach(Runnable::run);
        }
    }

    static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
