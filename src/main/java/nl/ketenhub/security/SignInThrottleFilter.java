package nl.ketenhub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a password sign-in (the console's login form, or HTTP Basic on the machine APIs) while its account or
 * client address is locked by the {@link SignInThrottle}, before any password is checked.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;
    private final ProblemResponses problems;
    private final Clock clock;
    private final boolean console;

    SignInThrottleFilter(SignInThrottle throttle, ProblemResponses problems, Clock clock, boolean console) {
        this.throttle = throttle;
        this.problems = problems;
        this.clock = clock;
        this.console = console;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> username = console ? formSignIn(request) : basicSignIn(request);
        if (username.isPresent()) {
            Optional<Instant> locked = throttle.lockedUntil(username.get(), request.getRemoteAddr());
            if (locked.isPresent()) {
                long seconds = Math.max(1, Duration.between(clock.instant(), locked.get()).toSeconds());
                response.setHeader("Retry-After", String.valueOf(seconds));
                if (console) {
                    response.sendRedirect(request.getContextPath() + "/admin/login?error&locked");
                } else {
                    problems.write(request, response, 429, "sign-in-locked", "Too many failed sign-ins",
                            "sign-in for this account or from this address is locked after repeated failures; try again in "
                                    + seconds + " seconds");
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static Optional<String> formSignIn(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || !"/admin/login".equals(request.getServletPath())) {
            return Optional.empty();
        }
        String username = request.getParameter("username");
        return Optional.of(username == null ? "" : username.trim());
    }

    private static Optional<String> basicSignIn(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return Optional.of(colon < 0 ? decoded : decoded.substring(0, colon));
        } catch (IllegalArgumentException notBase64) {
            return Optional.of("");
        }
    }
}
