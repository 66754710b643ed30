package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/** A VO school's report of leavers it expects to go to MBO. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExpectedTransfer(String schoolYear, School voSchool, List<Leaver> leavers) {

    /** One expected leaver. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Leaver(StudentRef student, LocalDate expectedLeavingDate, School mboSchool, Programme programme) {}
}
