package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/** The minimal reference to a student carried by status, enrolment, expected-transfer and consent messages. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudentRef(
        String bsn, String onderwijsnummer, LocalDate birthDate, String gemeentecode, Boolean hasStartkwalificatie) {

    /** The identifier the pseudonym is derived from: the BSN, or the onderwijsnummer when there is none. */
    @JsonIgnore
    public StudentId id() {
        return StudentId.of(bsn, onderwijsnummer);
    }
}
