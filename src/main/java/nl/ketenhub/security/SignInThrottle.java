package nl.ketenhub.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nl.ketenhub.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Throttles password sign-ins (console form and HTTP Basic alike), per account and per client address: after a
 * number of failures in a row the account or address is locked for a while, and every further failure doubles the
 * lock (up to a ceiling). While locked, no password is checked, not even the right one. Each lockout is written to
 * the audit log. A successful sign-in clears the account's and the address's count.
 *
 * <p>The counts live in memory: each hub instance throttles the sign-ins it sees.
 */
@Component
public class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    private static final int MAX_ENTRIES = 10_000;

    private record Failures(int count, Instant lockedUntil) {}

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final AuditLog audit;
    private final Clock clock;
    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration lockout;
    private final Duration maxLockout;

    public SignInThrottle(AuditLog audit, Clock clock, SignInProperties properties) {
        this.audit = audit;
        this.clock = clock;
        this.maxPerAccount = properties.maxFailuresPerAccount();
        this.maxPerAddress = properties.maxFailuresPerAddress();
        this.lockout = properties.lockout();
        this.maxLockout = properties.maxLockout();
    }

    /** Until when a sign-in as this user from this address is refused without looking at the password, if it is. */
    public Optional<Instant> lockedUntil(String username, String address) {
        Instant now = clock.instant();
        Instant until = null;
        for (String key : keys(username, address)) {
            Failures f = failures.get(key);
            if (f != null && f.lockedUntil() != null && f.lockedUntil().isAfter(now)
                    && (until == null || f.lockedUntil().isAfter(until))) {
                until = f.lockedUntil();
            }
        }
        return Optional.ofNullable(until);
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        Authentication attempt = event.getAuthentication();
        String username = attempt.getName();
        String address = address(attempt);
        Instant now = clock.instant();
        if (failures.size() > MAX_ENTRIES) {
            failures.values().removeIf(f -> f.lockedUntil() == null || f.lockedUntil().isBefore(now.minus(maxLockout)));
        }
        if (username != null && !username.isBlank()) {
            count("account:" + username, maxPerAccount, now, "account " + username);
        }
        if (address != null) {
            count("address:" + address, maxPerAddress, now, "client address " + address);
        }
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
        Authentication auth = event.getAuthentication();
        keys(auth.getName(), address(auth)).forEach(failures::remove);
    }

    private void count(String key, int max, Instant now, String what) {
        Failures f = failures.merge(key, new Failures(1, null), (old, one) -> {
            int n = old.count() + 1;
            if (n < max) {
                return new Failures(n, null);
            }
            long factor = 1L << Math.min(n - max, 20);
            Duration lock = lockout.multipliedBy(factor);
            return new Failures(n, now.plus(lock.compareTo(maxLockout) > 0 ? maxLockout : lock));
        });
        if (f.lockedUntil() != null) {
            audit.record("sign-in.locked", what, f.count() + " failed sign-ins in a row: locked until " + f.lockedUntil());
            log.warn("sign-in locked for {} until {} after {} failures", what.startsWith("account") ? "an account" : what,
                    f.lockedUntil(), f.count());
        }
    }

    private static java.util.List<String> keys(String username, String address) {
        java.util.List<String> keys = new java.util.ArrayList<>(2);
        if (username != null && !username.isBlank()) {
            keys.add("account:" + username);
        }
        if (address != null) {
            keys.add("address:" + address);
        }
        return keys;
    }

    private static String address(Authentication auth) {
        return auth.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
    }
}
