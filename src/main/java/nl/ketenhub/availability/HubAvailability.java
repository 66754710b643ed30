package nl.ketenhub.availability;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import nl.ketenhub.config.KetenhubProperties;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.paging.PagingManager;
import org.apache.activemq.artemis.core.paging.PagingStore;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Whether the hub can take and process messages now: the database answers, the broker takes messages (the embedded
 * broker is not blocking producers on a full disk or a full address), and the data directory has at least
 * {@code ketenhub.availability.min-free-disk} free. Checked every {@code check-period} and at once when a route or a
 * request meets a store failure.
 *
 * <p>While the database or the broker is away, every route that consumes from the broker or the file system is
 * suspended (nothing is taken that could not be recorded, so nothing is used up on failed attempts) and resumed
 * when it is back. While only disk space is short, the intake routes are suspended and the deliveries go on, since
 * they drain the broker. The edges turn senders away meanwhile ({@link AvailabilityGate}) and health says DOWN.
 */
@Component
public class HubAvailability {

    /** A store the hub cannot do without, away or full. */
    public enum Fault { DATABASE, BROKER, DISK }

    private static final Logger log = LoggerFactory.getLogger(HubAvailability.class);
    private static final Set<String> INTAKE_ROUTES = Set.of("jms-intake", "csv-intake");

    private final DataSource dataSource;
    private final ObjectProvider<EmbeddedActiveMQ> embeddedBroker;
    private final CamelContext camel;
    private final AvailabilityProperties properties;
    private final Path dataDir;
    private final Set<String> suspendedByUs = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean recheckQueued = new AtomicBoolean();
    private volatile Set<Fault> faults = Collections.unmodifiableSet(EnumSet.noneOf(Fault.class));
    private volatile long minFreeBytes;
    private volatile long freeBytes = -1;
    private volatile ScheduledExecutorService executor;

    public HubAvailability(DataSource dataSource, ObjectProvider<EmbeddedActiveMQ> embeddedBroker, CamelContext camel,
            AvailabilityProperties properties, KetenhubProperties hub) {
        this.dataSource = dataSource;
        this.embeddedBroker = embeddedBroker;
        this.camel = camel;
        this.properties = properties;
        this.dataDir = Path.of(hub.dataDir()).toAbsolutePath();
        this.minFreeBytes = properties.minFreeDisk().toBytes();
    }

    /** The faults found by the last check; empty when the hub can take messages. */
    public Set<Fault> faults() {
        return faults;
    }

    public long freeBytes() {
        return freeBytes;
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    /** Changes the free-space threshold while the hub runs (and checks again at once). */
    public void setMinFreeBytes(long bytes) {
        this.minFreeBytes = bytes;
        recheck();
    }

    public long retryAfterSeconds() {
        return Math.max(1, properties.retryAfter().toSeconds());
    }

    /** Checks again soon, off the caller's thread: a route or a request has just met a store failure. */
    public void recheck() {
        ScheduledExecutorService running = executor;
        if (running != null && recheckQueued.compareAndSet(false, true)) {
            running.execute(() -> {
                recheckQueued.set(false);
                check();
            });
        }
    }

    /** One check of every store, then the routes are paused or resumed to match. */
    synchronized void check() {
        EnumSet<Fault> now = EnumSet.noneOf(Fault.class);
        if (!databaseAnswers()) {
            now.add(Fault.DATABASE);
        }
        if (brokerBlocked()) {
            now.add(Fault.BROKER);
        }
        long free = usableSpace();
        freeBytes = free;
        if (free >= 0 && free < minFreeBytes) {
            now.add(Fault.DISK);
        }
        Set<Fault> before = faults;
        if (!before.equals(now)) {
            faults = Collections.unmodifiableSet(now);
            if (now.isEmpty()) {
                log.warn("the hub takes messages again: database, broker and data disk are back");
            } else {
                log.error("the hub turns new messages away until {} {} back (free on the data disk: {} MB, needed: {} MB)",
                        now, now.size() == 1 ? "is" : "are", free / (1024 * 1024), minFreeBytes / (1024 * 1024));
            }
        }
        adjustRoutes(now);
    }

    /**
     * A statement the database must answer (a connection's {@code isValid} is not enough: an embedded H2 that closed
     * itself after a failed write keeps saying its connections are valid). When it fails, the pool's connections are
     * retired, so the next ones are opened afresh: on H2 that opens the database again from its file.
     */
    private boolean databaseAnswers() {
        int seconds = (int) Math.max(1, properties.databaseTimeout().toSeconds());
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(seconds);
            statement.execute("select 1");
            return true;
        } catch (SQLTransientConnectionException e) {
            // The pool timed out: with a cause it could not reach the database; without one every connection was
            // busy, which is load, not an outage.
            return e.getCause() == null;
        } catch (Exception e) {
            retireConnections();
            return false;
        }
    }

    private void retireConnections() {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
                if (hikari.getHikariPoolMXBean() != null) {
                    hikari.getHikariPoolMXBean().softEvictConnections();
                }
            }
        } catch (SQLException notAPool) {
            // another pool: it finds its broken connections by itself
        }
    }

    /**
     * The embedded broker blocks producers when its disk usage passes max-disk-usage, when its global size is
     * reached, or when an address with the BLOCK policy is full. An external broker's state is not visible here: the
     * hub then finds it out by a send that fails.
     */
    private boolean brokerBlocked() {
        EmbeddedActiveMQ embedded = embeddedBroker.getIfAvailable();
        ActiveMQServer server = embedded == null ? null : embedded.getActiveMQServer();
        if (server == null || !server.isStarted()) {
            return false;
        }
        PagingManager paging = server.getPagingManager();
        if (paging == null) {
            return false;
        }
        if (paging.isDiskFull() || paging.isGlobalFull()) {
            return true;
        }
        for (SimpleString name : paging.getStoreNames()) {
            try {
                PagingStore store = paging.getPageStore(name);
                if (store != null && (store.isRejectingMessages() || (store.isFull()
                        && store.getAddressFullMessagePolicy() == AddressFullMessagePolicy.BLOCK))) {
                    return true;
                }
            } catch (Exception e) {
                log.debug("cannot read the paging store of {}", name, e);
            }
        }
        return false;
    }

    private long usableSpace() {
        Path existing = dataDir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return -1;
        }
        try {
            return Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private void adjustRoutes(Set<Fault> now) {
        if (!camel.getStatus().isStarted() || executor == null) {
            return;
        }
        boolean storeAway = now.contains(Fault.DATABASE) || now.contains(Fault.BROKER);
        for (Route route : camel.getRoutes()) {
            String id = route.getRouteId();
            String uri = route.getEndpoint().getEndpointUri();
            if (!uri.startsWith("jms:") && !uri.startsWith("file:")) {
                continue;
            }
            boolean pause = storeAway || (now.contains(Fault.DISK) && INTAKE_ROUTES.contains(id));
            try {
                ServiceStatus status = camel.getRouteController().getRouteStatus(id);
                if (pause && !suspendedByUs.contains(id) && status != null && status.isStarted()) {
                    suspendedByUs.add(id);
                    camel.getRouteController().suspendRoute(id);
                    log.warn("route {} paused until {} is back", id, now);
                } else if (!pause && suspendedByUs.remove(id) && status != null && status.isSuspended()) {
                    camel.getRouteController().resumeRoute(id);
                    log.warn("route {} resumed", id);
                }
            } catch (Exception e) {
                log.error("cannot {} route {}: {}", pause ? "pause" : "resume", id, e.toString());
            }
        }
        suspendedByUs.removeIf(id -> camel.getRoute(id) == null);
    }

    /**
     * Checks from the moment the application is ready (the routes run) until it closes. Not a lifecycle bean: one
     * that needs the Camel context would have the context started before its routes are collected.
     */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ketenhub-availability");
            thread.setDaemon(true);
            return thread;
        });
        executor = started;
        long period = Math.max(50, properties.checkPeriod().toMillis());
        started.scheduleWithFixedDelay(this::checkSafely, 0, period, TimeUnit.MILLISECONDS);
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            log.error("availability check failed: {}", e.toString());
        }
    }

    @EventListener(ContextClosedEvent.class)
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }
}
