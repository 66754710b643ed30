package nl.ketenhub.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * What one phase costs the process: CPU time (every thread: hub, broker and the harness's partners alike), heap peak,
 * garbage collection, and the machine's load average as a sign of how noisy the measurement was.
 */
final class Resources {

    /**
     * @param wallSeconds length of the phase
     * @param cpuSeconds process CPU time used in the phase
     * @param cpuCores average cores busy (cpuSeconds / wallSeconds)
     * @param heapPeakMb sum of the heap pools' peak usage in the phase (an upper bound of the true peak)
     * @param gcCount collections in the phase
     * @param gcMillis time spent collecting in the phase
     * @param jitMillis time the JIT compilers spent in the phase (high: not warmed up yet)
     * @param loadAverage the machine's one-minute load average at the end of the phase (all processes)
     */
    record Usage(double wallSeconds, double cpuSeconds, double cpuCores, double heapPeakMb, long gcCount, double gcMillis,
            long jitMillis, double loadAverage) {}

    private final long wallStart;
    private final long cpuStart;
    private final long gcCountStart;
    private final long gcMillisStart;
    private final long jitMillisStart;

    private Resources() {
        ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
        wallStart = System.nanoTime();
        cpuStart = processCpuNanos();
        gcCountStart = gcCount();
        gcMillisStart = gcMillis();
        jitMillisStart = jitMillis();
    }

    /** Starts measuring now; peaks are reset. */
    static Resources start() {
        return new Resources();
    }

    Usage stop() {
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        long heapPeak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage() == null ? 0 : p.getPeakUsage().getUsed())
                .sum();
        return new Usage(Stats.round(wall), Stats.round(cpu), Stats.round(wall > 0 ? cpu / wall : 0),
                Stats.round(heapPeak / 1048576.0), gcCount() - gcCountStart, gcMillis() - gcMillisStart,
                jitMillis() - jitMillisStart, Stats.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
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
