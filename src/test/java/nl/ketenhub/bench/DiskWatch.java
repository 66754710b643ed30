package nl.ketenhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the machine's disks did during a latency phase, from {@code /proc/diskstats} (whole disks only, summed) and
 * {@code /proc/meminfo}: how busy they were, how much was written, how long writes and flushes waited, and how much
 * written data the page cache held unwritten when the phase began. Every durable commit of the broker and the
 * database waits for the disk, so a disk busy with earlier writes delays messages without any CPU or GC showing it.
 * The disks are sampled every {@value #SAMPLE_MILLIS} ms, so the notes can say how busy they were while a given slow
 * message was in flight.
 */
final class DiskWatch implements AutoCloseable {

    static final long SAMPLE_MILLIS = 100;

    /**
     * The totals of all whole disks at one moment ({@code /proc/diskstats}, times in ms).
     *
     * @param ioMillis time the disks had I/O in progress
     * @param writes writes completed
     * @param writeMillis time writes waited and ran
     * @param sectorsWritten 512-byte sectors written
     * @param flushes flushes completed (0 on kernels that do not count them)
     * @param flushMillis time flushes took
     */
    record Counters(long ioMillis, long writes, long writeMillis, long sectorsWritten, long flushes, long flushMillis) {

        Counters minus(Counters o) {
            return new Counters(ioMillis - o.ioMillis, writes - o.writes, writeMillis - o.writeMillis,
                    sectorsWritten - o.sectorsWritten, flushes - o.flushes, flushMillis - o.flushMillis);
        }
    }

    /**
     * The disks during one phase.
     *
     * @param busyShare share of the phase in which the busiest sum of disks had I/O in progress (0-1; several disks
     *     busy at once may add up to more)
     * @param writtenMb data written
     * @param writeWaitMs average time a write took, queueing included
     * @param flushWaitMs average time a flush took (NaN where the kernel does not count flushes)
     * @param dirtyMbAtStart written data the page cache held, not yet on disk, when the phase began (Dirty + Writeback)
     */
    record Disk(double busyShare, double writtenMb, double writeWaitMs, double flushWaitMs, double dirtyMbAtStart) {}

    /** One sample: when (nanoTime) and the disks' I/O time so far. */
    private record Sample(long nanos, long ioMillis) {}

    private final Set<String> disks;
    private final Counters start;
    private final long startNanos = System.nanoTime();
    private final double dirtyMbAtStart;
    private final List<Sample> samples = new ArrayList<>();
    private final java.util.concurrent.ScheduledExecutorService sampler =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bench-disk-watch");
                t.setDaemon(true);
                return t;
            });

    private DiskWatch(Set<String> disks) {
        this.disks = disks;
        this.dirtyMbAtStart = dirtyMb(read(Path.of("/proc/meminfo")));
        this.start = totals(read(Path.of("/proc/diskstats")), disks);
        sampler.scheduleAtFixedRate(this::sample, 0, SAMPLE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Watches the machine's whole disks from now on; null where {@code /proc} cannot be read (not Linux). */
    static DiskWatch start() {
        try (Stream<Path> blocks = Files.list(Path.of("/sys/block"))) {
            Set<String> disks = blocks.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("loop") && !n.startsWith("ram") && !n.startsWith("zram"))
                    .collect(Collectors.toSet());
            if (disks.isEmpty() || !Files.isReadable(Path.of("/proc/diskstats"))) {
                return null;
            }
            return new DiskWatch(disks);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void sample() {
        Counters now = totals(read(Path.of("/proc/diskstats")), disks);
        synchronized (samples) {
            samples.add(new Sample(System.nanoTime(), now.ioMillis()));
        }
    }

    /** The disks over the phase so far. */
    Disk phase() {
        Counters d = totals(read(Path.of("/proc/diskstats")), disks).minus(start);
        double wallMs = (System.nanoTime() - startNanos) / 1e6;
        return new Disk(Stats.round(d.ioMillis() / Math.max(1, wallMs)), Stats.round(d.sectorsWritten() * 512 / 1e6),
                Stats.round(d.writes() == 0 ? 0 : (double) d.writeMillis() / d.writes()),
                d.flushes() == 0 ? Double.NaN : Stats.round((double) d.flushMillis() / d.flushes()),
                Stats.round(dirtyMbAtStart));
    }

    /** Share of [from, to] (nanoTime) in which the disks had I/O in progress, from the samples around it; NaN if none. */
    double busyShare(long from, long to) {
        synchronized (samples) {
            return busyShare(samples.stream().mapToLong(Sample::nanos).toArray(),
                    samples.stream().mapToLong(Sample::ioMillis).toArray(), from, to);
        }
    }

    /**
     * Share of [from, to] in which the disks were busy, from samples ({@code nanos[i]}, cumulative {@code ioMillis[i]})
     * taken at least at the interval's bounds: the last sample at or before {@code from} and the first at or after
     * {@code to}. NaN where the samples do not cover it.
     */
    static double busyShare(long[] nanos, long[] ioMillis, long from, long to) {
        int a = -1;
        int b = -1;
        for (int i = 0; i < nanos.length; i++) {
            if (nanos[i] <= from) {
                a = i;
            }
            if (nanos[i] >= to && b < 0) {
                b = i;
            }
        }
        if (a < 0 || b < 0 || nanos[b] == nanos[a]) {
            return Double.NaN;
        }
        return Stats.round(Math.min(1.0, (ioMillis[b] - ioMillis[a]) * 1e6 / (nanos[b] - nanos[a])));
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    /** The totals of the named disks in a {@code /proc/diskstats} text. */
    static Counters totals(String diskstats, Set<String> disks) {
        long io = 0;
        long writes = 0;
        long writeMs = 0;
        long sectors = 0;
        long flushes = 0;
        long flushMs = 0;
        for (String line : diskstats.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 14 || !disks.contains(f[2])) {
                continue;
            }
            writes += Long.parseLong(f[7]);
            sectors += Long.parseLong(f[9]);
            writeMs += Long.parseLong(f[10]);
            io += Long.parseLong(f[12]);
            if (f.length >= 20) {
                flushes += Long.parseLong(f[18]);
                flushMs += Long.parseLong(f[19]);
            }
        }
        return new Counters(io, writes, writeMs, sectors, flushes, flushMs);
    }

    /** Dirty + Writeback of a {@code /proc/meminfo} text, in MB (NaN where absent). */
    static double dirtyMb(String meminfo) {
        long kb = 0;
        boolean seen = false;
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("Dirty:") || line.startsWith("Writeback:")) {
                kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
                seen = true;
            }
        }
        return seen ? kb * 1024 / 1e6 : Double.NaN;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
