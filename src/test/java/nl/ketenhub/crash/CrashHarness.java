package nl.ketenhub.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import nl.ketenhub.routing.PlannedDelivery;
import nl.ketenhub.support.DiskPostgres;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.Ports;
import nl.ketenhub.support.StandaloneBroker;

/**
 * The crash harness: the hub in a JVM of its own on a data directory of its own, a retrying load over REST (every
 * sender resends the same messageId on any error until it gets 202 or 200), the hub killed with SIGKILL at random
 * moments and started again on the same data, and two partners on localhost that count what they receive by
 * {@code KetenhubIdempotencyKey}. At the end it reports accepted, delivered, lost, duplicated and parked messages,
 * every loss with its tracking id and what the ledger says of it, the answers the senders got, and how long each
 * restart took. Localhost only; bounded by the number of kills and the settle time-out.
 *
 * <p>The production topology ({@code crash.topology=production}): the hub on its {@code postgres} profile, on an
 * embedded PostgreSQL ({@link DiskPostgres}: data on disk, fsync and synchronous commit on) and a standalone Artemis
 * broker ({@link StandaloneBroker}) over TCP; there the broker too is killed with SIGKILL under load
 * ({@code crash.broker-kills} times, in random order with the hub's kills) and started again on its journal after 1-4 s.
 *
 * <p>High availability ({@code crash.topology=ha}): the production topology with two hub instances on the one
 * database and an Artemis primary/backup pair that replicates the journal ({@link StandaloneBroker#replicatedPair});
 * senders spread their attempts over both hubs, the hubs' kills hit one of them at random, and once, at a random
 * moment, the primary broker is killed with SIGKILL and not started again: the backup must take over. The report
 * says how long until the backup was active, until a message accepted after the kill reached its partner, and what
 * the senders were answered meanwhile.
 *
 * <p>Settings (system properties): {@code crash.kills} (default 3), {@code crash.senders} (3), {@code crash.min-up}
 * and {@code crash.max-up} (seconds of load between a healthy hub and the next kill: 4 and 12), {@code crash.seed},
 * {@code crash.settle-seconds} (180: at the end, how long no accepted message may arrive before the ones still missing
 * are called lost), {@code crash.heap} (512m), {@code crash.dir} (target/crash),
 * {@code crash.topology} ({@code embedded}, {@code production} or {@code ha}), {@code crash.broker-kills} (0; in the
 * {@code ha} topology the one failover takes their place), {@code crash.database-outage-seconds} (0: PostgreSQL
 * stopped that long, once, at a random point among the kills; not in the {@code embedded} topology) and
 * {@code crash.partner-outage-seconds} (0: the MBO's system answers every delivery 503 that long, from a random point
 * among the kills, while the kills go on), {@code crash.disk-full-seconds} (0: the hub's data directory is a tmpfs of
 * {@code crash.disk-mb} megabytes, 512, mounted by the harness, which needs root for it; once, at a random point
 * among the kills, a file fills it to the last byte for that long and is then removed; one hub instance only),
 * {@code crash.fast-start} (true: the hub runs as the README's start-up section advises, extracted with a class data
 * sharing archive made by {@code scripts/fast-start} once per run; false: {@code java -jar} on the executable jar).
 */
public final class CrashHarness {

    static final String ADMIN_PASSWORD = "crash-harness-admin-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Settings(int kills, int senders, int minUpSeconds, int maxUpSeconds, long seed, int settleSeconds,
            String heap, Path dir, boolean production, int brokerKills, boolean ha, int databaseOutageSeconds,
            int partnerOutageSeconds, int soapSenders, int jmsSenders, int diskFullSeconds, int diskMegabytes,
            boolean fastStart) {

        public static Settings fromSystemProperties() {
            return fromSystemProperties(3, 4, 12, 180);
        }

        /** The settings the system properties give, with the defaults named here for the rest. */
        public static Settings fromSystemProperties(int kills, int minUp, int maxUp, int settle) {
            return new Settings(Integer.getInteger("crash.kills", kills), Integer.getInteger("crash.senders", 3),
                    Integer.getInteger("crash.min-up", minUp), Integer.getInteger("crash.max-up", maxUp),
                    Long.getLong("crash.seed", System.nanoTime()), Integer.getInteger("crash.settle-seconds", settle),
                    System.getProperty("crash.heap", "512m"), Path.of(System.getProperty("crash.dir", "target/crash")),
                    !"embedded".equals(System.getProperty("crash.topology", "embedded")),
                    Integer.getInteger("crash.broker-kills", 0), "ha".equals(System.getProperty("crash.topology")),
                    Integer.getInteger("crash.database-outage-seconds", 0),
                    Integer.getInteger("crash.partner-outage-seconds", 0), Integer.getInteger("crash.soap-senders", 1),
                    Integer.getInteger("crash.jms-senders", 1), Integer.getInteger("crash.disk-full-seconds", 0),
                    Integer.getInteger("crash.disk-mb", 512),
                    !"false".equals(System.getProperty("crash.fast-start", "true")));
        }
    }

    /** One message the load sent, and (once accepted) its tracking id. */
    record Sent(String messageId, String type, String sender, String recipient, String key, String json,
            AtomicInteger attempts, String[] trackingId, long[] acceptedAt) {}

    /** One hub instance: its own port, data directory and log; its process while it runs. */
    private static final class Hub {
        final int number;
        final int port;
        final Path data;
        final Path log;
        Process process;

        Hub(int number, int port, Path data, Path log) {
            this.number = number;
            this.port = port;
            this.data = data;
            this.log = log;
        }

        String base() {
            return "http://127.0.0.1:" + port;
        }
    }

    /** What a round found. */
    public record Report(int kills, int brokerKills, int accepted, int delivered, int duplicated, int parked,
            List<String> lost, Map<String, Integer> answers, List<Double> restartSeconds, double seconds,
            Failover failover) {

        public String summary() {
            return String.format("kills %d (broker %d), accepted %d, delivered %d, lost %d, duplicated %d, parked %d; "
                            + "answers %s; restarts (s, to healthy) %s; %.0f s in all%s%s", kills, brokerKills, accepted,
                    delivered, lost.size(), duplicated, parked, answers, restartSeconds, seconds,
                    failover == null ? "" : "\n" + failover.summary(),
                    lost.isEmpty() ? "" : "\nlost:\n  " + String.join("\n  ", lost));
        }
    }

    /**
     * The primary broker's failover: seconds from its kill until the backup said it was active, and until the first
     * message accepted after the kill reached its partner (null when none did); how long the messages accepted in the
     * 60 s after the kill took to reach their partner (median and the slowest), which includes the queue they found;
     * the answers senders got in those 60 s.
     */
    public record Failover(double activeSeconds, Double deliveringSeconds,
            Double medianLatencySeconds, Double maxLatencySeconds, Map<String, Integer> answersAfter) {

        public String summary() {
            return String.format("failover: backup active after %.1f s, a message accepted after the kill delivered %s s "
                    + "after it; messages accepted in the 60 s after the kill reached their partner in %s s (median), "
                    + "%s s (slowest); answers in those 60 s %s", activeSeconds, seconds(deliveringSeconds),
                    seconds(medianLatencySeconds), seconds(maxLatencySeconds), answersAfter);
        }

        private static String seconds(Double value) {
            return value == null ? "never" : String.format("%.1f", value);
        }
    }

    /** An answer a sender got, and when. */
    private record Answer(long at, String outcome) {}

    private final Settings settings;
    private final Random random;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Queue<Answer> answerTimes = new ConcurrentLinkedQueue<>();
    private final List<Double> restarts = new ArrayList<>();
    private final List<Hub> hubs = new ArrayList<>();
    private StandaloneBroker broker;
    private StandaloneBroker backup;
    private String brokerUrl;
    private volatile long failoverAt;
    private double activeSeconds;
    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
    /** How the JVM runs the hub: the jar, or the extracted one with its class data sharing archive. */
    private List<String> application;

    public CrashHarness(Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
    }

    public static void main(String[] args) throws Exception {
        Report report = new CrashHarness(Settings.fromSystemProperties()).run();
        System.out.println(report.summary());
        System.exit(report.lost().isEmpty() ? 0 : 1);
    }

    public Report run() throws Exception {
        long begin = System.nanoTime();
        Path round = settings.dir().toAbsolutePath().resolve("round-" + Instant.now().toEpochMilli());
        int instances = settings.ha() ? 2 : 1;
        for (int i = 1; i <= instances; i++) {
            String suffix = instances == 1 ? "" : "-" + i;
            Hub hub = new Hub(i, Ports.free(), round.resolve("data" + suffix), round.resolve("hub" + suffix + ".log"));
            Files.createDirectories(hub.data);
            hubs.add(hub);
        }
        if (settings.diskFullSeconds() > 0) {
            if (settings.ha()) {
                throw new IllegalStateException("crash.disk-full-seconds needs one hub instance (not the ha topology)");
            }
            mountSmallDisk(hubs.get(0).data, settings.diskMegabytes());
        }
        System.out.println("crash harness: seed " + settings.seed() + ", round " + round + ", hub started "
                + (settings.fastStart() ? "extracted with a class data sharing archive" : "with java -jar"));
        application = settings.fastStart() ? prepareFastStart(round.resolve("hub-application")) : List.of("-jar", jar().toString());
        try (CountingPartner voSystem = new CountingPartner(); CountingPartner mboSystem = new CountingPartner()) {
            if (settings.production()) {
                postgres = DiskPostgres.start(round.resolve("postgres"));
            }
            Path distribution = settings.production() ? StandaloneBroker.distribution(
                    System.getProperty("crash.artemis-version", StandaloneBroker.DEFAULT_VERSION),
                    System.getProperty("crash.artemis-zip")) : null;
            if (settings.ha()) {
                StandaloneBroker[] pair = StandaloneBroker.replicatedPair(round, Ports.free(), Ports.free(), distribution);
                broker = pair[0];
                backup = pair[1];
                broker.start();
                backup.launch();
                backup.awaitReplicaInSync(Duration.ofSeconds(180));
                brokerUrl = StandaloneBroker.pairUrl(broker, backup);
            } else if (settings.production()) {
                broker = new StandaloneBroker(round, Ports.free(), distribution);
                broker.start();
                brokerUrl = broker.url();
            }
            for (Hub hub : hubs) {
                start(hub);
            }
            String voOin = "00000099880000000001";
            String mboOin = "00000099880000000002";
            String voKey = register(voOin, "VO", "01AA", voSystem.url());
            String mboKey = register(mboOin, "MBO", "25XA", mboSystem.url());
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < settings.senders(); i++) {
                int n = i;
                Thread t = new Thread(() -> load(n, voOin, voKey, mboOin, mboKey), "crash-sender-" + i);
                t.start();
                senders.add(t);
            }
            // JMS senders need a broker they can reach: the embedded one is in-VM only
            JmsSender jms = brokerUrl == null || settings.jmsSenders() == 0 ? null : new JmsSender(brokerUrl);
            for (int i = 0; jms != null && i < settings.jmsSenders(); i++) {
                Thread t = new Thread(() -> loadJms(jms, mboOin, mboKey, voOin), "crash-jms-sender-" + i);
                t.start();
                senders.add(t);
            }
            for (int i = 0; i < settings.soapSenders(); i++) {
                Thread t = new Thread(() -> loadSoap(mboOin, mboKey, voOin), "crash-soap-sender-" + i);
                t.start();
                senders.add(t);
            }
            List<String> kills = new ArrayList<>();
            for (int k = 0; k < settings.kills(); k++) {
                kills.add("hub");
            }
            for (int k = 0; k < (broker == null || settings.ha() ? 0 : settings.brokerKills()); k++) {
                kills.add("broker");
            }
            if (settings.ha()) {
                kills.add("failover");
            }
            if (settings.production() && settings.databaseOutageSeconds() > 0) {
                kills.add("database");
            }
            if (settings.partnerOutageSeconds() > 0) {
                kills.add("partner");
            }
            if (settings.diskFullSeconds() > 0) {
                kills.add("disk");
            }
            java.util.Collections.shuffle(kills, random);
            for (int k = 0; k < kills.size(); k++) {
                Thread.sleep(1000L * (settings.minUpSeconds()
                        + random.nextInt(Math.max(1, settings.maxUpSeconds() - settings.minUpSeconds() + 1))));
                if (kills.get(k).equals("partner")) {
                    mboSystem.downFor(Duration.ofSeconds(settings.partnerOutageSeconds()));
                    System.out.printf("crash harness: event %d of %d: the MBO's system down for %d s, after %d accepted%n",
                            k + 1, kills.size(), settings.partnerOutageSeconds(), accepted());
                    continue;
                }
                if (kills.get(k).equals("disk")) {
                    Path filler = hubs.get(0).data.resolve("disk-filler");
                    long filled = fill(filler);
                    System.out.printf("crash harness: event %d of %d: the data disk full (%d MB written) for %d s, after"
                            + " %d accepted%n", k + 1, kills.size(), filled >> 20, settings.diskFullSeconds(), accepted());
                    Thread.sleep(1000L * settings.diskFullSeconds());
                    Files.delete(filler);
                    continue;
                }
                if (kills.get(k).equals("database")) {
                    int dbPort = postgres.getPort();
                    postgres.close(); // a fast shutdown: connections cut, the data stays
                    System.out.printf("crash harness: event %d of %d: PostgreSQL stopped for %d s, after %d accepted%n",
                            k + 1, kills.size(), settings.databaseOutageSeconds(), accepted());
                    Thread.sleep(1000L * settings.databaseOutageSeconds());
                    postgres = DiskPostgres.start(round.resolve("postgres"), dbPort);
                    continue;
                }
                if (kills.get(k).equals("failover")) {
                    failoverAt = System.nanoTime();
                    broker.kill(); // SIGKILL to the primary; the backup must take over, the primary stays down
                    System.out.printf("crash harness: kill %d of %d (the primary broker) after %d accepted%n", k + 1,
                            kills.size(), accepted());
                    backup.awaitActive(Duration.ofSeconds(120));
                    activeSeconds = (System.nanoTime() - failoverAt) / 1e9;
                    continue;
                }
                if (kills.get(k).equals("broker")) {
                    broker.kill(); // SIGKILL
                    System.out.printf("crash harness: kill %d of %d (the broker) after %d accepted%n", k + 1, kills.size(),
                            accepted());
                    Thread.sleep(1000L + random.nextInt(3000));
                    broker.start();
                    continue;
                }
                Hub hub = hubs.get(random.nextInt(hubs.size()));
                hub.process.destroyForcibly(); // SIGKILL
                hub.process.waitFor(30, TimeUnit.SECONDS);
                System.out.printf("crash harness: kill %d of %d (hub %d) after %d accepted%n", k + 1, kills.size(),
                        hub.number, accepted());
                start(hub);
            }
            Thread.sleep(1000L * settings.minUpSeconds());
            stop.set(true);
            for (Thread t : senders) {
                t.join(Duration.ofMinutes(3).toMillis());
            }
            List<Sent> accepted = sent.stream().filter(s -> s.acceptedAt()[0] != 0).toList();
            // wait until every accepted message reached its partner or is parked, for as long as messages keep arriving:
            // a round that left a deep queue (a hub down while the other drains it) is slow, not lossy. What has not
            // arrived once settle-seconds pass without any progress is reported lost.
            long[] unsettled = {Long.MAX_VALUE, System.nanoTime()}; // how many are missing, since when that many
            long stalled = TimeUnit.SECONDS.toNanos(settings.settleSeconds());
            org.awaitility.Awaitility.await("accepted messages settled, or no progress for settle-seconds")
                    .forever().pollInterval(Duration.ofSeconds(1)).until(() -> {
                        long missing = accepted.stream()
                                .filter(s -> partner(s, voSystem, mboSystem).received(s.key()) == 0 && !parked(s)).count();
                        if (missing < unsettled[0]) {
                            unsettled[0] = missing;
                            unsettled[1] = System.nanoTime();
                        }
                        return missing == 0 || System.nanoTime() - unsettled[1] > stalled;
                    });
            int delivered = 0;
            int duplicated = 0;
            int parked = 0;
            List<String> lost = new ArrayList<>();
            for (Sent s : accepted) {
                int n = partner(s, voSystem, mboSystem).received(s.key());
                if (n > 0) {
                    delivered++;
                    duplicated += n - 1;
                } else if (parked(s)) {
                    parked++;
                } else {
                    lost.add(s.type() + " " + s.messageId() + " tracking id " + s.trackingId()[0] + ": " + ledger(s));
                }
            }
            for (Hub hub : hubs) {
                stopHub(hub);
            }
            return new Report(settings.kills(), (int) kills.stream().filter(e -> e.equals("broker") || e.equals("failover")).count(), accepted.size(), delivered, duplicated,
                    parked, lost, new TreeMap<>(answers), restarts, (System.nanoTime() - begin) / 1e9,
                    settings.ha() ? failover(accepted, voSystem, mboSystem) : null);
        } finally {
            stop.set(true);
            for (Hub hub : hubs) {
                if (hub.process != null && hub.process.isAlive()) {
                    hub.process.destroyForcibly();
                }
            }
            if (broker != null) {
                broker.close();
            }
            if (backup != null) {
                backup.close();
            }
            if (settings.diskFullSeconds() > 0) {
                run(List.of("umount", hubs.get(0).data.toString()));
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private Failover failover(List<Sent> accepted, CountingPartner vo, CountingPartner mbo) {
        long window = TimeUnit.SECONDS.toNanos(60);
        Map<String, Integer> after = new TreeMap<>();
        for (Answer a : answerTimes) {
            if (a.at() >= failoverAt && a.at() - failoverAt <= window) {
                after.merge(a.outcome(), 1, Integer::sum);
            }
        }
        Long firstDelivered = null;
        List<Long> latencies = new ArrayList<>();
        for (Sent s : accepted) {
            Long arrival = partner(s, vo, mbo).firstArrival(s.key());
            if (arrival == null) {
                continue;
            }
            if (s.acceptedAt()[0] > failoverAt) {
                if (firstDelivered == null || arrival < firstDelivered) {
                    firstDelivered = arrival;
                }
                if (s.acceptedAt()[0] - failoverAt <= window) {
                    latencies.add(arrival - s.acceptedAt()[0]);
                }
            }
        }
        latencies.sort(null);
        return new Failover(Math.round(activeSeconds * 10) / 10.0, sinceKill(firstDelivered),
                latencies.isEmpty() ? null : tenths(latencies.get(latencies.size() / 2)),
                latencies.isEmpty() ? null : tenths(latencies.get(latencies.size() - 1)), after);
    }

    private Double sinceKill(Long at) {
        return at == null ? null : tenths(at - failoverAt);
    }

    private static double tenths(long nanos) {
        return Math.round(nanos / 1e8) / 10.0;
    }

    /** A tmpfs of the given size on the directory, so that filling it fills a disk and nothing else. */
    private static void mountSmallDisk(Path dir, int megabytes) throws IOException, InterruptedException {
        String failure = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString()));
        if (failure != null) {
            throw new IllegalStateException("crash.disk-full-seconds mounts a tmpfs on the hub's data directory, which "
                    + "needs root: " + failure);
        }
    }

    /** Runs a command; null when it succeeded, else what it said. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? null : command + ": " + output.trim();
    }

    /** Writes the file until the disk has no byte left; returns how much it wrote. */
    private static long fill(Path file) throws IOException {
        byte[] block = new byte[1 << 20];
        long written = 0;
        try (var out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            if (full.getMessage() == null || !full.getMessage().contains("No space left")) {
                throw full;
            }
        }
        // the last partial block: byte by byte would take long; 4 KiB steps leave less than a page
        byte[] page = new byte[4096];
        try (var out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(page);
                out.flush();
                written += page.length;
            }
        } catch (IOException full) {
            return written;
        }
    }

    private static CountingPartner partner(Sent s, CountingPartner vo, CountingPartner mbo) {
        return s.recipient().equals("00000099880000000001") ? vo : mbo;
    }

    private long accepted() {
        return sent.stream().filter(s -> s.acceptedAt()[0] != 0).count();
    }

    /** One sender: a dossier from the VO school, then two statuses from the MBO, and so on, each until accepted. */
    private void load(int sender, String voOin, String voKey, String mboOin, String mboKey) {
        int i = 0;
        while (!stop.get()) {
            ObjectNode m;
            String apiKey;
            if (i % 3 == 0) {
                m = Fixtures.dossier(voOin, mboOin, Fixtures.BSNS[(sender * 7 + i) % Fixtures.BSNS.length]);
                apiKey = voKey;
            } else {
                m = Fixtures.message("application-status", mboOin, voOin);
                apiKey = mboKey;
            }
            i++;
            String messageId = m.path("messageId").asText();
            String senderOin = m.path("sender").asText();
            String recipient = m.path("recipient").asText();
            Sent s = new Sent(messageId, m.path("type").asText(), senderOin, recipient,
                    PlannedDelivery.key(senderOin, messageId, recipient), Fixtures.json(m), new AtomicInteger(),
                    new String[1], new long[1]);
            sent.add(s);
            send(s, apiKey);
        }
    }

    /** One JMS sender: application statuses from the MBO on the hub's JMS intake queue, each until committed. */
    private void loadJms(JmsSender jms, String mboOin, String mboKey, String voOin) {
        while (!stop.get()) {
            ObjectNode m = Fixtures.message("application-status", mboOin, voOin);
            String messageId = m.path("messageId").asText();
            Sent s = new Sent(messageId, "application-status (JMS)", mboOin, voOin,
                    PlannedDelivery.key(mboOin, messageId, voOin), Fixtures.json(m), new AtomicInteger(), new String[1],
                    new long[1]);
            sent.add(s);
            // an envelope not committed when the round stops was never accepted
            while (!stop.get()) {
                s.attempts().incrementAndGet();
                String outcome = jms.send(s, mboKey);
                answered(outcome);
                if (outcome.equals(JmsSender.COMMITTED)) {
                    s.acceptedAt()[0] = System.nanoTime();
                    jms.awaitReply(s, Duration.ofSeconds(30)); // a closed loop, like the other senders
                    break;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        jms.close();
    }

    /**
     * A partner's JMS client: sends each envelope in a transaction of its own (durable on the broker once committed:
     * what the hub promises a JMS sender), resending the same messageId when the send or the commit fails, and reads
     * the hub's replies for the tracking ids (a reply other than 202 or 200 is counted as an answer of its own, which
     * fails the round).
     */
    private final class JmsSender {
        static final String COMMITTED = "JMS committed";
        private static final String REPLIES = "crash.jms.replies";
        private final org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory factory;
        private final Map<String, Sent> byMessageId = new ConcurrentHashMap<>();
        private final Map<String, java.util.concurrent.CountDownLatch> replied = new ConcurrentHashMap<>();
        private jakarta.jms.Connection connection;
        private jakarta.jms.Session session;
        private jakarta.jms.MessageProducer producer;

        JmsSender(String url) {
            factory = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(url, StandaloneBroker.USER,
                    StandaloneBroker.PASSWORD);
        }

        String send(Sent s, String apiKey) {
            byMessageId.put(s.messageId(), s);
            replied.computeIfAbsent(s.messageId(), k -> new java.util.concurrent.CountDownLatch(1));
            try {
                if (session == null) {
                    open();
                }
                jakarta.jms.TextMessage m = session.createTextMessage(s.json());
                m.setStringProperty("KetenhubApiKey", apiKey);
                m.setJMSCorrelationID(s.messageId());
                m.setJMSReplyTo(session.createQueue(REPLIES));
                producer.send(m);
                session.commit();
                return COMMITTED;
            } catch (jakarta.jms.JMSException | RuntimeException e) {
                close();
                return "JMS send failed";
            }
        }

        private void open() throws jakarta.jms.JMSException {
            connection = factory.createConnection();
            session = connection.createSession(true, jakarta.jms.Session.SESSION_TRANSACTED);
            producer = session.createProducer(session.createQueue("ketenhub.intake.jms"));
            producer.setDeliveryMode(jakarta.jms.DeliveryMode.PERSISTENT);
            jakarta.jms.Session replies = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            replies.createConsumer(replies.createQueue(REPLIES)).setMessageListener(this::reply);
            connection.start();
        }

        private void reply(jakarta.jms.Message message) {
            try {
                JsonNode body = JSON.readTree(((jakarta.jms.TextMessage) message).getText());
                int status = body.path("status").asInt();
                answered("JMS reply " + (status == 202 || status == 200 ? status : status + " " + body));
                Sent s = byMessageId.get(message.getJMSCorrelationID());
                if (s != null && body.hasNonNull("trackingId")) {
                    s.trackingId()[0] = body.get("trackingId").asText();
                }
                java.util.concurrent.CountDownLatch latch = replied.get(message.getJMSCorrelationID());
                if (latch != null) {
                    latch.countDown();
                }
            } catch (jakarta.jms.JMSException | IOException | RuntimeException e) {
                answered("JMS reply unreadable: " + e);
            }
        }

        /** Waits for the hub's reply to a committed envelope, at most so long (a reply is not what accepts it). */
        void awaitReply(Sent s, Duration atMost) {
            try {
                replied.get(s.messageId()).await(atMost.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void close() {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (jakarta.jms.JMSException ignored) {
                // the connection is gone already
            }
            connection = null;
            session = null;
            producer = null;
        }
    }

    /** One SOAP sender: application statuses from the MBO as canonical envelopes, each until the hub's receipt. */
    private void loadSoap(String mboOin, String mboKey, String voOin) {
        while (!stop.get()) {
            ObjectNode m = Fixtures.message("application-status", mboOin, voOin);
            String messageId = m.path("messageId").asText();
            Sent s = new Sent(messageId, "application-status (SOAP)", mboOin, voOin,
                    PlannedDelivery.key(mboOin, messageId, voOin), Fixtures.json(m), new AtomicInteger(), new String[1],
                    new long[1]);
            sent.add(s);
            sendSoap(s, mboKey);
        }
    }

    /** The SOAP form of a canonical envelope: WS-Addressing headers saying what the envelope says, the JSON as text. */
    private static String soapEnvelope(Sent s, String endpoint) {
        String json = s.json().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Header xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">"
                + "<wsa:Action>https://ketenhub.nl/ws/overdracht/v1/CanonicalEnvelope</wsa:Action>"
                + "<wsa:MessageID>urn:uuid:" + s.messageId() + "</wsa:MessageID>"
                + "<wsa:To>" + endpoint + "?oin=" + s.recipient() + "</wsa:To>"
                + "<wsa:From><wsa:Address>https://mbo.invalid/ws?oin=" + s.sender() + "</wsa:Address></wsa:From>"
                + "<wsa:ReplyTo><wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo>"
                + "</soap:Header><soap:Body>"
                + "<k:canonicalEnvelope xmlns:k=\"https://ketenhub.nl/ws/overdracht/v1\" type=\"application-status\">"
                + json + "</k:canonicalEnvelope></soap:Body></soap:Envelope>";
    }

    private static final java.util.regex.Pattern TRACKING_ID =
            java.util.regex.Pattern.compile("trackingId>([0-9a-fA-F-]{36})<");

    /** Sends over SOAP until the hub's receipt (the same wsa:MessageID every time); a fault that is no 503 fails it. */
    private void sendSoap(Sent s, String apiKey) {
        while (!Thread.currentThread().isInterrupted()) {
            int attempt = s.attempts().incrementAndGet();
            String outcome;
            try {
                Hub hub = hubs.get((attempt + s.messageId().hashCode() & Integer.MAX_VALUE) % hubs.size());
                String endpoint = hub.base() + "/ws/overdracht";
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/xml; charset=UTF-8")
                        .header("SOAPAction", "\"https://ketenhub.nl/ws/overdracht/v1/CanonicalEnvelope\"")
                        .header("Authorization", "Bearer " + apiKey)
                        .POST(HttpRequest.BodyPublishers.ofString(soapEnvelope(s, endpoint), StandardCharsets.UTF_8))
                        .build(), HttpResponse.BodyHandlers.ofString());
                outcome = "SOAP " + r.statusCode();
                java.util.regex.Matcher receipt = TRACKING_ID.matcher(r.body());
                if (r.statusCode() == 200 && receipt.find()) {
                    s.acceptedAt()[0] = System.nanoTime();
                    s.trackingId()[0] = receipt.group(1);
                    answered(outcome);
                    return;
                }
                if (r.statusCode() != 503) {
                    outcome += " " + r.body().substring(0, Math.min(300, r.body().length()));
                    answered(outcome);
                    throw new IllegalStateException("refused " + s.messageId() + " over SOAP: " + r.body());
                }
            } catch (IOException e) {
                outcome = "SOAP no answer";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            answered(outcome);
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Sends until 202 or 200 (the same messageId every time), whatever the hub answers meanwhile; with several hubs,
     * each attempt goes to the next one.
     */
    private void send(Sent s, String apiKey) {
        while (true) {
            int attempt = s.attempts().incrementAndGet();
            String outcome;
            try {
                Hub hub = hubs.get((attempt + s.messageId().hashCode() & Integer.MAX_VALUE) % hubs.size());
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub.base() + "/api/v1/messages"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiKey)
                        .POST(HttpRequest.BodyPublishers.ofString(s.json(), StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString());
                outcome = String.valueOf(r.statusCode());
                if (r.statusCode() == 202 || r.statusCode() == 200) {
                    String trackingId = JSON.readTree(r.body()).path("trackingId").asText();
                    if (trackingId.isEmpty()) {
                        // an acceptance the sender cannot trace: reported with what it said
                        outcome += " without a tracking id: " + r.headers().map() + " "
                                + r.body().substring(0, Math.min(300, r.body().length()));
                    }
                    s.acceptedAt()[0] = System.nanoTime();
                    s.trackingId()[0] = trackingId;
                    answered(outcome);
                    return;
                }
                if (r.statusCode() >= 400 && r.statusCode() < 500) {
                    answered(outcome);
                    throw new IllegalStateException("refused " + s.messageId() + ": " + r.body());
                }
            } catch (IOException e) {
                outcome = "no answer";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            answered(outcome);
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void answered(String outcome) {
        answers.merge(outcome, 1, Integer::sum);
        answerTimes.add(new Answer(System.nanoTime(), outcome));
    }

    private boolean parked(Sent s) {
        return "PARKED".equals(view(s).path("state").asText());
    }

    private String ledger(Sent s) {
        JsonNode v = view(s);
        return v.isMissingNode() ? "not in the ledger (404)" : "ledger state " + v.path("state").asText()
                + ", deliveries " + v.path("deliveries").findValuesAsText("state");
    }

    /** What the ledger says of a message, asked of the first hub that answers. */
    private JsonNode view(Sent s) {
        for (Hub hub : hubs) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hub.base() + "/api/v1/messages/"
                        + s.trackingId()[0])).header("Authorization", basicAdmin()).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return JSON.readTree(r.body());
                }
                if (r.statusCode() == 404) {
                    break;
                }
            } catch (IOException e) {
                // this hub is away: ask the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private String register(String oin, String kind, String brin, String endpoint) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("oin", oin).put("name", "Crash " + kind).put("kind", kind)
                .put("brin", brin).put("channel", "rest").put("endpoint", endpoint);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(hubs.get(0).base() + "/api/v1/partners"))
                .header("Content-Type", "application/json").header("Authorization", basicAdmin())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("registering " + kind + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("apiKey").asText();
    }

    /** Starts the packaged hub on its data directory and waits until its health answers 200. */
    private void start(Hub hub) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.heap()));
        command.addAll(application);
        command.addAll(List.of(
                "--server.port=" + hub.port, "--ketenhub.data-dir=" + hub.data,
                "--ketenhub.pseudonym-key=crash-harness-pseudonym-key-not-for-production",
                // the counting partners listen on plain http on localhost
                "--ketenhub.partners.allow-plain-http=true"));
        if (settings.production()) {
            command.add("--spring.profiles.active=postgres");
        }
        if (settings.diskFullSeconds() > 0) {
            // a small disk: the threshold below which new messages are refused must fit on it
            command.add("--ketenhub.availability.min-free-disk=" + Math.max(16, settings.diskMegabytes() / 8) + "MB");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(hub.log.toFile()));
        builder.environment().put("KETENHUB_ADMIN_PASSWORD", ADMIN_PASSWORD);
        if (settings.production()) {
            builder.environment().put("KETENHUB_DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
            builder.environment().put("KETENHUB_DB_USER", "postgres");
            builder.environment().put("KETENHUB_DB_PASSWORD", "postgres");
            builder.environment().put("KETENHUB_BROKER_URL", brokerUrl);
            builder.environment().put("KETENHUB_BROKER_USER", StandaloneBroker.USER);
            builder.environment().put("KETENHUB_BROKER_PASSWORD", StandaloneBroker.PASSWORD);
        }
        long t0 = System.nanoTime();
        Process process = builder.start();
        hub.process = process;
        try {
            org.awaitility.Awaitility.await("hub healthy").atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the hub exited with " + process.exitValue()
                                    + " during start-up; see " + hub.log);
                        }
                        try {
                            return http.send(HttpRequest.newBuilder(URI.create(hub.base() + "/actuator/health"))
                                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding())
                                    .statusCode() == 200;
                        } catch (IOException notListeningYet) {
                            return false;
                        }
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException("the hub was not healthy within 240 s; see " + hub.log);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        restarts.add(Math.round(seconds * 10) / 10.0);
        System.out.printf("crash harness: hub %d healthy after %.1f s%n", hub.number, seconds);
    }

    /** The packaged hub (the executable jar the build makes before its integration tests run). */
    /** Extracts the packaged hub and makes its class data sharing archive, with the script operators use. */
    private static List<String> prepareFastStart(Path destination) throws Exception {
        Process script = new ProcessBuilder("bash", Path.of("scripts", "fast-start").toString(), jar().toString(),
                destination.toString()).redirectErrorStream(true).start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!script.waitFor(10, TimeUnit.MINUTES) || script.exitValue() != 0) {
            throw new IllegalStateException("scripts/fast-start failed:\n" + output);
        }
        return List.of("-XX:SharedArchiveFile=" + destination.resolve("ketenhub.jsa"), "-jar",
                destination.resolve("ketenhub.jar").toString());
    }

    private static Path jar() throws IOException {
        String named = System.getProperty("crash.jar");
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("ketenhub-[^-]+(-SNAPSHOT)?\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged hub in target/: run ./mvnw package first"))
                    .toAbsolutePath();
        }
    }

    private static void stopHub(Hub hub) throws InterruptedException {
        hub.process.destroy(); // SIGTERM: a graceful stop
        if (!hub.process.waitFor(60, TimeUnit.SECONDS)) {
            hub.process.destroyForcibly();
        }
    }

    private static String basicAdmin() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
