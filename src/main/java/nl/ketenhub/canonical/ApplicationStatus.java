package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.util.Arrays;

/** An MBO application status (aanmeldstatus) for one student and programme. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationStatus(
        StudentRef student,
        Status status,
        LocalDate statusDate,
        String schoolYear,
        Programme programme,
        School mboSchool,
        School voSchool,
        String reason) {

    /** The five legally defined statuses of an MBO application. */
    public enum Status {
        AANMELDING_ONTVANGEN("aanmelding-ontvangen"),
        ONDERWIJSOVEREENKOMST_AANGEBODEN("onderwijsovereenkomst-aangeboden"),
        LEIDT_NIET_TOT_INSCHRIJVING("leidt-niet-tot-inschrijving"),
        INGETROKKEN("ingetrokken"),
        INGESCHREVEN("ingeschreven");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }

        @JsonCreator
        public static Status fromWireName(String name) {
            return Arrays.stream(values())
                    .filter(s -> s.wireName.equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown application status: " + name));
        }
    }
}
