package nl.ketenhub.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Lockout after failed password sign-ins ({@code ketenhub.sign-in.*}); each instance counts for itself.
 *
 * @param maxFailuresPerAccount failed sign-ins in a row as one account before it is locked out
 * @param maxFailuresPerAddress failed sign-ins in a row from one address before it is locked out
 * @param lockout the first lockout, doubled with every further failure up to max-lockout
 * @param maxLockout the longest lockout
 */
@Validated
@ConfigurationProperties(prefix = "ketenhub.sign-in")
public record SignInProperties(
        @DefaultValue("5") @Min(1) int maxFailuresPerAccount,
        @DefaultValue("20") @Min(1) int maxFailuresPerAddress,
        @DefaultValue("1m") @NotNull Duration lockout,
        @DefaultValue("1h") @NotNull Duration maxLockout) {}
