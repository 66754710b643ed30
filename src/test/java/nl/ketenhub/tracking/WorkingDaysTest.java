package nl.ketenhub.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import nl.ketenhub.canonical.SchoolYears;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    private static TrackingProperties properties(List<LocalDate> holidays) {
        return new TrackingProperties(ZoneId.of("Europe/Amsterdam"), holidays, 5, "10-01", 23, Duration.ofMinutes(15),
                Duration.ofHours(1), Duration.ofSeconds(10), 200);
    }

    @Test
    void shouldSkipWeekendsWhenCountingWorkingDays() {
        WorkingDays days = new WorkingDays(properties(List.of()));

        // Monday 19 April 2027 + 5 working days: Tuesday to Friday, then Monday 26 April
        assertThat(days.plus(LocalDate.of(2027, 4, 19), 5)).isEqualTo(LocalDate.of(2027, 4, 26));
        // delivered on a Saturday: the period starts on Monday
        assertThat(days.plus(LocalDate.of(2027, 4, 24), 1)).isEqualTo(LocalDate.of(2027, 4, 26));
        assertThat(days.plus(LocalDate.of(2027, 4, 19), 0)).isEqualTo(LocalDate.of(2027, 4, 19));
    }

    @Test
    void shouldSkipConfiguredHolidays() {
        WorkingDays days = new WorkingDays(properties(List.of(LocalDate.of(2027, 4, 27), LocalDate.of(2027, 5, 5))));

        assertThat(days.isWorkingDay(LocalDate.of(2027, 4, 27))).isFalse();
        assertThat(days.isWorkingDay(LocalDate.of(2027, 4, 28))).isTrue();
        // Monday 19 April + 10 working days, Koningsdag (Tuesday 27 April) not counted: Tuesday 4 May
        assertThat(days.plus(LocalDate.of(2027, 4, 19), 10)).isEqualTo(LocalDate.of(2027, 5, 4));
        // across Bevrijdingsdag (Wednesday 5 May)
        assertThat(days.plus(LocalDate.of(2027, 5, 4), 1)).isEqualTo(LocalDate.of(2027, 5, 6));
    }

    @Test
    void shouldRefuseANegativeNumberOfDays() {
        WorkingDays days = new WorkingDays(properties(List.of()));

        assertThatThrownBy(() -> days.plus(LocalDate.of(2027, 4, 19), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPutTheRmcDeadlineInTheYearTheSchoolYearEnds() {
        MonthDay firstOctober = properties(List.of()).rmcDeadlineMonthDay();

        assertThat(SchoolYears.rmcDeadline("2026-2027", firstOctober)).isEqualTo(LocalDate.of(2027, 10, 1));
        assertThat(SchoolYears.lastLeavingYearDue(LocalDate.of(2027, 9, 30), firstOctober)).isEqualTo(2026);
        assertThat(SchoolYears.lastLeavingYearDue(LocalDate.of(2027, 10, 1), firstOctober)).isEqualTo(2027);
        assertThat(SchoolYears.previous("2026-2027")).isEqualTo("2025-2026");
        assertThat(SchoolYears.next("2026-2027")).isEqualTo("2027-2028");
    }

    @Test
    void shouldRefuseAnRmcDeadlineThatIsNoDayOfTheYear() {
        assertThatThrownBy(() -> new TrackingProperties(ZoneId.of("Europe/Amsterdam"), List.of(), 5, "02-30", 23,
                Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofSeconds(10), 200))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("02-30");
    }
}
