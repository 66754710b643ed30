package nl.ketenhub.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Notes on the slow tail of a latency phase: p99.9 and max beside p99, and for the slowest messages whether a
 * garbage-collection pause of the benchmark's JVM fell within their time in flight (from a JFR recording of GC pauses
 * made during the phase) or of a standalone broker (from its GC log, where the topology has one), and how busy the
 * machine was with other work (load average, and the CPU other processes used).
 */
final class Outliers {

    /** Slowest messages listed per phase. */
    static final int SLOWEST = 5;

    /** The standalone broker's GC log ({@code -Xlog:gc:file=…:utctime}), or null where the broker is in this JVM. */
    private static volatile Path brokerGcLog;
    /** A pause in a GC log: {@code [2026-12-06T12:22:01.123+0000] GC(3) Pause Young (Normal) (…) 50M->20M(1024M) 12.345ms}. */
    private static final Pattern LOGGED_PAUSE = Pattern.compile("^\\[(\\S+)] GC\\(\\d+\\) Pause .*?(\\d+[.,]\\d+)ms\\s*$");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private Outliers() {}

    /** From now on the notes also read the standalone broker's GC pauses from this log (null: none). */
    static void brokerGcLog(Path log) {
        brokerGcLog = log;
    }

    /**
     * The GC pauses of one phase.
     *
     * @param jvm this JVM's
     * @param broker the standalone broker's, or null where there is none (the broker is in this JVM)
     */
    record Pauses(List<Pause> jvm, List<Pause> broker, List<VmOperation> vmOperations) {

        Pauses(List<Pause> jvm, List<Pause> broker) {
            this(jvm, broker, List.of());
        }
    }

    /**
     * A VM operation of this JVM other than a collection that took at least {@value #VM_OPERATION_MS} ms (a safepoint
     * stops every Java thread while it runs: deoptimisation, code cache or class unloading work, thread dumps).
     */
    record VmOperation(String name, Pause pause) {}

    /** VM operations shorter than this are not recorded. */
    static final int VM_OPERATION_MS = 5;

    /** A GC pause of this JVM, on the {@link System#nanoTime()} clock. */
    record Pause(long startNanos, long endNanos) {

        double ms() {
            return (endNanos - startNanos) / 1e6;
        }

        /** How much of this pause fell within [from, to]. */
        long overlap(long from, long to) {
            return Math.max(0, Math.min(endNanos, to) - Math.max(startNanos, from));
        }
    }

    /**
     * One slow message.
     *
     * @param latencyMs its latency end to end
     * @param sentAtSecond when it was due, in seconds from the start of the phase
     * @param gcPauseMs GC pause time of this JVM within its time in flight
     * @param brokerGcPauseMs GC pause time of a standalone broker within its time in flight (0 where there is none)
     * @param diskBusyShare share of its time in flight in which the disks had I/O in progress (NaN: not known)
     */
    record Slow(double latencyMs, double sentAtSecond, double gcPauseMs, double brokerGcPauseMs, double diskBusyShare) {}

    /**
     * The notes of one latency phase.
     *
     * @param p99Ms 99th percentile
     * @param p999Ms 99.9th percentile
     * @param maxMs the slowest message
     * @param aboveP99 messages slower than p99
     * @param aboveP99InGcPause of those, the ones a GC pause of this JVM fell within
     * @param gcPauses GC pauses of this JVM in the phase
     * @param gcPauseMaxMs the longest of them
     * @param gcPauseTotalMs all of them
     * @param brokerGcPauses GC pauses of a standalone broker in the phase; -1 where the broker is in this JVM
     * @param brokerGcPauseMaxMs the longest of them
     * @param aboveP99InBrokerGcPause messages slower than p99 that a broker GC pause fell within
     * @param loadAverageStart the machine's one-minute load average when the phase began
     * @param loadAverageEnd and when it ended
     * @param otherCpuCores average cores busy with work outside the topology during the phase
     * @param cores the machine's cores
     * @param disk what the disks did during the phase (null where {@code /proc} could not be read)
     * @param aboveP99OnBusyDisk messages slower than p99 during at least half of whose time in flight the disks were
     *     busy
     * @param slowest the slowest messages, slowest first
     * @param verdict what coincides with the slowest message, in words
     */
    record Notes(double p99Ms, double p999Ms, double maxMs, int aboveP99, int aboveP99InGcPause, int gcPauses,
            double gcPauseMaxMs, double gcPauseTotalMs, int brokerGcPauses, double brokerGcPauseMaxMs,
            int aboveP99InBrokerGcPause, double loadAverageStart, double loadAverageEnd,
            double otherCpuCores, int cores, DiskWatch.Disk disk, int aboveP99OnBusyDisk, List<Slow> slowest,
            String verdict) {}

    /** Records this JVM's GC pauses from now until {@link #stop()}. */
    static final class GcWatch {

        private final Recording recording = new Recording();
        private final Instant wallStart = Instant.now();
        private final long nanoStart = System.nanoTime();
        final double loadAverageStart = loadAverage();

        GcWatch() {
            recording.setName("bench-gc-pauses");
            recording.enable("jdk.GCPhasePause").withThreshold(java.time.Duration.ZERO);
            recording.enable("jdk.ExecuteVMOperation").withThreshold(java.time.Duration.ofMillis(VM_OPERATION_MS));
            recording.setToDisk(true);
            recording.start();
        }

        /**
         * The pauses of this JVM (none where the recording could not be read) and of a standalone broker, on the
         * nanoTime clock.
         */
        Pauses stop() {
            Instant wallEnd = Instant.now();
            List<VmOperation> operations = new ArrayList<>();
            List<Pause> gc = stopRecording(operations);
            return new Pauses(gc, brokerPauses(brokerGcLog, wallStart, wallEnd, nanoStart), operations);
        }

        private List<Pause> stopRecording(List<VmOperation> operations) {
            recording.stop();
            List<Pause> pauses = new ArrayList<>();
            Path file = null;
            try {
                file = Files.createTempFile("bench-gc-", ".jfr");
                recording.dump(file);
                try (RecordingFile events = new RecordingFile(file)) {
                    while (events.hasMoreEvents()) {
                        RecordedEvent e = events.readEvent();
                        long start = nanoStart + java.time.Duration.between(wallStart, e.getStartTime()).toNanos();
                        Pause pause = new Pause(start, start + e.getDuration().toNanos());
                        if (e.getEventType().getName().equals("jdk.GCPhasePause")) {
                            pauses.add(pause);
                        } else if (e.getEventType().getName().equals("jdk.ExecuteVMOperation")) {
                            String name = e.getString("operation");
                            // collections are counted as GC pauses already
                            if (name != null && !name.contains("GC") && !name.contains("Collect")) {
                                operations.add(new VmOperation(name, pause));
                            }
                        }
                    }
                }
            } catch (IOException e) {
                HubBenchmark.log("  (GC pauses not read: " + e + ")");
            } finally {
                recording.close();
                if (file != null) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException ignored) {
                        // a temporary file
                    }
                }
            }
            return pauses;
        }
    }

    /**
     * The pauses a GC log records that ended in [from, to], on the nanoTime clock ({@code wall0} and {@code nano0} the
     * same moment on both clocks); null without a log, none where it cannot be read.
     */
    static List<Pause> brokerPauses(Path log, Instant from, Instant to, long nano0) {
        if (log == null) {
            return null;
        }
        List<Pause> pauses = new ArrayList<>();
        try {
            if (!Files.isReadable(log)) {
                return pauses;
            }
            for (String line : Files.readAllLines(log)) {
                Matcher m = LOGGED_PAUSE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                Instant end = OffsetDateTime.parse(m.group(1), LOG_TIME).toInstant();
                if (end.isBefore(from) || end.isAfter(to)) {
                    continue;
                }
                long endNanos = nano0 + java.time.Duration.between(from, end).toNanos();
                long duration = Math.round(Double.parseDouble(m.group(2).replace(',', '.')) * 1e6);
                pauses.add(new Pause(endNanos - duration, endNanos));
            }
        } catch (IOException | RuntimeException e) {
            HubBenchmark.log("  (broker GC pauses not read: " + e + ")");
        }
        return pauses;
    }

    static double loadAverage() {
        return Stats.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * The notes of a phase that began at {@code phaseStart}: {@code sent} and {@code latency} hold each received
     * message's due time and latency (nanoseconds), in the same order.
     */
    static Notes notes(Stats.Latency latency, long[] sent, long[] latencyNanos, int count, Pauses gcPauses,
            long phaseStart, double loadAverageStart, Resources.Usage usage, DiskWatch disks, Traffic.Sends sends) {
        List<Pause> pauses = gcPauses.jvm();
        List<Pause> brokerPauses = gcPauses.broker() == null ? List.of() : gcPauses.broker();
        int cores = Runtime.getRuntime().availableProcessors();
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingLong((Integer i) -> latencyNanos[i]).reversed());
        long p99 = Math.round(latency.p99Ms() * 1e6);
        int above = 0;
        int inGc = 0;
        int inBrokerGc = 0;
        int onBusyDisk = 0;
        List<Slow> slowest = new ArrayList<>();
        for (Integer i : order) {
            if (latencyNanos[i] <= p99) {
                break;
            }
            above++;
            long gc = gcWithin(pauses, sent[i], sent[i] + latencyNanos[i]);
            long brokerGc = gcWithin(brokerPauses, sent[i], sent[i] + latencyNanos[i]);
            if (gc > 0) {
                inGc++;
            }
            if (brokerGc > 0) {
                inBrokerGc++;
            }
            double busy = disks == null ? Double.NaN : disks.busyShare(sent[i], sent[i] + latencyNanos[i]);
            if (busy >= 0.5) {
                onBusyDisk++;
            }
            if (slowest.size() < SLOWEST) {
                slowest.add(new Slow(Stats.ms(latencyNanos[i]), Stats.round((sent[i] - phaseStart) / 1e9), Stats.ms(gc),
                        Stats.ms(brokerGc), busy));
            }
        }
        if (slowest.isEmpty() && count > 0) {
            int i = order[0];
            slowest.add(new Slow(Stats.ms(latencyNanos[i]), Stats.round((sent[i] - phaseStart) / 1e9),
                    Stats.ms(gcWithin(pauses, sent[i], sent[i] + latencyNanos[i])),
                    Stats.ms(gcWithin(brokerPauses, sent[i], sent[i] + latencyNanos[i])),
                    disks == null ? Double.NaN : disks.busyShare(sent[i], sent[i] + latencyNanos[i])));
        }
        double pauseMax = pauses.stream().mapToDouble(Pause::ms).max().orElse(0);
        double pauseTotal = pauses.stream().mapToDouble(Pause::ms).sum();
        double loadEnd = loadAverage();
        boolean brokerSeen = gcPauses.broker() != null;
        DiskWatch.Disk disk = disks == null ? null : disks.phase();
        return new Notes(latency.p99Ms(), latency.p999Ms(), latency.maxMs(), above, inGc, pauses.size(),
                Stats.round(pauseMax), Stats.round(pauseTotal), brokerSeen ? brokerPauses.size() : -1,
                Stats.round(brokerPauses.stream().mapToDouble(Pause::ms).max().orElse(0)), inBrokerGc, loadAverageStart,
                loadEnd, usage.otherCpuCores(), cores, disk, onBusyDisk, slowest,
                verdict(slowest, brokerSeen, usage.otherCpuCores(), loadAverageStart, loadEnd, cores, disk)
                        + (count == 0 ? "" : vmOperationsWithin(gcPauses.vmOperations(), sent[order[0]],
                                sent[order[0]] + latencyNanos[order[0]]))
                        + (sends == null ? "" : sendsText(sends.slowestMs(), (sends.slowestStart() - phaseStart) / 1e9,
                                sends.slow()))
                        + jitText(usage.jitMillis(), usage.wallSeconds()));
    }

    /**
     * What coincides with the slowest message: a GC pause of this JVM or of a standalone broker ({@code brokerSeen}),
     * a busy machine, or none of these.
     */
    static String verdict(List<Slow> slowest, boolean brokerSeen, double otherCpuCores, double loadStart, double loadEnd,
            int cores, DiskWatch.Disk disk) {
        if (slowest.isEmpty()) {
            return "no messages";
        }
        Slow worst = slowest.get(0);
        List<String> parts = new ArrayList<>();
        if (worst.gcPauseMs() > 0) {
            parts.add(String.format("GC pauses of %.1f ms fell within the slowest message's %.1f ms", worst.gcPauseMs(),
                    worst.latencyMs()));
        } else {
            parts.add(String.format("no GC pause of this JVM fell within the slowest message's %.1f ms", worst.latencyMs()));
        }
        if (brokerSeen) {
            parts.add(worst.brokerGcPauseMs() > 0
                    ? String.format("broker GC pauses of %.1f ms fell within it", worst.brokerGcPauseMs())
                    : "no broker GC pause did");
        }
        // The CPU other processes used says it best; the load average counts the benchmark's own runnable threads
        // too (and lags by a minute), so it decides only where /proc/stat could not be read.
        boolean busy = Double.isNaN(otherCpuCores) ? Math.max(loadStart, loadEnd) > cores : otherCpuCores >= 0.25 * cores;
        parts.add(String.format("%s: other work used %.2f of %d cores, load average %.1f to %.1f",
                busy ? "a busy machine" : "a quiet machine", otherCpuCores, cores, loadStart, loadEnd));
        if (disk != null) {
            String during = Double.isNaN(worst.diskBusyShare()) ? ""
                    : String.format(" (%.0f%% while the slowest message was in flight)", 100 * worst.diskBusyShare());
            parts.add(String.format("the disks were busy %.0f%% of the phase%s, %.1f MB written, a write took %.2f ms%s on "
                    + "average, %.1f MB unwritten in the page cache at the start", 100 * disk.busyShare(), during,
                    disk.writtenMb(), disk.writeWaitMs(),
                    Double.isNaN(disk.flushWaitMs()) ? "" : String.format(" and a flush %.2f ms", disk.flushWaitMs()),
                    disk.dirtyMbAtStart()));
        }
        return String.join("; ", parts);
    }

    /**
     * How much the JIT compiled during the phase, in words: its compiler threads take cores from the systems under
     * test, and code that runs for the first time at a new load (a queue that stays empty, a consumer that waits) is
     * compiled then.
     */
    static String jitText(long jitMillis, double wallSeconds) {
        return String.format("; the JIT compiled for %.1f s during the phase's %.1f s", jitMillis / 1000.0, wallSeconds);
    }

    /** How long the senders waited for the broker to take their messages, in words. */
    static String sendsText(double slowestMs, double atSecond, int slow) {
        return String.format("; the slowest send to the broker took %.1f ms (at %.2f s), %d sends took over %d ms",
                slowestMs, atSecond, slow, Traffic.Sends.SLOW_SEND_MS);
    }

    /** The VM operations (other than collections) that overlapped [from, to], in words. */
    static String vmOperationsWithin(List<VmOperation> operations, long from, long to) {
        List<String> within = new ArrayList<>();
        for (VmOperation o : operations) {
            if (o.pause().overlap(from, to) > 0) {
                within.add(String.format("%s %.1f ms", o.name(), o.pause().ms()));
            }
        }
        return within.isEmpty()
                ? "; no other VM operation of " + VM_OPERATION_MS + " ms or more fell within the slowest message"
                : "; VM operations within the slowest message: " + String.join(", ", within);
    }

    /** GC pause time within [from, to]. */
    static long gcWithin(List<Pause> pauses, long from, long to) {
        long sum = 0;
        for (Pause p : pauses) {
            sum += p.overlap(from, to);
        }
        return sum;
    }
}
