package nl.ketenhub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import nl.ketenhub.web.Problems;
import nl.ketenhub.web.SoapFaultResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Writes problem+json answers from the security layer, where no controller advice runs. */
final class ProblemResponses {

    private final ObjectMapper mapper;

    ProblemResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A problem+json answer, or on the SOAP edge a SOAP fault with the same code. */
    void write(HttpServletRequest request, HttpServletResponse response, int status, String type, String title,
            String detail) throws IOException {
        if (SecurityConfig.isSoapEdge(request)) {
            SoapFaultResponses.write(response, status, type, title, detail);
            return;
        }
        write(response, status, type, title, detail);
    }

    void write(HttpServletResponse response, int status, String type, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"ketenhub\"");
        }
        mapper.writeValue(response.getOutputStream(),
                Problems.detail(HttpStatus.valueOf(status), type, title, detail, List.of()));
    }
}
