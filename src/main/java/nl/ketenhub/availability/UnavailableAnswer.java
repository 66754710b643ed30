package nl.ketenhub.availability;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.ketenhub.web.Problems;
import nl.ketenhub.web.UnavailableFault;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** The one answer for "send it again later": 503 with {@code Retry-After}, a SOAP fault on the SOAP edge. */
final class UnavailableAnswer {

    /** Why a request that met a store failure on its way was turned away. */
    static final String STORE_FAILED = "the hub cannot record messages now (its database or broker failed)";

    private final HubAvailability availability;
    private final ObjectMapper mapper;

    UnavailableAnswer(HubAvailability availability, ObjectMapper mapper) {
        this.availability = availability;
        this.mapper = mapper;
    }

    void write(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
        String seconds = String.valueOf(availability.retryAfterSeconds());
        String detail = reason + ": send the message again (same messageId) after " + seconds + " seconds";
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader("Retry-After", seconds);
        if (request.getRequestURI().startsWith(request.getContextPath() + "/ws/")) {
            response.setContentType("text/xml;charset=UTF-8");
            response.getOutputStream().write(UnavailableFault.envelope("unavailable", "Hub unavailable", detail)
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), Problems.detail(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                "Hub unavailable", detail, List.of()));
    }

    static String rootOf(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
