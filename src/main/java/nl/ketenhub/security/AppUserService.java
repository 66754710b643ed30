package nl.ketenhub.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Console and admin-API users, with role admin or viewer. */
@Service
public class AppUserService implements UserDetailsService {

    /** A console user, without the password hash. */
    public record AppUser(String username, Role role, boolean enabled) {}

    /** admin: everything; viewer: read-only and never payload content. */
    public enum Role { ADMIN, VIEWER }

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;

    public AppUserService(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("select username, password_hash, role, enabled from app_user where username = ?")
                .param(username)
                .query((rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .roles(rs.getString("role"))
                        .disabled(!rs.getBoolean("enabled"))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    public Optional<AppUser> find(String username) {
        return jdbc.sql("select username, role, enabled from app_user where username = ?").param(username)
                .query((rs, n) -> new AppUser(rs.getString("username"), Role.valueOf(rs.getString("role")), rs.getBoolean("enabled")))
                .optional();
    }

    public List<AppUser> list() {
        return jdbc.sql("select username, role, enabled from app_user order by username")
                .query((rs, n) -> new AppUser(rs.getString("username"), Role.valueOf(rs.getString("role")), rs.getBoolean("enabled")))
                .list();
    }

    /** The shortest password the hub accepts, for every user, the first admin included. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    /** Refuses a password shorter than {@link #MIN_PASSWORD_LENGTH}. */
    public static void checkPassword(String rawPassword) {
        if (rawPassword == null || rawPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("passwords have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    public void create(String username, String rawPassword, Role role) {
        checkPassword(rawPassword);
        jdbc.sql("insert into app_user (username, password_hash, role, enabled, created_at) values (?, ?, ?, true, ?)")
                .params(username, encoder.encode(rawPassword), role.name(), Timestamp.from(clock.instant()))
                .update();
    }

    public void setPassword(String username, String rawPassword) {
        checkPassword(rawPassword);
        jdbc.sql("update app_user set password_hash = ? where username = ?")
                .params(encoder.encode(rawPassword), username).update();
    }

    public void setEnabled(String username, boolean enabled) {
        jdbc.sql("update app_user set enabled = ? where username = ?").params(enabled, username).update();
    }
}
