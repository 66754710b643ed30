package nl.ketenhub.security;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How each partner authenticates: by API key, by its PKIoverheid certificate (two-way TLS), or both. */
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
}
