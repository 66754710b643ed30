package nl.ketenhub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Two doors. Machine APIs ({@code /api}, {@code /ws}, actuator): stateless, partners by API key, admins by HTTP
 * Basic, errors as problem+json. The console ({@code /admin}): form login, session, CSRF protection.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    private static final PathPatternRequestMatcher SOAP_EDGE = PathPatternRequestMatcher.withDefaults().matcher("/ws/**");

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, PartnerService partners, ObjectMapper mapper,
            nl.ketenhub.intake.IntakeRejections rejections) throws Exception {
        ProblemResponses problems = new ProblemResponses(mapper);
        http.securityMatchers(m -> m.requestMatchers("/api/**", "/demo/**", "/actuator/**", "/v3/api-docs/**", "/error")
                        // The SOAP edge is CXF's own servlet (cxf.path), not Spring MVC's: match it by the plain path.
                        .requestMatchers(SOAP_EDGE))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.authenticationEntryPoint((req, res, ex) -> problems.write(res, 401, "unauthenticated",
                        "Not authenticated", "send 'Authorization: Bearer <api-key>' (partners) or HTTP Basic (admins)")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(res, 401, "unauthenticated",
                                "Not authenticated", "send 'Authorization: Bearer <api-key>' (partners) or HTTP Basic (admins)"))
                        .accessDeniedHandler((req, res, ex) -> problems.write(res, 403, "forbidden", "Forbidden",
                                "your role does not allow " + req.getMethod() + " " + req.getRequestURI())))
                .addFilterBefore(new ApiKeyAuthenticationFilter(partners, mapper, rejections), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus",
                                "/actuator/info", "/v3/api-docs/**", "/error").permitAll()
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
    SecurityFilterChain consoleChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
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
