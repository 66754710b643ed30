package nl.ketenhub.security;

import java.util.Arrays;
import java.util.Optional;
import nl.ketenhub.partner.PartnerRepository;
import org.springframework.stereotype.Component;

/**
 * How each partner authenticates: by API key, by its PKIoverheid certificate (two-way TLS), or both; and who it is on
 * the edges without HTTP: the user its broker login is validated as (JMS), and the account that writes its CSV inbox.
 */
@Component
public class AuthenticationModes {

    /** A partner's authentication mode. */
    public enum Mode {
        API_KEY("api-key"), MTLS("mtls"), BOTH("both");

        private final String wireName;

        Mode(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public boolean allowsApiKey() {
            return this != MTLS;
        }

        public boolean allowsCertificate() {
            return this != API_KEY;
        }

        public static Optional<Mode> fromWireName(String name) {
            return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
        }

        /** The mode a partner's stored wire name stands for: an API key when none (or an unknown one) is set. */
        public static Mode stored(String wireName) {
            return fromWireName(wireName).orElse(API_KEY);
        }
    }

    private final PartnerRepository partners;

    public AuthenticationModes(PartnerRepository partners) {
        this.partners = partners;
    }

    public Mode of(String oin) {
        return Mode.stored(partners.authMode(oin).orElse(null));
    }

    /** Sets a partner's mode; false when no such partner exists. */
    public boolean set(String oin, Mode mode) {
        return partners.setAuthMode(oin, mode.wireName());
    }

    /** The broker user a partner's JMS login is validated as, when the operator has set one. */
    public Optional<String> brokerUser(String oin) {
        return partners.brokerUser(oin);
    }

    /** The system (SFTP) account that must own the files in the partner's CSV inbox, when the operator has set one. */
    public Optional<String> inboxAccount(String oin) {
        return partners.inboxAccount(oin);
    }

    /** Sets (or, with null, clears) a partner's broker user; it must be no other partner's. */
    public void setBrokerUser(String oin, String brokerUser) {
        partners.setBrokerUser(oin, brokerUser);
    }

    /** Sets (or, with null, clears) the account that writes a partner's CSV inbox. */
    public void setInboxAccount(String oin, String account) {
        partners.setInboxAccount(oin, account);
    }

    /** Every broker user an operator has set, by partner OIN. */
    public java.util.Map<String, String> brokerUsers() {
        return partners.brokerUsers();
    }
}
