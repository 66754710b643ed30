package nl.ketenhub.audit;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How long the hub keeps what it holds for the admin only ({@code ketenhub.retention.*}): refused messages and the
 * bodies of replayed parked deliveries.
 *
 * @param rejectionBody bytes of a refused message's body kept for the admin; the rest is cut off
 * @param rejections refused messages are dropped this long after they were refused
 * @param maxRejections most refused messages kept; the oldest beyond this many are dropped
 * @param replayedParked the body of a parked delivery is cleared this long after its replay (never while it waits)
 * @param scanPeriod how often the retention route drops what is past these limits
 */
@Validated
@ConfigurationProperties(prefix = "ketenhub.retention")
public record RetentionProperties(
        @DefaultValue("8KB") @NotNull DataSize rejectionBody,
        @DefaultValue("30d") @NotNull Duration rejections,
        @DefaultValue("20000") @Min(0) long maxRejections,
        @DefaultValue("30d") @NotNull Duration replayedParked,
        @DefaultValue("1h") @NotNull Duration scanPeriod) {}
