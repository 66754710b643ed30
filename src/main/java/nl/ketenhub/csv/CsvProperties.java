package nl.ketenhub.csv;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * CSV exchange with gemeenten and schools ({@code ketenhub.csv.*}).
 *
 * @param inbox directory with one subdirectory per sending partner (its OIN) into which CSV files are dropped
 * @param pollDelay how often the inbox is scanned
 * @param writeInterval how often staged rows are written to the gemeenten's drop directories
 * @param maxFileBytes largest CSV file the inbox takes; a larger one goes to failed/ unread, with its error file
 */
@Validated
@ConfigurationProperties(prefix = "ketenhub.csv")
public record CsvProperties(
        @NotBlank String inbox,
        @DefaultValue("5s") Duration pollDelay,
        @DefaultValue("1m") Duration writeInterval,
        @DefaultValue("4MB") org.springframework.util.unit.DataSize maxFileBytes) {}
