package nl.ketenhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutliersTest {

    private static final long MS = 1_000_000L;

    @Test
    void shouldTellWhichSlowMessagesAGcPauseFellWithin() {
        // ten messages due 10 ms apart, two of them slow; a 40 ms pause of this JVM and a 10 ms one of the broker
        // during the first slow one only
        long[] sent = new long[10];
        long[] latency = new long[10];
        for (int i = 0; i < 10; i++) {
            sent[i] = 1_000 * MS + i * 10 * MS;
            latency[i] = 2 * MS;
        }
        latency[3] = 100 * MS;
        latency[7] = 60 * MS;
        Outliers.Pauses pauses = new Outliers.Pauses(List.of(new Outliers.Pause(sent[3] + 20 * MS, sent[3] + 60 * MS)),
                List.of(new Outliers.Pause(sent[3] + 70 * MS, sent[3] + 80 * MS)));
        Stats.Latency stats = Stats.latency(latency.clone(), 10);
        Resources.Usage usage = new Resources.Usage(1, 1, 1, 1, Map.of(), 0.1, 100, 1, 40, 0, 0.5);

        Outliers.Notes notes = Outliers.notes(stats, sent, latency, 10, pauses, 1_000 * MS, 0.5, usage, null, null);

        // nearest-rank p99 of ten values is the slowest, so none lies above it: the slowest is listed all the same
        assertThat(notes.maxMs()).isEqualTo(100.0);
        assertThat(notes.gcPauses()).isEqualTo(1);
        assertThat(notes.gcPauseMaxMs()).isEqualTo(40.0);
        assertThat(notes.slowest()).hasSize(1);
        assertThat(notes.slowest().get(0).gcPauseMs()).isEqualTo(40.0);
        assertThat(notes.slowest().get(0).brokerGcPauseMs()).isEqualTo(10.0);
        assertThat(notes.brokerGcPauses()).isEqualTo(1);
        assertThat(notes.slowest().get(0).sentAtSecond()).isEqualTo(0.03);
        assertThat(notes.verdict()).startsWith("GC pauses of 40.0 ms fell within the slowest message's 100.0 ms;"
                + " broker GC pauses of 10.0 ms fell within it");
    }

    @Test
    void shouldNameTheVmOperationsThatFellWithinTheSlowestMessage() {
        long ms = MS;
        List<Outliers.VmOperation> operations = List.of(
                new Outliers.VmOperation("Deoptimize", new Outliers.Pause(100 * ms, 900 * ms)),
                new Outliers.VmOperation("ICBufferFull", new Outliers.Pause(2_000 * ms, 2_010 * ms)));

        assertThat(Outliers.vmOperationsWithin(operations, 50 * ms, 1_000 * ms))
                .isEqualTo("; VM operations within the slowest message: Deoptimize 800.0 ms");
        assertThat(Outliers.vmOperationsWithin(operations, 1_000 * ms, 1_500 * ms))
                .isEqualTo("; no other VM operation of 5 ms or more fell within the slowest message");
    }

    @Test
    void shouldSayHowLongTheBrokerTookToTakeTheSlowestSend() {
        Traffic.Sends sends = new Traffic.Sends();
        sends.record(1_000 * MS, 1_002 * MS);
        sends.record(1_500 * MS, 2_300 * MS);
        sends.record(2_400 * MS, 2_420 * MS);

        assertThat(Outliers.sendsText(sends.slowestMs(), (sends.slowestStart() - 1_000 * MS) / 1e9, sends.slow()))
                .isEqualTo("; the slowest send to the broker took 800.0 ms (at 0.50 s), 2 sends took over 10 ms");
    }

    @Test
    void shouldSayHowLongTheJitCompiledDuringThePhase() {
        assertThat(Outliers.jitText(12_638, 20.04)).isEqualTo("; the JIT compiled for 12.6 s during the phase's 20.0 s");
    }

    @Test
    void shouldCallAMachineBusyWhenOtherWorkTakesAQuarterOfItsCores() {
        List<Outliers.Slow> slowest = List.of(new Outliers.Slow(534, 12.5, 0, 0, Double.NaN));

        assertThat(Outliers.verdict(slowest, false, 1.2, 3.0, 4.0, 2, null)).isEqualTo("no GC pause of this JVM fell within the"
                + " slowest message's 534.0 ms; a busy machine: other work used 1.20 of 2 cores, load average 3.0 to 4.0");
        assertThat(Outliers.verdict(slowest, false, 0.1, 0.2, 0.3, 2, null)).contains("a quiet machine");
        // a load average above the cores from the benchmark's own threads alone is no other work
        assertThat(Outliers.verdict(slowest, false, 0.1, 5.0, 6.0, 2, null)).contains("a quiet machine");
        assertThat(Outliers.verdict(slowest, false, Double.NaN, 5.0, 6.0, 2, null)).contains("a busy machine");
        assertThat(Outliers.verdict(slowest, true, 0.1, 0.2, 0.3, 2, null)).contains("; no broker GC pause did;");
    }

    @Test
    void shouldSayHowBusyTheDisksWereWhileTheSlowestMessageWasInFlight() {
        List<Outliers.Slow> slowest = List.of(new Outliers.Slow(534, 12.5, 0, 0, 0.97));
        DiskWatch.Disk disk = new DiskWatch.Disk(0.42, 180.5, 12.25, 30.5, 64.0);

        assertThat(Outliers.verdict(slowest, false, 0.1, 0.2, 0.3, 2, disk)).endsWith("; the disks were busy 42% of the"
                + " phase (97% while the slowest message was in flight), 180.5 MB written, a write took 12.25 ms and a"
                + " flush 30.50 ms on average, 64.0 MB unwritten in the page cache at the start");
    }

    @Test
    void shouldRecordTheGcPausesOfThisJvm() {
        Outliers.GcWatch watch = new Outliers.GcWatch();
        System.gc();

        List<Outliers.Pause> pauses = watch.stop().jvm();

        assertThat(pauses).isNotEmpty();
        assertThat(pauses).allSatisfy(p -> assertThat(p.endNanos()).isGreaterThanOrEqualTo(p.startNanos()));
    }

    @Test
    void shouldReadTheBrokersPausesOfThePhaseFromItsGcLog(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path log = dir.resolve("gc.log");
        java.nio.file.Files.writeString(log, String.join("\n",
                "[2026-12-06T11:59:59.000+0000] Using G1",
                "[2026-12-06T12:00:01.000+0000] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 50M->20M(1024M) 12.500ms",
                "[2026-12-06T12:00:02.000+0000] GC(1) Concurrent Mark Cycle 45.678ms",
                "[2026-12-06T12:00:09.000+0000] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 60M->20M(1024M) 3.000ms",
                ""));
        java.time.Instant from = java.time.Instant.parse("2026-12-06T12:00:00Z");

        List<Outliers.Pause> pauses = Outliers.brokerPauses(log, from, from.plusSeconds(5), 0);

        assertThat(pauses).containsExactly(new Outliers.Pause(1_000 * MS - 12_500_000, 1_000 * MS));
        assertThat(Outliers.brokerPauses(null, from, from.plusSeconds(5), 0)).isNull();
    }

    @Test
    void shouldReadTheCpuTicksOfAProcStatLineWhoseNameHoldsParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 150 30 7 3 20 0 42 0 12345 0 0";

        assertThat(Resources.parseStatTicks(stat)).isEqualTo(150 + 30 + 7 + 3);
    }

    @Test
    void shouldReadThisProcessesOwnCpuTicks() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/self/stat")),
                "a /proc file system (Linux)");
        assertThat(Resources.procTicks(ProcessHandle.current().pid())).isGreaterThan(0);
    }
}
