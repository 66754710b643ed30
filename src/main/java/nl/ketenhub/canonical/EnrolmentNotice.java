package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/** An in- or uitschrijving of a student, reported to the gemeente of residence. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrolmentNotice(
        StudentRef student,
        String kind,
        LocalDate effectiveDate,
        School school,
        String schoolYear,
        Programme programme,
        School destination,
        String reason) {

    public static final String INSCHRIJVING = "inschrijving";
    public static final String UITSCHRIJVING = "uitschrijving";
}
