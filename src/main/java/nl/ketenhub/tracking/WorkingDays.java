package nl.ketenhub.tracking;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The calendar of working days: Monday to Friday, except the configured holidays. */
@Component
public class WorkingDays {

    private final Set<LocalDate> holidays;

    public WorkingDays(TrackingProperties properties) {
        this.holidays = Set.copyOf(properties.holidays());
    }

    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
    }

    /** The date that lies {@code days} working days after {@code start} (the start itself does not count). */
    public LocalDate plus(LocalDate start, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative");
        }
        LocalDate date = start;
        int counted = 0;
        while (counted < days) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                counted++;
            }
        }
        return date;
    }
}
