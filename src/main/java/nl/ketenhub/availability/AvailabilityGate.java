package nl.ketenhub.availability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns senders away with 503 and {@code Retry-After} while a store the hub needs is away, in front of
 * authentication (which reads the database too):
 * <ul>
 *   <li>database or broker away: every request to the API ({@code /api/}) and the SOAP edge ({@code /ws/});</li>
 *   <li>data disk short of space: every change there (a new message above all); reading goes on.</li>
 * </ul>
 * And whatever the path, a request that meets a store failure on its way (the check had not seen it yet) gets the
 * same 503 instead of a plain 500, and the stores are checked again at once.
 */
public class AvailabilityGate extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AvailabilityGate.class);

    private final HubAvailability availability;
    private final UnavailableAnswer answer;

    AvailabilityGate(HubAvailability availability, UnavailableAnswer answer) {
        this.availability = availability;
        this.answer = answer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Set<HubAvailability.Fault> faults = availability.faults();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean edge = path.startsWith("/api/") || path.startsWith("/ws/");
        if (edge && !faults.isEmpty()) {
            boolean storeAway = faults.contains(HubAvailability.Fault.DATABASE)
                    || faults.contains(HubAvailability.Fault.BROKER);
            if (storeAway || isChange(request)) {
                answer.write(request, response, describe(faults));
                return;
            }
        }
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!StoreFaults.isStoreFault(e) || response.isCommitted()) {
                throw e;
            }
            availability.recheck();
            log.warn("{} {} met a store failure, answered 503: {}", request.getMethod(), path, UnavailableAnswer.rootOf(e));
            response.reset();
            answer.write(request, response, UnavailableAnswer.STORE_FAILED);
        }
    }

    private static String describe(Set<HubAvailability.Fault> faults) {
        if (faults.contains(HubAvailability.Fault.DATABASE)) {
            return "the hub's database is unavailable";
        }
        if (faults.contains(HubAvailability.Fault.BROKER)) {
            return "the hub's message broker takes no messages now";
        }
        return "the hub's data disk is short of space and takes no new messages";
    }

    private static boolean isChange(HttpServletRequest request) {
        String method = request.getMethod();
        return !"GET".equals(method) && !"HEAD".equals(method) && !"OPTIONS".equals(method);
    }
}
