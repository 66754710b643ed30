package nl.ketenhub.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the edges shut while the hub cannot process: the web server takes requests before the routes run (and still
 * during a shutdown), and a message accepted then would meet a stopped Camel context. Until the application is ready
 * and Camel has started, and again once the application is closing, a submission over REST gets 503 problem+json and
 * SOAP a Server fault, both with {@code Retry-After}: the sender sends it again, as the contract says for 503.
 */
public class StartupGate extends OncePerRequestFilter implements ApplicationContextAware {

    static final String RETRY_AFTER_SECONDS = "5";

    private final ObjectMapper mapper;
    private volatile BooleanSupplier ready = () -> false;
    private ApplicationContext context;

    public StartupGate(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @EventListener
    public void onReady(ApplicationReadyEvent event) {
        if (context != null && event.getApplicationContext() != context) {
            return;
        }
        CamelContext camel = event.getApplicationContext().getBean(CamelContext.class);
        open(() -> camel.getStatus().isStarted());
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @EventListener
    public void onClosing(ContextClosedEvent event) {
        if (event.getApplicationContext() == context) {
            close();
        }
    }

    /** Opens the edges for as long as {@code canProcess} says so. */
    void open(BooleanSupplier canProcess) {
        this.ready = canProcess;
    }

    void close() {
        this.ready = () -> false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (ready.getAsBoolean() || !isSubmission(request)) {
            chain.doFilter(request, response);
            return;
        }
        String detail = "the hub is starting or stopping and cannot take messages now: send the message again (same "
                + "messageId) after " + RETRY_AFTER_SECONDS + " seconds";
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        if (request.getRequestURI().startsWith(request.getContextPath() + "/ws/")) {
            response.setContentType("text/xml;charset=UTF-8");
            response.getOutputStream().write(UnavailableFault.envelope("unavailable", "Hub not ready", detail)
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), Problems.detail(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                "Hub not ready", detail, List.of()));
    }

    /**
     * What needs the routes: a message submitted over REST or SOAP, and any other change through the API (a replay,
     * a partner whose delivery route is made); reading the ledger does not.
     */
    private static boolean isSubmission(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean change = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())
                && !"OPTIONS".equals(request.getMethod());
        return change && (path.startsWith("/ws/") || path.startsWith("/api/"));
    }
}
