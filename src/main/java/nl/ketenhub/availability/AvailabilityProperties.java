package nl.ketenhub.availability;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * When the hub takes messages ({@code ketenhub.availability.*}): what it checks of the stores it writes to, and what
 * it tells a sender it has to turn away.
 *
 * @param checkPeriod how often the database, the broker and the data directory's free space are checked (a failure
 *     a route or a request meets is checked again at once)
 * @param minFreeDisk new messages are refused (503) while the data directory's file system has less free space than
 *     this; it must lie above what the broker (max-disk-usage) and the database need to go on working
 * @param databaseTimeout how long the database check waits for an answer
 * @param retryAfter the Retry-After told to a sender turned away while a store is away
 */
@Validated
@ConfigurationProperties(prefix = "ketenhub.availability")
public record AvailabilityProperties(
        @DefaultValue("1s") @NotNull Duration checkPeriod,
        @DefaultValue("512MB") @NotNull DataSize minFreeDisk,
        @DefaultValue("2s") @NotNull Duration databaseTimeout,
        @DefaultValue("10s") @NotNull Duration retryAfter) {}
