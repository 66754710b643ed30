package nl.ketenhub.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.ketenhub.support.DiskPostgres;
import nl.ketenhub.support.Ports;
import nl.ketenhub.support.StandaloneBroker;

/**
 * Where the hub and its baselines run.
 *
 * <ul>
 *   <li>{@code embedded}: the hub's embedded defaults, everything in the benchmark's JVM (an in-VM Artemis with a
 *       persistent journal, H2 in file mode);
 *   <li>{@code production}: the README's production topology, a standalone Artemis broker from the
 *       {@code apache-artemis} distribution in a process of its own, reached over TCP with a login
 *       ({@link StandaloneBroker}, journal flushed at most every {@link #JOURNAL_BUFFER_TIMEOUT}), and the hub on its
 *       {@code postgres} profile on an embedded PostgreSQL with its data on disk and fsync and synchronous commit on
 *       ({@link DiskPostgres}). The hub itself and the harness's partners stay in the benchmark's JVM; raw and the
 *       bridges use the same broker.
 * </ul>
 *
 * <p>Where the broker and the database run as processes of their own, their CPU time is read from {@code /proc} and
 * counted with the JVM's ({@link Resources}), so CPU per message covers every process of the topology.
 */
final class Topology implements AutoCloseable {

    static final String EMBEDDED = "embedded";
    static final String PRODUCTION = "production";
    /** The journal flush timeout of the standalone broker: a quarter millisecond, as the embedded broker's. */
    static final Duration JOURNAL_BUFFER_TIMEOUT = Duration.ofNanos(250_000);

    private final String name;
    private final StandaloneBroker broker;
    private final EmbeddedPostgres postgres;
    private final Path postgresData;
    private final Map<String, Object> description = new LinkedHashMap<>();

    private Topology(String name, StandaloneBroker broker, EmbeddedPostgres postgres, Path postgresData) {
        this.name = name;
        this.broker = broker;
        this.postgres = postgres;
        this.postgresData = postgresData;
    }

    /** The topology {@code name} ({@code embedded} or {@code production}), its stores under {@code dir}. */
    static Topology start(String name, Path dir) throws Exception {
        if (EMBEDDED.equals(name)) {
            Topology t = new Topology(name, null, null, null);
            t.description.put("topology", EMBEDDED);
            t.description.put("broker", "Artemis embedded in the hub's JVM (in-VM connections, persistent journal)");
            t.description.put("database", "H2 in file mode, in the hub's JVM");
            return t;
        }
        if (!PRODUCTION.equals(name)) {
            throw new IllegalArgumentException("bench.topology must be embedded or production, not " + name);
        }
        Path postgresData = dir.resolve("postgres");
        EmbeddedPostgres postgres = DiskPostgres.start(postgresData);
        StandaloneBroker broker = null;
        try {
            String version = System.getProperty("bench.artemis-version", StandaloneBroker.DEFAULT_VERSION);
            Path distribution = StandaloneBroker.distribution(version, property("bench.artemis-zip"));
            broker = new StandaloneBroker(dir, Ports.free(), distribution, JOURNAL_BUFFER_TIMEOUT);
            Path gcLog = dir.resolve("broker-gc.log");
            // the broker's GC pauses, with their UTC time, for the outlier notes of the latency phases
            Files.writeString(broker.instance().resolve("etc/artemis.profile"), "\n# the benchmark reads the broker's GC pauses\n"
                    + "JAVA_ARGS=\"$JAVA_ARGS -Xlog:gc:file=" + gcLog.toAbsolutePath() + ":utctime\"\n",
                    StandardOpenOption.APPEND);
            broker.start();
            Outliers.brokerGcLog(gcLog);
            Topology t = new Topology(name, broker, postgres, postgresData);
            t.description.put("topology", PRODUCTION);
            t.description.put("broker", "standalone Artemis " + version + " (apache-artemis distribution) in its own"
                    + " process, over TCP on localhost with a login; NIO journal, journal-buffer-timeout "
                    + broker.journalBufferTimeoutNanos() + " ns (artemis create's sync test on this disk: "
                    + broker.autotune() + ")");
            // as the server reports them, not as asked: the embedded PostgreSQL's own command line turns fsync off
            t.description.put("database", "PostgreSQL " + t.setting("server_version") + " (embedded, own processes),"
                    + " data on disk; fsync " + t.setting("fsync") + ", synchronous_commit "
                    + t.setting("synchronous_commit") + ", full_page_writes " + t.setting("full_page_writes"));
            t.description.put("hub", "postgres profile (spring.profiles.active=postgres, KETENHUB_DB_*, KETENHUB_BROKER_*)");
            return t;
        } catch (Exception | Error e) {
            if (broker != null) {
                broker.close();
            }
            postgres.close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    boolean production() {
        return broker != null;
    }

    /** What runs where, for the report's header. */
    Map<String, Object> describe() {
        return description;
    }

    String oneLine() {
        return description.toString();
    }

    /**
     * The hub's settings for this topology: for production those of its {@code postgres} profile, given as the
     * README's production configuration names them (as command-line properties, which the profile's placeholders
     * read like the environment).
     */
    List<String> hubArgs() {
        List<String> args = new ArrayList<>();
        if (production()) {
            args.add("--spring.profiles.active=postgres");
            args.add("--KETENHUB_DB_URL=" + postgres.getJdbcUrl("postgres", "postgres"));
            args.add("--KETENHUB_DB_USER=postgres");
            args.add("--KETENHUB_DB_PASSWORD=postgres");
            args.add("--KETENHUB_BROKER_URL=" + broker.url());
            args.add("--KETENHUB_BROKER_USER=" + StandaloneBroker.USER);
            args.add("--KETENHUB_BROKER_PASSWORD=" + StandaloneBroker.PASSWORD);
        }
        return args;
    }

    /** The broker URL the partners connect with, or null where the broker is the hub's embedded one. */
    String brokerUrl() {
        return production() ? broker.url() : null;
    }

    /** The processes of the topology outside the benchmark's JVM, whose CPU counts with it. */
    List<Resources.Watched> processes() {
        if (!production()) {
            return List.of();
        }
        return List.of(
                new Resources.Watched("broker", () -> Optional.of(broker.process())),
                new Resources.Watched("postgres", () -> DiskPostgres.postmaster(postgresData)));
    }

    /** A setting as the running server has it. */
    private String setting(String name) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("show " + name)) {
            return r.next() ? r.getString(1) : "?";
        } catch (SQLException e) {
            return "? (" + e.getMessage() + ")";
        }
    }

    private static String property(String name) {
        String v = System.getProperty(name, "");
        return v.isBlank() || v.startsWith("${") ? null : v;
    }

    @Override
    public void close() throws Exception {
        Resources.watch(List.of());
        Outliers.brokerGcLog(null);
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }
}
