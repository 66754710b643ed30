package nl.ketenhub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import nl.ketenhub.audit.IntakeRejections;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerRepository;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.web.IntakeOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates partner systems, by {@code Authorization: Bearer <api-key>} or by the client certificate of a two-way
 * TLS connection, whose subject serialNumber is the partner's OIN (the PKIoverheid convention), each as the partner's
 * authentication mode allows. An unknown key, a certificate of no partner, a certificate and a key of two different
 * partners, or a way the partner's mode does not allow are answered with 401 or 403 at once (a SOAP fault on the
 * SOAP edge); requests with neither pass on to the other mechanisms (admin login).
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";
    private static final String SERIAL_NUMBER_OID = "2.5.4.5";

    private final PartnerService partners;
    private final AuthenticationModes modes;
    private final ProblemResponses problems;
    private final IntakeRejections rejections;

    public ApiKeyAuthenticationFilter(PartnerService partners, AuthenticationModes modes, ObjectMapper mapper,
            IntakeRejections rejections) {
        this.partners = partners;
        this.modes = modes;
        this.problems = new ProblemResponses(mapper);
        this.rejections = rejections;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
        Object attribute = request.getAttribute(CERTIFICATES);
        X509Certificate certificate = attribute instanceof X509Certificate[] certificates && certificates.length > 0 ? certificates[0] : null;
        if (!bearer && certificate == null) {
            chain.doFilter(request, response);
            return;
        }
        Partner byCertificate = null;
        if (certificate != null) {
            Optional<String> oin = oin(certificate);
            Optional<Partner> found = oin.flatMap(partners::find).filter(Partner::enabled);
            if (found.isEmpty()) {
                refuse(request, response, 401, "unknown-certificate", oin.isEmpty()
                        ? "the client certificate carries no OIN in its subject serialNumber"
                        : "the client certificate's OIN " + oin.get() + " is not an enabled partner");
                return;
            }
            byCertificate = found.get();
        }
        Partner byKey = null;
        String keyHoldersMode = null;
        if (bearer) {
            Optional<PartnerRepository.KeyHolder> holder = partners.authenticate(header.substring(7).trim());
            if (holder.isEmpty()) {
                refuse(request, response, 401, "unauthenticated",
                        "the API key is unknown, rotated, or belongs to a disabled partner");
                return;
            }
            byKey = holder.get().partner();
            keyHoldersMode = holder.get().authMode();
        }
        if (byKey != null && byCertificate != null && !byKey.oin().equals(byCertificate.oin())) {
            refuse(request, response, 403, "certificate-mismatch", "the client certificate's OIN " + byCertificate.oin()
                    + " is not the partner this API key belongs to (" + byKey.oin() + ")");
            return;
        }
        Partner partner = byCertificate != null ? byCertificate : byKey;
        // with a key, the partner is the key's holder (a certificate of another partner was refused above)
        AuthenticationModes.Mode mode = byKey != null ? AuthenticationModes.Mode.stored(keyHoldersMode)
                : modes.of(partner.oin());
        boolean allowed = (byCertificate != null && mode.allowsCertificate()) || (byKey != null && mode.allowsApiKey());
        if (!allowed) {
            refuse(request, response, 401, "authentication-mode", "partner " + partner.oin() + " authenticates "
                    + (mode == AuthenticationModes.Mode.MTLS ? "with its PKIoverheid certificate (two-way TLS)" : "with its API key"));
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(new PartnerAuthentication(partner));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String type, String detail)
            throws IOException {
        String title = status == 401 ? "Not authenticated" : "Forbidden";
        rejections.record(SecurityConfig.isSoapEdge(request) ? "soap" : "rest", null,
                new IntakeOutcome.Rejected(HttpStatus.valueOf(status), type, title,
                        detail + " (" + request.getMethod() + " " + request.getRequestURI() + ")", List.of(), null),
                null);
        problems.write(request, response, status, type, title, detail);
    }

    /** The OIN in a certificate's subject serialNumber (OID 2.5.4.5), as PKIoverheid certificates carry it. */
    static Optional<String> oin(X509Certificate certificate) {
        String name = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253,
                Map.of(SERIAL_NUMBER_OID, "SERIALNUMBER"));
        try {
            for (Rdn rdn : new LdapName(name).getRdns()) {
                if ("SERIALNUMBER".equalsIgnoreCase(rdn.getType()) && rdn.getValue() != null) {
                    String value = rdn.getValue().toString().trim();
                    return value.matches("[0-9A-Z]{20}") ? Optional.of(value) : Optional.empty();
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
