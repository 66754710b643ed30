package nl.ketenhub.routing;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Recovery of messages the ledger recorded but the core route never routed ({@code ketenhub.recovery.*}).
 *
 * @param after a message not routed this long after it was recorded, while the intake queue stands empty, is put
 *     back on it
 * @param scanPeriod how often every instance looks for such messages
 */
@Validated
@ConfigurationProperties(prefix = "ketenhub.recovery")
public record RecoveryProperties(
        @DefaultValue("10m") @NotNull Duration after,
        @DefaultValue("5m") @NotNull Duration scanPeriod) {}
