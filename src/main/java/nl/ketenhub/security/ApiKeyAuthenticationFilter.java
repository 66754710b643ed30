package nl.ketenhub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.List;
import nl.ketenhub.intake.IntakeOutcome;
import nl.ketenhub.intake.IntakeRejections;
import nl.ketenhub.partner.Partner;
import org.springframework.http.HttpStatus;
import nl.ketenhub.partner.PartnerService;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates partner systems by {@code Authorization: Bearer <api-key>}. An unknown key is answered with 401
 * at once; requests without a bearer key pass on to the other mechanisms (admin login).
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final PartnerService partners;
    private final ProblemResponses problems;
    private final IntakeRejections rejections;

    public ApiKeyAuthenticationFilter(PartnerService partners, ObjectMapper mapper, IntakeRejections rejections) {
        this.partners = partners;
        this.problems = new ProblemResponses(mapper);
        this.rejections = rejections;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Partner> partner = partners.authenticate(header.substring(7).trim());
        if (partner.isEmpty()) {
            String detail = "the API key is unknown, rotated, or belongs to a disabled partner";
            rejections.record(request.getRequestURI().startsWith("/ws") ? "soap" : "rest", null,
                    new IntakeOutcome.Rejected(HttpStatus.UNAUTHORIZED, "unauthenticated", "Not authenticated",
                            detail + " (" + request.getMethod() + " " + request.getRequestURI() + ")", List.of(), null),
                    null);
            problems.write(request, response, 401, "unauthenticated", "Not authenticated", detail);
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(new PartnerAuthentication(partner.get()));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
