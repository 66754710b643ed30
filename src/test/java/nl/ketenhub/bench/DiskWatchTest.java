package nl.ketenhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DiskWatchTest {

    private static final String DISKSTATS = String.join("\n",
            " 254       0 vda 207955 29987 9100882 522753 8941452 125758 372087048 1176192 7 837284 2167234 67433 48 20228608 9223 3915391 459064",
            " 254       1 vda1 1000 0 2000 300 5000 0 60000 700 0 800 1500 0 0 0 0 0 0",
            "   7       0 loop0 10 0 20 1 0 0 0 0 0 4 1 0 0 0 0",
            " 259       0 nvme0n1 10 0 20 3 100 5 800 40 0 30 43",
            "");

    @Test
    void shouldAddUpTheWholeDisksItWasGiven() {
        DiskWatch.Counters c = DiskWatch.totals(DISKSTATS, Set.of("vda", "nvme0n1"));

        assertThat(c.writes()).isEqualTo(8941452 + 100);
        assertThat(c.sectorsWritten()).isEqualTo(372087048L + 800);
        assertThat(c.writeMillis()).isEqualTo(1176192 + 40);
        assertThat(c.ioMillis()).isEqualTo(837284 + 30);
        // flushes are counted only by kernels that report them (the vda line does, the shorter nvme line does not)
        assertThat(c.flushes()).isEqualTo(3915391);
        assertThat(c.flushMillis()).isEqualTo(459064);
    }

    @Test
    void shouldCountDirtyAndWritebackPagesAsUnwritten() {
        assertThat(DiskWatch.dirtyMb("MemTotal: 100 kB\nDirty:        2048 kB\nWriteback:      1024 kB\n"))
                .isEqualTo(3072 * 1024 / 1e6);
        assertThat(DiskWatch.dirtyMb("MemTotal: 100 kB\n")).isNaN();
    }

    @Test
    void shouldTellHowBusyTheDisksWereWithinAnInterval() {
        // samples every 100 ms: busy the whole first 200 ms, idle after
        long ms = 1_000_000L;
        long[] nanos = {0, 100 * ms, 200 * ms, 300 * ms, 400 * ms};
        long[] io = {1000, 1100, 1200, 1200, 1200};

        assertThat(DiskWatch.busyShare(nanos, io, 50 * ms, 150 * ms)).isEqualTo(1.0);
        assertThat(DiskWatch.busyShare(nanos, io, 100 * ms, 400 * ms)).isEqualTo(0.333);
        assertThat(DiskWatch.busyShare(nanos, io, 250 * ms, 500 * ms)).as("not covered by the samples").isNaN();
    }
}
