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
 *
 * <p>Every second it reads how deep the hub's three queues are (intake, core, the partner's delivery queue), so the
 * report shows where the backlog waits on its way: a stage that falls behind holds the rest of it, and the drain's
 * last part is then that stage alone. What the deep drain is compared with is a shallow one in the same JVM after it:
 * a tenth of the backlog queued and drained the same way, with the heap, the database and the compiled code as the
 * deep drain left them.
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
        BenchHub.Keys keys;
        long sendStart;
        long sendEnd;
        long fillStart = System.nanoTime();
        try (BenchHub hub = BenchHub.start(data, out.resolve("hub-backlog-fill.log"))) {
            keys = hub.registerPartners();
            hub.camel().getRouteController().stopRoute("jms-intake");
            Flow flow = statuses(keys, new StudentPool(0, messages));
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
            try (Replies replies = new Replies(factory)) {
                Drain deep = drain(hub, factory, replies, tag, sent, ready, afterGc);
                Resources.Usage usage = drainResources.stop();
                sampler.shutdownNow();

                // 3. The same number of stages, the same JVM, heap and database, but a shallow queue: a tenth of the
                // backlog queued the same way with the intake stopped, then drained. What the deep drain is measured
                // against: the hub's drain rate when depth itself costs nothing.
                int shallowCount = Math.max(1, sent / 10);
                String shallowTag = "b" + run + ".shallow";
                hub.camel().getRouteController().stopRoute("jms-intake");
                int shallowSent = new Traffic(factory, null, settings.producers())
                        .fill(statuses(keys, new StudentPool(messages, shallowCount)), shallowTag, shallowCount);
                HubBenchmark.log("shallow reference: queued " + shallowSent + " messages; draining");
                long shallowStart = System.nanoTime();
                hub.camel().getRouteController().startRoute("jms-intake");
                Drain shallow = drain(hub, factory, replies, shallowTag, shallowSent, shallowStart, afterGc);

                double restartSeconds = (ready - restart) / 1e9;
                double drainSeconds = (deep.end() - ready) / 1e9;
                result.put("messages", sent);
                result.put("payloadBytes", small(settings).get(0).typicalBytes());
                result.put("maxHeapMb", machine.maxHeapMb());
                result.put("fillSeconds", Stats.round(sendSeconds));
                result.put("fillPerSecond", Stats.round(sent / sendSeconds));
                result.put("restartSeconds", Stats.round(restartSeconds));
                result.put("drainSeconds", Stats.round(drainSeconds));
                result.put("drainPerSecond", Stats.round(sent / drainSeconds));
                result.put("drainPerSecondIncludingRestart", Stats.round(sent / ((deep.end() - restart) / 1e9)));
                // The first tenth runs while the restarted hub's code is still being compiled: left out here.
                double deepRate = deep.rateAfter(sent / 10);
                result.put("drainPerSecondAfterFirstTenth", Stats.round(deepRate));
                Sample stagesEmpty = deep.stagesEmpty();
                result.put("intakeEmptyAfterSeconds", stagesEmpty.seconds());
                result.put("deliveredWhenIntakeEmpty", stagesEmpty.delivered());
                result.put("shallowMessages", shallowSent);
                result.put("shallowDrainPerSecond", Stats.round(shallow.rateAfter(0)));
                result.put("deepToShallow", Stats.round(deepRate / shallow.rateAfter(0)));
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
                result.put("latencyFromQueueing", deep.latency());
                result.put("stages", hub.stageQueues(BenchHub.VO_OIN));
                result.put("progress", deep.every(10));
                result.put("shallowProgress", shallow.every(10));
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

    /**
     * One second of a drain: seconds since it started, messages the partner has received, and the depth of the intake,
     * core and delivery queues.
     */
    record Sample(double seconds, int delivered, long intake, long core, long delivery) {}

    /**
     * A drain as sampled: its start, the last arrival, a sample a second, and the arrivals' latency.
     */
    record Drain(long start, long end, List<Sample> samples, Stats.Latency latency) {

        /** Messages delivered per second from the moment {@code after} had arrived to the last arrival. */
        double rateAfter(int after) {
            Sample from = after <= 0 ? new Sample(0, 0, 0, 0, 0)
                    : samples.stream().filter(s -> s.delivered() >= after).findFirst().orElseThrow();
            return (last().delivered() - from.delivered()) / ((end - start) / 1e9 - from.seconds());
        }

        /**
         * The first sample with the intake and core queues both empty (every message taken in and routed): when that
         * was and how many the partner had received then.
         */
        Sample stagesEmpty() {
            return samples.stream().filter(s -> s.intake() == 0 && s.core() == 0).findFirst().orElse(last());
        }

        private Sample last() {
            return samples.get(samples.size() - 1);
        }

        /** Every {@code n}th sample and the last, for the report. */
        List<Sample> every(int n) {
            List<Sample> out = new java.util.ArrayList<>();
            for (int i = 0; i < samples.size(); i += n) {
                out.add(samples.get(i));
            }
            if ((samples.size() - 1) % n != 0) {
                out.add(last());
            }
            return out;
        }
    }

    /**
     * Waits until the partner has received {@code expected} messages of {@code tag}, sampling every second how many
     * have arrived and how deep each of the hub's three queues is, and logging that every ten seconds: which stage a
     * backlog is waiting in shows on the way, not only in the total.
     */
    private static Drain drain(BenchHub hub, ConnectionFactory factory, Replies replies, String tag, int expected,
            long start, Resources.AfterGc afterGc) throws Exception {
        List<String> stages = hub.stageQueues(BenchHub.VO_OIN);
        List<Sample> samples = new java.util.ArrayList<>();
        Flow flow = new Flow("hub", "small", stages.get(0), BenchHub.VO_QUEUE, null, true, List.of(),
                new StudentPool(0, 1));
        try (Traffic.Receiver receiver = new Traffic.Receiver(factory, BenchHub.VO_QUEUE, tag, null)) {
            java.util.function.LongFunction<Sample> sample = at -> new Sample(Stats.round((at - start) / 1e9),
                    receiver.received(), hub.depth(stages.get(0)), hub.depth(stages.get(1)), hub.depth(stages.get(2)));
            await().forever().pollInterval(Duration.ofSeconds(1)).until(() -> {
                replies.check();
                Sample s = sample.apply(System.nanoTime());
                samples.add(s);
                if (samples.size() % 10 == 0) {
                    Sample earlier = samples.get(samples.size() - 10);
                    HubBenchmark.log("  drained " + s.delivered() + " of " + expected + " ("
                            + Stats.round((s.delivered() - earlier.delivered()) / (s.seconds() - earlier.seconds()))
                            + " msg/s lately; waiting: intake " + s.intake() + ", core " + s.core() + ", delivery "
                            + s.delivery() + "; heap " + Resources.heapUsed() / 1048576 + " MiB, after last GC "
                            + afterGc.lastMb() + " MiB)");
                }
                return s.delivered() >= expected;
            });
            long end = receiver.awaitAll(expected, replies, flow);
            samples.add(sample.apply(end));
            return new Drain(start, end, List.copyOf(samples), receiver.latency());
        }
    }

    /** The backlog's small messages: status reports of the MBO to the VO school about the students of {@code pool}. */
    private Flow statuses(BenchHub.Keys keys, StudentPool pool) {
        return new Flow("hub", "small", "ketenhub.intake.jms", BenchHub.VO_QUEUE, keys.mbo(), true,
                SyntheticMessages.statuses(BenchHub.MBO_OIN, BenchHub.VO_OIN, 16, LocalDate.now(ZoneOffset.UTC),
                        Instant.now().minusSeconds(60), settings.smallBytes()), pool);
    }

    private static List<SyntheticMessages.Template> small(BenchSettings settings) {
        return List.of(SyntheticMessages.status(BenchHub.MBO_OIN, BenchHub.VO_OIN, 0, LocalDate.now(ZoneOffset.UTC),
                Instant.now(), settings.smallBytes()));
    }
}
