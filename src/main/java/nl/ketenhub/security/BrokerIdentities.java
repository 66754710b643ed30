package nl.ketenhub.security;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerRepository;
import nl.ketenhub.partner.PartnerService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who sent a message on the JMS edge. A partner proves itself by its API key (property {@code KetenhubApiKey}), by
 * the login its broker validated, or both, as its authentication mode allows:
 *
 * <ul>
 *   <li>The validated login counts only where the operator says the broker authenticates every client and stamps its
 *       user on every message ({@code ketenhub.jms.broker-validated-user}: an external Artemis with security on and
 *       {@code populate-validated-user}); the message then carries it as {@code JMSXUserID}, and a client cannot
 *       forge it, as the broker overwrites it. On the hub's embedded in-VM broker no outside client can connect and
 *       nothing is authenticated, so the property is ignored there.</li>
 *   <li>A validated user is a partner's when the operator set it as the partner's broker user, when it is the
 *       partner's OIN, or when it is a certificate DN whose serialNumber is the partner's OIN (PKIoverheid). A user
 *       that is no partner's (a shared gateway login) proves nothing, and the API key decides.</li>
 *   <li>The broker login is the JMS form of the certificate: a partner in mode {@code mtls} must have one on every
 *       message; one in mode {@code api-key} must send its key; {@code both} takes either. A login and a key of two
 *       different partners are refused.</li>
 * </ul>
 *
 * The envelope's sender must then be the partner found (IntakeService: {@code sender-mismatch}).
 */
@Component
public class BrokerIdentities {

    /** Who sent the message, or why the hub cannot tell. */
    public sealed interface Identity {}

    /** The partner that sent the message. */
    public record Known(Partner partner) implements Identity {}

    /** The message is refused: 401 or 403 with a code and the reason. */
    public record Refused(HttpStatus status, String type, String detail) implements Identity {}

    private static final String SERIAL_NUMBER_OID = "2.5.4.5";

    private final PartnerService partners;
    private final AuthenticationModes modes;
    private final boolean demoMode;
    private final boolean brokerValidatesUsers;

    public BrokerIdentities(PartnerService partners, AuthenticationModes modes, KetenhubProperties properties) {
        this.partners = partners;
        this.modes = modes;
        this.demoMode = properties.demo().enabled();
        this.brokerValidatesUsers = properties.jms().brokerValidatedUser();
    }

    /** Whether the hub takes the broker's validated user (JMSXUserID) as the sender's login. */
    public boolean brokerValidatesUsers() {
        return brokerValidatesUsers;
    }

    /**
     * @param apiKey the message's KetenhubApiKey property, or null
     * @param validatedUser the message's JMSXUserID as the broker stamped it, or null (ignored unless the broker
     *     validates users)
     */
    public Identity identify(String apiKey, String validatedUser) {
        String login = brokerValidatesUsers && validatedUser != null && !validatedUser.isBlank() ? validatedUser : null;
        Partner byKey = null;
        String keyHoldersMode = null;
        if (apiKey != null && !apiKey.isBlank()) {
            Optional<PartnerRepository.KeyHolder> holder = partners.authenticate(apiKey);
            byKey = holder.map(PartnerRepository.KeyHolder::partner).orElse(null);
            keyHoldersMode = holder.map(PartnerRepository.KeyHolder::authMode).orElse(null);
            if (byKey == null) {
                return new Refused(HttpStatus.UNAUTHORIZED, "unauthenticated",
                        "the API key is unknown, rotated, or belongs to a disabled partner");
            }
        }
        Partner byLogin = login == null ? null : partnerOf(login).orElse(null);
        if (byKey == null && byLogin == null) {
            return new Refused(HttpStatus.UNAUTHORIZED, login == null ? "unauthenticated" : "unknown-broker-user",
                    login == null ? "no valid API key: set the property KetenhubApiKey"
                            + (brokerValidatesUsers ? ", or log in to the broker as your partner's user" : "")
                            : "the broker validated your login as '" + login + "', which is no enabled partner's broker "
                                    + "user, and the message carries no API key");
        }
        if (byKey != null && byLogin != null && !byKey.oin().equals(byLogin.oin())) {
            return new Refused(HttpStatus.FORBIDDEN, "broker-user-mismatch", "the broker validated your login as partner "
                    + byLogin.oin() + ", but the API key belongs to partner " + byKey.oin());
        }
        Partner partner = byLogin != null ? byLogin : byKey;
        // with a key, the partner is the key's holder (a login of another partner was refused above)
        AuthenticationModes.Mode mode = byKey != null ? AuthenticationModes.Mode.stored(keyHoldersMode)
                : modes.of(partner.oin());
        if ((byLogin != null && mode.allowsCertificate()) || (byKey != null && mode.allowsApiKey())) {
            return new Known(partner);
        }
        if (mode == AuthenticationModes.Mode.MTLS) {
            return new Refused(HttpStatus.UNAUTHORIZED, "authentication-mode", "partner " + partner.oin()
                    + " authenticates with its certificate: over JMS that is its broker login, validated by the broker "
                    + "(JMSXUserID), and " + (brokerValidatesUsers ? "this message carries no login of this partner"
                            : "the hub's broker validates no logins (ketenhub.jms.broker-validated-user is off)"));
        }
        return new Refused(HttpStatus.UNAUTHORIZED, "authentication-mode", "partner " + partner.oin()
                + " authenticates with its API key: set the property KetenhubApiKey");
    }

    /** The enabled partner a validated broker user belongs to. */
    Optional<Partner> partnerOf(String user) {
        Optional<String> oin = modes.brokerUsers().entrySet().stream()
                .filter(e -> sameUser(e.getValue(), user)).map(Map.Entry::getKey).findFirst();
        if (oin.isEmpty() && user.matches("[0-9A-Z]{20}")) {
            oin = Optional.of(user);
        }
        if (oin.isEmpty()) {
            oin = serialNumber(user);
        }
        return oin.flatMap(partners::find).filter(Partner::enabled).filter(p -> !p.demo() || demoMode);
    }

    /**
     * The same user name, or the same distinguished name however it is spaced or cased and whichever way an attribute
     * is written: keytool and Artemis's certificate login modules write a PKIoverheid serialNumber as
     * {@code SERIALNUMBER=<OIN>}, RFC 2253 (as Java prints it) as {@code 2.5.4.5=#13...}, both the same DN.
     */
    static boolean sameUser(String configured, String validated) {
        if (configured.equals(validated)) {
            return !configured.isEmpty();
        }
        if (!configured.contains("=") || !validated.contains("=")) {
            return false;
        }
        try {
            return new X500Principal(configured).equals(new X500Principal(validated));
        } catch (IllegalArgumentException notX500) {
            // a name outside X.500's keywords: compared as an LDAP name
        }
        try {
            return new LdapName(configured).equals(new LdapName(validated));
        } catch (InvalidNameException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The OIN in a DN's serialNumber, written as SERIALNUMBER=, (OID.)2.5.4.5= or (RFC 2253, as Java prints it)
     * 2.5.4.5=#13.. with the value's DER encoding.
     */
    static Optional<String> serialNumber(String dn) {
        if (!dn.contains("=")) {
            return Optional.empty();
        }
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                String type = rdn.getType().regionMatches(true, 0, "OID.", 0, 4) ? rdn.getType().substring(4) : rdn.getType();
                if (!"SERIALNUMBER".equalsIgnoreCase(type) && !SERIAL_NUMBER_OID.equals(type)) {
                    continue;
                }
                String value = rdn.getValue() instanceof byte[] der ? derString(der) : Objects.toString(rdn.getValue(), "");
                value = value.trim();
                return value.matches("[0-9A-Z]{20}") ? Optional.of(value) : Optional.empty();
            }
        } catch (InvalidNameException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** A DER PrintableString or UTF8String of short length, as a string; empty for anything else. */
    private static String derString(byte[] der) {
        if (der.length < 2 || (der[0] != 0x13 && der[0] != 0x0c) || der[1] < 0 || der[1] != der.length - 2) {
            return "";
        }
        return new String(der, 2, der.length - 2, java.nio.charset.StandardCharsets.UTF_8);
    }
}
