package nl.ketenhub.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import nl.ketenhub.audit.AuditLog;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** How a partner authenticates: api-key, mtls (its PKIoverheid certificate carries its OIN), or both. */
@RestController
@RequestMapping("/api/v1/partners/{oin}/authentication")
@Tag(name = "Partners", description = "The partner directory (admin)")
public class PartnerAuthenticationController {

    /** A partner's authentication mode. */
    public record Authentication(String oin, String mode) {}

    private final PartnerService partners;
    private final AuthenticationModes modes;
    private final AuditLog audit;

    public PartnerAuthenticationController(PartnerService partners, AuthenticationModes modes, AuditLog audit) {
        this.partners = partners;
        this.modes = modes;
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "How a partner authenticates: api-key, mtls or both")
    public Authentication get(@PathVariable String oin) {
        partners.get(oin);
        return new Authentication(oin, modes.of(oin).wireName());
    }

    @PutMapping
    @Operation(summary = "Set how a partner authenticates: api-key, mtls (two-way TLS with a certificate whose subject "
            + "serialNumber is its OIN) or both (while it migrates)")
    public Authentication set(@PathVariable String oin, @RequestBody Authentication request) {
        partners.get(oin);
        AuthenticationModes.Mode mode = AuthenticationModes.Mode.fromWireName(request == null ? null : request.mode())
                .orElseThrow(() -> new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Request is not valid",
                        "mode is api-key, mtls or both", List.of(new Violation("/mode", "api-key, mtls or both"))));
        modes.set(oin, mode);
        audit.record("partner.authentication", oin, mode.wireName());
        return new Authentication(oin, mode.wireName());
    }
}
