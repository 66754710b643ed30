package nl.ketenhub.admin;

import java.util.Comparator;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.springframework.stereotype.Component;

/** Every Camel route with its state, counts, throughput and error rate, for the console. */
@Component
public class RouteStats {

    /** One route's figures. */
    public record RouteRow(String id, String from, String state, long total, long failed, double errorRate,
            String throughput, long meanMillis, long lastMillis) {}

    private final CamelContext camel;

    public RouteStats(CamelContext camel) {
        this.camel = camel;
    }

    public List<RouteRow> routes() {
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        return camel.getRoutes().stream()
                .sorted(Comparator.comparing(Route::getRouteId))
                .map(r -> row(r, managed == null ? null : managed.getManagedRoute(r.getRouteId())))
                .toList();
    }

    private RouteRow row(Route route, ManagedRouteMBean m) {
        String state = camel.getRouteController().getRouteStatus(route.getRouteId()).name();
        if (m == null) {
            return new RouteRow(route.getRouteId(), route.getEndpoint().getEndpointBaseUri(), state, 0, 0, 0, "-", 0, 0);
        }
        long total = m.getExchangesTotal();
        long failed = m.getExchangesFailed();
        return new RouteRow(route.getRouteId(), route.getEndpoint().getEndpointBaseUri(), state, total, failed,
                total == 0 ? 0 : (double) failed / total, m.getThroughput(), m.getMeanProcessingTime(),
                m.getLastProcessingTime());
    }
}
