package nl.ketenhub.canonical;

import java.time.LocalDate;
import java.time.MonthDay;

/** Arithmetic on school years written as two consecutive years ("2026-2027"). */
public final class SchoolYears {

    private SchoolYears() {}

    /** The calendar year the school year ends in: 2027 for 2026-2027. */
    public static int leavingYear(String schoolYear) {
        return Integer.parseInt(schoolYear.substring(5, 9));
    }

    /** The school year before: 2025-2026 for 2026-2027. */
    public static String previous(String schoolYear) {
        int first = Integer.parseInt(schoolYear.substring(0, 4));
        return (first - 1) + "-" + first;
    }

    /** The school year after: 2027-2028 for 2026-2027. */
    public static String next(String schoolYear) {
        int second = leavingYear(schoolYear);
        return second + "-" + (second + 1);
    }

    /** The RMC deadline of a school year's leavers: the deadline's month and day in the year the school year ends. */
    public static LocalDate rmcDeadline(String schoolYear, MonthDay deadline) {
        return deadline.atYear(leavingYear(schoolYear));
    }

    /** The latest leaving year whose RMC deadline has been reached on {@code today}. */
    public static int lastLeavingYearDue(LocalDate today, MonthDay deadline) {
        return today.isBefore(deadline.atYear(today.getYear())) ? today.getYear() - 1 : today.getYear();
    }
}
