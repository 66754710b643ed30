package nl.ketenhub.admin;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Every Camel route with its state, counts, throughput and error rate, for the console. Throughput is the number of
 * exchanges a route completed over the last minute, per second: the route totals are sampled every few seconds
 * (Camel's own throughput figure needs its load statistics, which are off, and read 0.00 whatever the traffic).
 */
@Component
public class RouteStats implements DisposableBean {

    /** One route's figures; {@code throughput} is exchanges per second over the last minute, or -1 before a sample. */
    public record RouteRow(String id, String from, String state, long total, long failed, double errorRate,
            double throughput, long meanMillis, long lastMillis) {}

    static final long SAMPLE_MILLIS = 5_000;
    static final long WINDOW_MILLIS = 60_000;

    private record Sample(long atMillis, long total) {}

    private final CamelContext camel;
    private final Map<String, Deque<Sample>> samples = new HashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-route-sampler");
        t.setDaemon(true);
        return t;
    });

    public RouteStats(CamelContext camel) {
        this.camel = camel;
        sampler.scheduleWithFixedDelay(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    public List<RouteRow> routes() {
        ManagedCamelContext managed = managed();
        return camel.getRoutes().stream()
                .sorted(Comparator.comparing(Route::getRouteId))
                .map(r -> row(r, managed == null ? null : managed.getManagedRoute(r.getRouteId())))
                .toList();
    }

    private ManagedCamelContext managed() {
        return camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
    }

    private RouteRow row(Route route, ManagedRouteMBean m) {
        String state = camel.getRouteController().getRouteStatus(route.getRouteId()).name();
        if (m == null) {
            return new RouteRow(route.getRouteId(), route.getEndpoint().getEndpointBaseUri(), state, 0, 0, 0, -1, 0, 0);
        }
        long total = m.getExchangesTotal();
        long failed = m.getExchangesFailed();
        return new RouteRow(route.getRouteId(), route.getEndpoint().getEndpointBaseUri(), state, total, failed,
                total == 0 ? 0 : (double) failed / total, throughput(route.getRouteId(), total, System.currentTimeMillis()),
                m.getMeanProcessingTime(), m.getLastProcessingTime());
    }

    /** Exchanges per second between the oldest sample of the last minute and now; -1 while there is no sample yet. */
    synchronized double throughput(String routeId, long totalNow, long nowMillis) {
        Deque<Sample> window = samples.get(routeId);
        if (window == null || window.isEmpty()) {
            return -1;
        }
        Sample oldest = window.peekFirst();
        long elapsed = nowMillis - oldest.atMillis();
        if (elapsed <= 0) {
            return -1;
        }
        return Math.max(0, totalNow - oldest.total()) * 1000.0 / elapsed;
    }

    /** Records every route's total; keeps a minute of samples per route. */
    void sample() {
        try {
            ManagedCamelContext managed = managed();
            if (managed == null) {
                return;
            }
            long now = System.currentTimeMillis();
            for (Route route : camel.getRoutes()) {
                ManagedRouteMBean m = managed.getManagedRoute(route.getRouteId());
                if (m != null) {
                    record(route.getRouteId(), m.getExchangesTotal(), now);
                }
            }
        } catch (RuntimeException e) {
            // the next sample tries again; the console shows the last minute it has
        }
    }

    synchronized void record(String routeId, long total, long nowMillis) {
        Deque<Sample> window = samples.computeIfAbsent(routeId, id -> new ArrayDeque<>());
        window.addLast(new Sample(nowMillis, total));
        while (window.size() > 1 && nowMillis - window.peekFirst().atMillis() > WINDOW_MILLIS) {
            window.removeFirst();
        }
    }

    @Override
    public void destroy() {
        sampler.shutdownNow();
    }
}
