package nl.ketenhub.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run measured: figures mean little without it.
 *
 * @param cores processors available to the JVM
 * @param cpuModel the processor model, where the OS tells it
 * @param memoryGb physical memory
 * @param os operating system and version
 * @param jvm JVM vendor, name and version
 * @param maxHeapMb the benchmark JVM's maximum heap
 * @param loadAverageAtStart the one-minute load average when the run began (above zero: other work was running)
 */
record Machine(int cores, String cpuModel, double memoryGb, String os, String jvm, long maxHeapMb,
        double loadAverageAtStart) {

    static Machine describe() {
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : -1;
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), Stats.round(memory / 1073741824.0),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                Runtime.getRuntime().maxMemory() / 1048576,
                Stats.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    private static String readCpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(cpuinfo)) {
                return Files.readAllLines(cpuinfo).stream()
                        .filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .findFirst().orElse("unknown");
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    String oneLine() {
        return cores + " cores (" + cpuModel + "), " + memoryGb + " GiB, " + os + ", " + jvm + ", max heap " + maxHeapMb
                + " MiB, load average at start " + loadAverageAtStart;
    }
}
