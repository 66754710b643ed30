package nl.ketenhub.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A standalone Artemis broker, as production runs one apart from the hub: the {@code apache-artemis} distribution (its
 * {@code bin} zip, from the local Maven repository or a named file) unpacked, a broker instance created with its own
 * {@code artemis create} on localhost only (core protocol, one acceptor, login required, no web console, NIO journal),
 * given the address settings the hub's embedded broker has (dead-letter and expiry addresses, the delivery queues'
 * redelivery back-off), and run as a process of its own that can be killed with SIGKILL and started again on the same
 * journal. Used by the crash harness and the benchmark's production topology.
 */
public final class StandaloneBroker implements AutoCloseable {

    /** The newest distribution whose {@code bin} zip the build's repository serves. */
    public static final String DEFAULT_VERSION = "2.40.0";
    public static final String USER = "hub";
    public static final String PASSWORD = "standalone-broker-password";
    private static final Pattern AUTOTUNED = Pattern.compile("Your system can make ([0-9.,]+) writes per millisecond");

    private final Path instance;
    private final Path log;
    private final int port;
    private final String autotune;
    private Process process;

    /** A broker with the journal buffer timeout {@code artemis create} measured for this disk. */
    public StandaloneBroker(Path dir, int port, Path distribution) throws IOException, InterruptedException {
        this(dir, port, distribution, null);
    }

    /**
     * A broker whose journal flushes at most every {@code journalBufferTimeout} (null: the timeout {@code artemis
     * create} measured for this disk with its sync test).
     */
    public StandaloneBroker(Path dir, int port, Path distribution, Duration journalBufferTimeout)
            throws IOException, InterruptedException {
        this(dir, "broker", port, distribution, journalBufferTimeout, List.of());
    }

    private StandaloneBroker(Path dir, String name, int port, Path distribution, Duration journalBufferTimeout,
            List<String> options) throws IOException, InterruptedException {
        this.port = port;
        Path home = unpack(distribution, dir.resolve("artemis-home"));
        instance = dir.resolve(name);
        log = dir.resolve(name + ".log");
        List<String> create = new ArrayList<>(List.of(home.resolve("bin/artemis").toString(), "create",
                instance.toString(), "--silent", "--force", "--user", USER, "--password", PASSWORD, "--require-login",
                "--host", "127.0.0.1", "--default-port", Integer.toString(port), "--no-web", "--no-amqp-acceptor",
                "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor", "--nio", "--java-memory", "1G"));
        create.addAll(options);
        String output = run(create, dir);
        Matcher tuned = AUTOTUNED.matcher(output);
        autotune = tuned.find() ? tuned.group(1) + " writes per millisecond" : "not measured";
        Path brokerXml = instance.resolve("etc/broker.xml");
        addressSettings(brokerXml);
        if (journalBufferTimeout != null) {
            journalBufferTimeout(brokerXml, journalBufferTimeout);
        }
    }

    /**
     * A primary and a backup that replicates the primary's journal over the network (Artemis's replication HA
     * policy, a static cluster of the two on localhost): when the primary dies the backup takes over, and clients that
     * connected with {@link #pairUrl} fail over to it by themselves.
     */
    public static StandaloneBroker[] replicatedPair(Path dir, int primaryPort, int backupPort, Path distribution)
            throws IOException, InterruptedException {
        List<String> cluster = List.of("--clustered", "--replicated", "--cluster-user", "cluster",
                "--cluster-password", PASSWORD);
        List<String> primary = new ArrayList<>(cluster);
        primary.addAll(List.of("--staticCluster", "tcp://127.0.0.1:" + backupPort));
        List<String> backup = new ArrayList<>(cluster);
        backup.addAll(List.of("--backup", "--staticCluster", "tcp://127.0.0.1:" + primaryPort));
        return new StandaloneBroker[] {
            new StandaloneBroker(dir, "broker-primary", primaryPort, distribution, null, primary),
            new StandaloneBroker(dir, "broker-backup", backupPort, distribution, null, backup)};
    }

    /** The URL a client of the pair connects with: either broker, failing over to the backup (ha=true). */
    public static String pairUrl(StandaloneBroker primary, StandaloneBroker backup) {
        return "(tcp://127.0.0.1:" + primary.port + ",tcp://127.0.0.1:" + backup.port + ")?ha=true"
                + "&reconnectAttempts=-1&retryInterval=500&maxRetryInterval=2000";
    }

    /** Waits until the backup says in its log that it holds a copy of the primary's journal. */
    public void awaitReplicaInSync(Duration atMost) {
        org.awaitility.Awaitility.await("backup broker in sync with the primary").atMost(atMost)
                .pollInterval(Duration.ofMillis(500)).until(() -> Files.isRegularFile(log)
                        && Files.readString(log, StandardCharsets.UTF_8).contains("AMQ221024"));
    }

    /** Waits until this broker (a backup) says in its log that it has become the active broker. */
    public void awaitActive(Duration atMost) {
        org.awaitility.Awaitility.await("backup broker active").atMost(atMost)
                .pollInterval(Duration.ofMillis(250)).until(() -> Files.isRegularFile(log)
                        && activated(Files.readString(log, StandardCharsets.UTF_8)));
    }

    /** A backup's log says it is active: "Backup Server is now active" or, as 2.40 says it, "Server is now active". */
    private static boolean activated(String log) {
        return log.contains("AMQ221010") || log.contains("AMQ221007");
    }

    /** The distribution zip: {@code namedZip} if given, else version {@code version} in the local Maven repository. */
    public static Path distribution(String version, String namedZip) {
        Path zip = namedZip != null && !namedZip.isBlank() ? Path.of(namedZip) : Path.of(System.getProperty(
                "maven.repo.local", Path.of(System.getProperty("user.home"), ".m2", "repository").toString()),
                "org/apache/activemq/apache-artemis", version, "apache-artemis-" + version + "-bin.zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("no Artemis distribution at " + zip + ": fetch it with ./mvnw dependency:get "
                    + "-Dartifact=org.apache.activemq:apache-artemis:" + version + ":zip:bin (or name a zip)");
        }
        return zip;
    }

    /** What the distribution's sync test measured on this disk when the broker was created. */
    public String autotune() {
        return autotune;
    }

    /** The journal buffer timeout the broker runs with, in nanoseconds, as its broker.xml says. */
    public long journalBufferTimeoutNanos() throws IOException {
        Matcher m = JOURNAL_BUFFER_TIMEOUT.matcher(Files.readString(instance.resolve("etc/broker.xml"), StandardCharsets.UTF_8));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The broker's process (the start script and the JVM it runs), while it runs. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** The broker instance's directory ({@code bin}, {@code etc}, {@code data}), e.g. to adjust its profile. */
    public Path instance() {
        return instance;
    }

    /** The broker's own log (its console output). */
    public Path log() {
        return log;
    }

    /** The URL the hub connects with (the client reconnects by itself while the broker is away). */
    public String url() {
        return "tcp://127.0.0.1:" + port + "?reconnectAttempts=-1&retryInterval=500&maxRetryInterval=2000";
    }

    /** Starts the broker on its journal and waits until its acceptor takes connections. */
    public void start() throws Exception {
        launch();
        awaitListening();
    }

    /** Starts the broker's process without waiting (a backup opens its acceptor only once it is active). */
    public void launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                .directory(instance.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
    }

    private void awaitListening() {
        org.awaitility.Awaitility.await("standalone broker listening").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the broker exited with " + process.exitValue() + "; see " + log);
                    }
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                        return true;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    /** SIGKILL to the broker's JVM (and the script that started it). */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    /** The hub's address settings, as BrokerConfig gives the embedded broker (see the README's production section). */
    private static void addressSettings(Path brokerXml) throws IOException {
        String xml = Files.readString(brokerXml, StandardCharsets.UTF_8);
        String settings = """
                  <address-setting match="ketenhub.delivery.#">
                     <dead-letter-address>DLQ</dead-letter-address>
                     <expiry-address>ExpiryQueue</expiry-address>
                     <redelivery-delay>2000</redelivery-delay>
                     <redelivery-delay-multiplier>2.0</redelivery-delay-multiplier>
                     <max-redelivery-delay>600000</max-redelivery-delay>
                     <max-delivery-attempts>15</max-delivery-attempts>
                     <default-group-buckets>256</default-group-buckets>
                     <auto-create-queues>true</auto-create-queues>
                     <auto-create-addresses>true</auto-create-addresses>
                     <auto-delete-queues>false</auto-delete-queues>
                     <auto-delete-addresses>false</auto-delete-addresses>
                  </address-setting>
                  <address-setting match="ketenhub.core">
                     <auto-delete-queues>false</auto-delete-queues>
                     <auto-delete-addresses>false</auto-delete-addresses>
                  </address-setting>
                  <address-setting match="ketenhub.intake.#">
                     <auto-delete-queues>false</auto-delete-queues>
                     <auto-delete-addresses>false</auto-delete-addresses>
                  </address-setting>
                """;
        int at = xml.indexOf("<address-settings>");
        if (at < 0) {
            throw new IllegalStateException("no <address-settings> in " + brokerXml);
        }
        at += "<address-settings>".length();
        Files.writeString(brokerXml, xml.substring(0, at) + "\n" + settings + xml.substring(at), StandardCharsets.UTF_8);
    }

    private static final Pattern JOURNAL_BUFFER_TIMEOUT = Pattern.compile("<journal-buffer-timeout>(\\d+)</journal-buffer-timeout>");

    private static void journalBufferTimeout(Path brokerXml, Duration timeout) throws IOException {
        String xml = Files.readString(brokerXml, StandardCharsets.UTF_8);
        Matcher m = JOURNAL_BUFFER_TIMEOUT.matcher(xml);
        if (!m.find()) {
            throw new IllegalStateException("no <journal-buffer-timeout> in " + brokerXml);
        }
        Files.writeString(brokerXml, m.replaceFirst("<journal-buffer-timeout>" + timeout.toNanos() + "</journal-buffer-timeout>"),
                StandardCharsets.UTF_8);
    }

    /** The distribution unpacked (once per broker), its scripts executable. */
    private static Path unpack(Path zip, Path target) throws IOException {
        Path home = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("entry outside the target: " + e.getName());
                }
                if (home == null) {
                    home = target.resolve(Path.of(e.getName()).getName(0));
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    if (out.getParent().getFileName().toString().equals("bin")) {
                        out.toFile().setExecutable(true);
                    }
                }
            }
        }
        return home;
    }

    private static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream out = p.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("artemis create failed: " + output);
        }
        return output;
    }
}
