package nl.ketenhub.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import nl.ketenhub.audit.AuditLog;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.web.ProblemException;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How a partner authenticates: api-key, mtls (its PKIoverheid certificate carries its OIN), or both; with the broker
 * user its JMS login is validated as and the account that writes its CSV inbox.
 */
@RestController
@RequestMapping("/api/v1/partners/{oin}/authentication")
@Tag(name = "Partners", description = "The partner directory (admin)")
public class PartnerAuthenticationController {

    /**
     * A partner's authentication mode, and its identities on the JMS and CSV edges.
     *
     * @param brokerUser the user the external broker validates the partner's login as (stamped on its messages as
     *     JMSXUserID); without one, a broker user that is the partner's OIN, or a certificate DN whose serialNumber
     *     is its OIN, is the partner's
     * @param inboxAccount the system (SFTP) account that must own every file in the partner's CSV inbox
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Authentication(String oin, String mode, String brokerUser, String inboxAccount) {}

    private static final java.util.regex.Pattern ACCOUNT = java.util.regex.Pattern.compile("[A-Za-z0-9._@\\\\-]{1,200}");

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
        return current(oin);
    }

    private Authentication current(String oin) {
        return new Authentication(oin, modes.of(oin).wireName(), modes.brokerUser(oin).orElse(null),
                modes.inboxAccount(oin).orElse(null));
    }

    @PutMapping
    @Operation(summary = "Set how a partner authenticates: api-key, mtls (two-way TLS with a certificate whose subject "
            + "serialNumber is its OIN) or both (while it migrates); brokerUser and inboxAccount, when given, set who "
            + "the partner is on the JMS and CSV edges (an empty string clears one; left out, it stays)")
    @Transactional
    public Authentication set(@PathVariable String oin, @RequestBody Authentication request) {
        partners.get(oin);
        AuthenticationModes.Mode mode = AuthenticationModes.Mode.fromWireName(request == null ? null : request.mode())
                .orElseThrow(() -> new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Request is not valid",
                        "mode is api-key, mtls or both", List.of(new Violation("/mode", "api-key, mtls or both"))));
        String brokerUser = request.brokerUser();
        if (brokerUser != null && (brokerUser.length() > 1000 || brokerUser.chars().anyMatch(Character::isISOControl)
                || (!brokerUser.isEmpty() && brokerUser.isBlank()))) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Request is not valid",
                    "brokerUser is a broker user name or certificate DN of at most 1000 characters",
                    List.of(new Violation("/brokerUser", "at most 1000 characters, no control characters")));
        }
        String account = request.inboxAccount();
        if (account != null && !account.isEmpty() && !ACCOUNT.matcher(account).matches()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Request is not valid",
                    "inboxAccount is a system account name (letters, digits, . _ - @ \\, at most 200)",
                    List.of(new Violation("/inboxAccount", "a system account name")));
        }
        modes.set(oin, mode);
        if (brokerUser != null) {
            try {
                modes.setBrokerUser(oin, brokerUser.isEmpty() ? null : brokerUser);
            } catch (DuplicateKeyException taken) {
                throw new ProblemException(HttpStatus.CONFLICT, "broker-user-taken", "Broker user belongs to another partner",
                        "another partner already has this broker user", List.of(new Violation("/brokerUser",
                        "belongs to another partner")));
            }
        }
        if (account != null) {
            modes.setInboxAccount(oin, account.isEmpty() ? null : account);
        }
        Authentication now = current(oin);
        audit.record("partner.authentication", oin, now.mode()
                + (now.brokerUser() == null ? "" : "; broker user " + now.brokerUser())
                + (now.inboxAccount() == null ? "" : "; inbox account " + now.inboxAccount()));
        return now;
    }
}
