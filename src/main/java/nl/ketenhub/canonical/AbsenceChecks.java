package nl.ketenhub.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

/**
 * What the schema cannot say about an absence report: the gemeente's function follows from the student's age and
 * startkwalificatie at the end of the period (Leerplicht under 18, RMC from 18 to 23 without one); unauthorised
 * absence over the threshold names the day it was reached and lies within the period; a signal lies below it.
 */
public final class AbsenceChecks {

    /** Unauthorised absence of this many hours in 4 consecutive school weeks must be reported. */
    public static final int THRESHOLD_HOURS = 16;
    /** Below this age, Leerplicht; from it to {@link #RMC_UNTIL_AGE}, RMC (without a startkwalificatie). */
    public static final int LEERPLICHT_UNTIL_AGE = 18;
    public static final int RMC_UNTIL_AGE = 23;

    private AbsenceChecks() {}

    /** The function of the gemeente a student's report belongs to on a day, or null when no function has a task. */
    public static String functionFor(LocalDate birthDate, Boolean hasStartkwalificatie, LocalDate on) {
        int age = Period.between(birthDate, on).getYears();
        if (age < LEERPLICHT_UNTIL_AGE) {
            return "leerplicht";
        }
        if (age < RMC_UNTIL_AGE && !Boolean.TRUE.equals(hasStartkwalificatie)) {
            return "rmc";
        }
        return null;
    }

    /** Violations of a schema-valid absence report payload, pointers under {@code base}. */
    static void check(JsonNode payload, String base, List<Violation> out) {
        JsonNode student = payload.path("student");
        JsonNode period = payload.path("period");
        LocalDate end = LocalDate.parse(period.path("endDate").asText());
        LocalDate start = LocalDate.parse(period.path("startDate").asText());
        LocalDate birth = LocalDate.parse(student.path("birthDate").asText());
        Boolean skq = student.path("hasStartkwalificatie").isBoolean() ? student.get("hasStartkwalificatie").asBoolean() : null;
        String function = payload.path("function").asText();
        String expected = functionFor(birth, skq, end);
        if (expected == null) {
            out.add(new Violation(base + "/student", "a student of 18 or older with a startkwalificatie, or of 23 or older,"
                    + " is neither Leerplicht's nor the RMC's: no absence report"));
        } else if ("rmc".equals(expected) && skq == null) {
            out.add(new Violation(base + "/student/hasStartkwalificatie", "required for a student of 18 or older: the RMC"
                    + " only receives reports of students without a startkwalificatie"));
        } else if (!expected.equals(function)) {
            out.add(new Violation(base + "/function", "must be " + expected + " for this student (age at the end of the"
                    + " period " + Period.between(birth, end).getYears() + ")"));
        }
        String kind = payload.path("kind").asText();
        JsonNode threshold = period.path("thresholdReachedOn");
        JsonNode hours = payload.path("hoursMissed");
        if ("unauthorised".equals(kind)) {
            if (!threshold.isTextual()) {
                out.add(new Violation(base + "/period/thresholdReachedOn", "required for unauthorised absence over the"
                        + " threshold: the report is due within 5 school days of it"));
            } else {
                LocalDate reached = LocalDate.parse(threshold.asText());
                if (reached.isBefore(start) || reached.isAfter(end)) {
                    out.add(new Violation(base + "/period/thresholdReachedOn", "must lie within the period"));
                }
            }
            if (hours.isNumber() && hours.asDouble() < THRESHOLD_HOURS) {
                out.add(new Violation(base + "/hoursMissed", "unauthorised absence over the threshold is at least "
                        + THRESHOLD_HOURS + " hours; report less as a signal"));
            }
        } else if ("signal".equals(kind) && hours.isNumber() && hours.asDouble() >= THRESHOLD_HOURS) {
            out.add(new Violation(base + "/kind", hours.asDouble() + " hours reaches the legal threshold of "
                    + THRESHOLD_HOURS + ": report it as unauthorised"));
        }
    }
}
