package nl.ketenhub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import nl.ketenhub.audit.IntakeRejections;
import nl.ketenhub.partner.PartnerService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Two doors. Machine APIs ({@code /api}, {@code /ws}, actuator): stateless, partners by API key, admins by HTTP
 * Basic, errors as problem+json. The console ({@code /admin}): form login, session, CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    private static final PathPatternRequestMatcher SOAP_EDGE = PathPatternRequestMatcher.withDefaults().matcher("/ws/**");
    private static final String UNAUTHENTICATED =
            "send 'Authorization: Bearer <api-key>' (partners), or HTTP Basic or a console session (admins, viewers)";

    /** The console's Content-Security-Policy: everything from the hub itself, inline styles but never inline script. */
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    static boolean isSoapEdge(HttpServletRequest request) {
        return SOAP_EDGE.matches(request);
    }

    /** A state-changing request without an Authorization header: only a console session can authenticate it. */
    private static boolean bySessionAndUnsafe(HttpServletRequest request) {
        String method = request.getMethod();
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method) || "TRACE".equals(method))
                && request.getHeader("Authorization") == null && request.getRequestedSessionId() != null;
    }

    private static HttpSessionSecurityContextRepository readOnlySessions() {
        HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
        sessions.setAllowSessionCreation(false);
        return sessions;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, PartnerService partners, ObjectMapper mapper,
            IntakeRejections rejections, SignInThrottle throttle, Clock clock, AuthenticationModes modes)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(mapper);
        http.headers(h -> h
                .contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(31_536_000).includeSubDomains(true)));
        http.securityMatchers(m -> m.requestMatchers("/api/**", "/demo/**", "/actuator/**", "/v3/api-docs/**", "/error")
                        // The SOAP edge is CXF's own servlet (cxf.path), not Spring MVC's: match it by the plain path.
                        .requestMatchers(SOAP_EDGE))
                // An admin's or viewer's console session counts here too (read from the session, never creating one);
                // a request that relies on it, rather than on an Authorization header, needs the console's CSRF token.
                .csrf(c -> c.requireCsrfProtectionMatcher(SecurityConfig::bySessionAndUnsafe))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .securityContext(c -> c.securityContextRepository(new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository(), readOnlySessions())))
                .httpBasic(b -> b.authenticationEntryPoint((req, res, ex) -> problems.write(req, res, 401, "unauthenticated",
                        "Not authenticated", UNAUTHENTICATED)))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(req, res, 401, "unauthenticated",
                                "Not authenticated", UNAUTHENTICATED))
                        .accessDeniedHandler((req, res, ex) -> problems.write(req, res, 403, "forbidden", "Forbidden",
                                "your role does not allow " + req.getMethod() + " " + req.getRequestURI()
                                        + (ex instanceof org.springframework.security.web.csrf.CsrfException
                                                ? " (a console session needs the X-CSRF-TOKEN header)" : ""))))
                .addFilterBefore(new ApiKeyAuthenticationFilter(partners, modes, mapper, rejections), BasicAuthenticationFilter.class)
                .addFilterBefore(new SignInThrottleFilter(throttle, problems, clock, false), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // health details are shown to operators only (management.endpoint.health.show-details)
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/v3/api-docs/**",
                                "/error").permitAll()
                        .requestMatchers("/actuator/prometheus").hasAnyRole("ADMIN", "VIEWER")
                        .requestMatchers("/demo/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/messages").hasRole("PARTNER")
                        .requestMatchers(HttpMethod.GET, "/api/v1/messages/**").hasAnyRole("PARTNER", "ADMIN", "VIEWER")
                        .requestMatchers("/api/v1/consents/**", "/api/v1/consents").hasAnyRole("PARTNER_VO", "ADMIN")
                        .requestMatchers("/api/v1/subjects/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/transfers", "/api/v1/transfers/**")
                        .hasAnyRole("ADMIN", "VIEWER", "PARTNER_VO", "PARTNER_MBO")
                        .requestMatchers(HttpMethod.GET, "/api/v1/absence", "/api/v1/absence/**")
                        .hasAnyRole("ADMIN", "VIEWER", "PARTNER_VO", "PARTNER_MBO", "PARTNER_GEMEENTE")
                        .requestMatchers(HttpMethod.GET, "/api/v1/partners", "/api/v1/partners/**", "/api/v1/deliveries/**",
                                "/api/v1/rejections", "/api/v1/audit").hasAnyRole("ADMIN", "VIEWER")
                        .requestMatchers("/api/v1/partners", "/api/v1/partners/**", "/api/v1/deliveries/**").hasRole("ADMIN")
                        .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/ws/**")).permitAll()
                        .requestMatchers(SOAP_EDGE).hasRole("PARTNER")
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().hasRole("ADMIN"));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleChain(HttpSecurity http, SignInThrottle throttle, Clock clock, ObjectMapper mapper)
            throws Exception {
        // Scripts only from the hub itself (console.js): no inline script, no inline event handlers. HSTS is sent on
        // HTTPS only (Spring Security writes it on secure requests).
        http.headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CONSOLE_CSP))
                        .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(31_536_000).includeSubDomains(true)))
                .addFilterBefore(new SignInThrottleFilter(throttle, new ProblemResponses(mapper), clock, true),
                        UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/admin/login", "/admin/assets/**", "/favicon.ico").permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/admin", "/admin/**").hasAnyRole("ADMIN", "VIEWER")
                        // searching is reading: a BSN travels in a form body, never in a URL
                        .requestMatchers(HttpMethod.POST, "/admin/messages", "/admin/transfers", "/admin/absence")
                        .hasAnyRole("ADMIN", "VIEWER")
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/admin/login").defaultSuccessUrl("/admin/", false).permitAll())
                .logout(l -> l.logoutUrl("/admin/logout").logoutSuccessUrl("/admin/login?logout"))
                .exceptionHandling(e -> e.accessDeniedHandler((req, res, ex) -> {
                    res.setStatus(403);
                    res.setContentType("text/html;charset=UTF-8");
                    res.getWriter().write("<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>403</title>"
                            + "<link rel=\"stylesheet\" href=\"/admin/assets/console.css\"></head><body><main class=\"narrow\">"
                            + "<h1>Geen toegang / Access denied</h1><p>Deze actie is alleen voor beheerders. "
                            + "This action is for admins only.</p><p><a href=\"/admin/\">Ketenhub</a></p></main></body></html>");
                }));
        return http.build();
    }
}
