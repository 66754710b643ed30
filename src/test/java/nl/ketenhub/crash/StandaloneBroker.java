package nl.ketenhub.crash;

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
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A standalone Artemis broker for the crash harness: the {@code apache-artemis} distribution (its {@code bin} zip,
 * from the local Maven repository or {@code crash.artemis-zip}) unpacked, a broker instance created with its own
 * {@code artemis create} on localhost only (core protocol, one acceptor, login required, no web console), given the
 * address settings the hub's embedded broker has (dead-letter and expiry addresses, the delivery queues' redelivery
 * back-off), and run as a process of its own that the harness can kill with SIGKILL and start again on the same
 * journal.
 */
final class StandaloneBroker implements AutoCloseable {

    static final String VERSION = System.getProperty("crash.artemis-version", "2.40.0");
    static final String USER = "hub";
    static final String PASSWORD = "crash-harness-broker-password";

    private final Path instance;
    private final Path log;
    private final int port;
    private Process process;

    StandaloneBroker(Path dir, int port) throws IOException, InterruptedException {
        this.port = port;
        Path home = unpack(dir.resolve("artemis-home"));
        instance = dir.resolve("broker");
        log = dir.resolve("broker.log");
        run(List.of(home.resolve("bin/artemis").toString(), "create", instance.toString(), "--silent", "--force",
                "--user", USER, "--password", PASSWORD, "--require-login", "--host", "127.0.0.1",
                "--default-port", Integer.toString(port), "--no-web", "--no-amqp-acceptor", "--no-mqtt-acceptor",
                "--no-stomp-acceptor", "--no-hornetq-acceptor", "--nio", "--java-memory", "1G"), dir);
        addressSettings(instance.resolve("etc/broker.xml"));
    }

    /** The URL the hub connects with (the client reconnects by itself while the broker is away). */
    String url() {
        return "tcp://127.0.0.1:" + port + "?reconnectAttempts=-1&retryInterval=500&maxRetryInterval=2000";
    }

    /** Starts the broker on its journal and waits until its acceptor takes connections. */
    void start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                .directory(instance.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
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
    void kill() throws InterruptedException {
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
                  </address-setting>
                """;
        int at = xml.indexOf("<address-settings>");
        if (at < 0) {
            throw new IllegalStateException("no <address-settings> in " + brokerXml);
        }
        at += "<address-settings>".length();
        Files.writeString(brokerXml, xml.substring(0, at) + "\n" + settings + xml.substring(at), StandardCharsets.UTF_8);
    }

    /** The distribution unpacked (once per round), its scripts executable. */
    private static Path unpack(Path target) throws IOException {
        Path zip = zip();
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

    private static Path zip() {
        String named = System.getProperty("crash.artemis-zip");
        Path zip = named != null ? Path.of(named) : Path.of(System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()),
                "org/apache/activemq/apache-artemis", VERSION, "apache-artemis-" + VERSION + "-bin.zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("no Artemis distribution at " + zip + ": fetch it with ./mvnw dependency:get "
                    + "-Dartifact=org.apache.activemq:apache-artemis:" + VERSION + ":zip:bin (or name one with "
                    + "-Dcrash.artemis-zip=...)");
        }
        return zip;
    }

    private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream out = p.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("artemis create failed: " + output);
        }
    }
}
