package nl.ketenhub.tracking;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of transfer tracking ({@code ketenhub.tracking.*}): the calendar of working days, the deadlines and how
 * often the deadline scans run.
 *
 * @param zone the time zone in which dates (due dates, the RMC deadline) are reckoned
 * @param holidays extra non-working dates besides Saturdays and Sundays (ISO dates, e.g. 2027-04-27)
 * @param escalationAfterDays working days after the reminder to an MBO before the VO school gets an escalation
 * @param rmcDeadline month and day (MM-dd) in the calendar year a school year ends in, by which a leaver without an
 *     'ingeschreven' status is signalled to the RMC; 10-01 signals leavers of 2026-2027 on 2027-10-01
 * @param noticeMaxAge gemeenten get notices and signals only for students younger than this (and without a
 *     startkwalificatie)
 * @param scanPeriod how often every instance runs the acknowledgement deadline scan
 * @param rmcScanPeriod how often every instance runs the RMC signal scan
 * @param scanDelay how long after start-up the scans first run
 * @param scanBatchSize transfers claimed per round of a scan
 */
@Validated
@ConfigurationProperties(prefix = "ketenhub.tracking")
public record TrackingProperties(
        @DefaultValue("Europe/Amsterdam") @NotNull ZoneId zone,
        @DefaultValue({}) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) List<LocalDate> holidays,
        @DefaultValue("5") @Min(1) @Max(60) int escalationAfterDays,
        @DefaultValue("10-01") @Pattern(regexp = "(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])",
                message = "must be MM-dd, e.g. 10-01") String rmcDeadline,
        @DefaultValue("23") @Min(16) @Max(30) int noticeMaxAge,
        @DefaultValue("15m") @NotNull Duration scanPeriod,
        @DefaultValue("1h") @NotNull Duration rmcScanPeriod,
        @DefaultValue("10s") @NotNull Duration scanDelay,
        @DefaultValue("200") @Min(1) @Max(5000) int scanBatchSize) {

    public TrackingProperties {
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        if (rmcDeadline != null && rmcDeadline.matches("\\d{2}-\\d{2}")) {
            try {
                MonthDay.parse("--" + rmcDeadline);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("ketenhub.tracking.rmc-deadline " + rmcDeadline + " is not a day of the year");
            }
        }
    }

    /** The RMC deadline as a month and day. */
    public MonthDay rmcDeadlineMonthDay() {
        return MonthDay.parse("--" + rmcDeadline);
    }
}
