package nl.ketenhub.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.jms.ConnectionFactory;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backlog run, in a JVM of its own with a small heap ({@code -Xmx512m}): bus partners queue many small messages
 * while the hub does not consume them (its JMS intake route stopped); the hub is shut down, started again on the same
 * data directory, and drains the backlog to the receiving partner. Passes when everything arrives without running out
 * of memory (the JVM runs with {@code -XX:+ExitOnOutOfMemoryError}, so an OOM fails the Maven build); reports the drain
 * rate, restart time and heap peak. Adds its section to {@code report.json}.
 */
public final class BacklogBenchmark {

    private final BenchSettings settings;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    BacklogBenchmark(BenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        HubBenchmark.runAndExit("BACKLOG BENCHMARK", () -> new BacklogBenchmark(BenchSettings.fromSystemProperties()).run());
    }

    void run() throws Exception {
        if (!Topology.EMBEDDED.equals(settings.topology())) {
            HubBenchmark.log("backlog: measured on the embedded defaults only; skipped on the " + settings.topology()
                    + " topology");
            return;
        }
        Path out = settings.out();
        Files.createDirectories(out);
        Machine machine = Machine.describe();
        int messages = settings.backlogMessages();
        String run = UUID.randomUUID().toString().substring(0, 4);
        String tag = "b" + run + ".backlog";
        Path data = out.resolve("data").resolve("backlog-" + run);
        HubBenchmark.log("backlog: " + messages + " small messages, max heap " + machine.maxHeapMb() + " MiB");

        // 1. The hub is up but does not take messages in: partners queue on the intake queue.
        Resources fillResources = Resources.start();
        int sent;
        long sendStart;
        long sendEnd;
        long fillStart = System.nanoTime();
        try (BenchHub hub = BenchHub.start(data, out.resolve("hub-backlog-fill.log"))) {
            BenchHub.Keys keys = hub.registerPartners();
            hub.camel().getRouteController().stopRoute("jms-intake");
            List<SyntheticMessages.Template> small = SyntheticMessages.statuses(BenchHub.MBO_OIN, BenchHub.VO_OIN, 16,
                    LocalDate.now(ZoneOffset.UTC), Instant.now().minusSeconds(60), settings.smallBytes());
            Flow flow = new Flow("hub", "small", "ketenhub.intake.jms", BenchHub.VO_QUEUE, keys.mbo(), true, small,
                    new StudentPool(0, messages));
            sendStart = System.nanoTime();
            sent = new Traffic(hub.clientConnectionFactory(), null, settings.producers()).fill(flow, tag, messages);
            sendEnd = System.nanoTime();
        }
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        Resources.Usage fillUsage = fillResources.stop();
        double sendSeconds = (sendEnd - sendStart) / 1e9;
        HubBenchmark.log("queued " + sent + " messages in " + Stats.round(sendSeconds) + " s ("
                + Stats.round(fillSeconds) + " s with the hub's start and stop)");

        // 2. The hub starts again on the same data and drains the backlog to the receiving partner.
        System.gc();
        Resources drainResources = Resources.start();
        AtomicLong heapPeak = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(Traffic.named("bench-heap"));
        sampler.scheduleAtFixedRate(() -> heapPeak.accumulateAndGet(Resources.heapUsed(), Math::max), 0, 100,
                TimeUnit.MILLISECONDS);
        long restart = System.nanoTime();
        Map<String, Object> result = new LinkedHashMap<>();
        try (Resources.AfterGc afterGc = new Resources.AfterGc();
                BenchHub hub = BenchHub.start(data, out.resolve("hub-backlog-drain.log"))) {
            long ready = System.nanoTime();
            ConnectionFactory factory = hub.clientConnectionFactory();
            Flow flow = new Flow("hub", "small", "ketenhub.intake.jms", BenchHub.VO_QUEUE, null, true, List.of(),
                    new StudentPool(0, 1));
            try (Replies replies = new Replies(factory);
                    Traffic.Receiver receiver = new Traffic.Receiver(factory, BenchHub.VO_QUEUE, tag, null)) {
                long[] progress = {System.nanoTime()};
                int[] last = {0};
                await().forever().pollInterval(Duration.ofSeconds(1)).until(() -> {
                    replies.check();
                    if (System.nanoTime() - progress[0] > 10_000_000_000L) {
                        progress[0] = System.nanoTime();
                        HubBenchmark.log("  drained " + receiver.received() + " of " + sent + " ("
                                + Stats.round((receiver.received() - last[0]) / 10.0) + " msg/s lately, heap "
                                + Resources.heapUsed() / 1048576 + " MiB, after last GC " + afterGc.lastMb() + " MiB)");
                        last[0] = receiver.received();
                    }
                    return receiver.received() >= sent;
                });
                long end = receiver.awaitAll(sent, replies, flow);
                sampler.shutdownNow();
                Resources.Usage usage = drainResources.stop();
                double restartSeconds = (ready - restart) / 1e9;
                double drainSeconds = (end - ready) / 1e9;
                result.put("messages", sent);
                result.put("payloadBytes", small(settings).get(0).typicalBytes());
                result.put("maxHeapMb", machine.maxHeapMb());
                result.put("fillSeconds", Stats.round(sendSeconds));
                result.put("fillPerSecond", Stats.round(sent / sendSeconds));
                result.put("restartSeconds", Stats.round(restartSeconds));
                result.put("drainSeconds", Stats.round(drainSeconds));
                result.put("drainPerSecond", Stats.round(sent / drainSeconds));
                result.put("drainPerSecondIncludingRestart", Stats.round(sent / ((end - restart) / 1e9)));
                // sampled every 100 ms; the sum of the pools' own peaks is an upper bound that can exceed the maximum
                result.put("heapPeakMb", Stats.round(heapPeak.get() / 1048576.0));
                result.put("heapPoolPeaksSumMb", usage.heapPeakMb());
                result.put("heapAfterGcMaxMb", afterGc.maxMb());
                result.put("heapAfterGcLastMb", afterGc.lastMb());
                result.put("gcCount", usage.gcCount());
                result.put("gcMillis", usage.gcMillis());
                result.put("cpuMicrosPerMessage", Stats.round(usage.cpuSeconds() * 1e6 / sent));
                result.put("receiptsAccepted", replies.accepted());
                result.put("outOfMemory", false);
                result.put("latencyFromQueueing", receiver.latency());
                result.put("fillUsage", fillUsage);
                result.put("drainUsage", usage);
                result.put("machine", machine);
                result.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
            }
        } finally {
            sampler.shutdownNow();
        }
        BenchHub.deleteData(data);
        Path reportFile = out.resolve("report.json");
        Map<String, Object> report = Files.exists(reportFile) ? Report.read(json, reportFile) : new LinkedHashMap<>();
        report.put("backlog", result);
        Report.write(json, reportFile, report);
        Map<String, Object> only = new LinkedHashMap<>();
        only.put("backlog", result);
        String table = Report.table(only);
        Files.writeString(out.resolve("table.txt"), table, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        System.out.println(table);
    }

    private static List<SyntheticMessages.Template> small(BenchSettings settings) {
        return List.of(SyntheticMessages.status(BenchHub.MBO_OIN, BenchHub.VO_OIN, 0, LocalDate.now(ZoneOffset.UTC),
                Instant.now(), settings.smallBytes()));
    }
}
