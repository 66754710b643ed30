package nl.ketenhub.absence;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of absence tracking ({@code ketenhub.absence.*}). School days and working days are the tracking calendar
 * (Monday to Friday minus {@code ketenhub.tracking.holidays}).
 *
 * @param reportWithinSchoolDays a report is on time when the hub receives it within this many school days of the
 *     threshold being reached (of the end of the period for the kinds without a threshold)
 * @param ackWithinWorkingDays the gemeente acknowledges (a follow-up of any status) within this many working days of
 *     the delivery, or is reminded
 * @param openAfterDays the console and the counts call a report still open after this many days old
 * @param scanPeriod how often every instance runs the acknowledgement scan
 */
@Validated
@ConfigurationProperties(prefix = "ketenhub.absence")
public record AbsenceProperties(
        @DefaultValue("5") @Min(1) @Max(30) int reportWithinSchoolDays,
        @DefaultValue("5") @Min(1) @Max(60) int ackWithinWorkingDays,
        @DefaultValue("20") @Min(1) @Max(365) int openAfterDays,
        @DefaultValue("15m") @NotNull Duration scanPeriod) {}
