package nl.ketenhub.security;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    }

    private final JdbcClient jdbc;

    public AuthenticationModes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Mode of(String oin) {
        return jdbc.sql("select auth_mode from partner where oin = ?").param(oin).query(String.class).optional()
                .flatMap(Mode::fromWireName).orElse(Mode.API_KEY);
    }

    /** Sets a partner's mode; false when no such partner exists. */
    public boolean set(String oin, Mode mode) {
        return jdbc.sql("update partner set auth_mode = ? where oin = ?").params(mode.wireName(), oin).update() == 1;
    }

    /** The broker user a partner's JMS login is validated as, when the operator has set one. */
    public Optional<String> brokerUser(String oin) {
        return jdbc.sql("select broker_user from partner where oin = ?").param(oin).query(String.class).optional();
    }

    /** The system (SFTP) account that must own the files in the partner's CSV inbox, when the operator has set one. */
    public Optional<String> inboxAccount(String oin) {
        return jdbc.sql("select inbox_account from partner where oin = ?").param(oin).query(String.class).optional();
    }

    /** Sets (or, with null, clears) a partner's broker user; it must be no other partner's. */
    public void setBrokerUser(String oin, String brokerUser) {
        jdbc.sql("update partner set broker_user = ? where oin = ?").params(brokerUser, oin).update();
    }

    /** Sets (or, with null, clears) the account that writes a partner's CSV inbox. */
    public void setInboxAccount(String oin, String account) {
        jdbc.sql("update partner set inbox_account = ? where oin = ?").params(account, oin).update();
    }

    /** Every broker user an operator has set, by partner OIN. */
    public java.util.Map<String, String> brokerUsers() {
        java.util.Map<String, String> users = new java.util.LinkedHashMap<>();
        jdbc.sql("select oin, broker_user from partner where broker_user is not null")
                .query((rs, n) -> users.put(rs.getString(1), rs.getString(2))).list();
        return users;
    }
}
