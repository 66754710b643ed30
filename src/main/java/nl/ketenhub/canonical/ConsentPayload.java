package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;

/** Consent given for categories of a student's data to reach one partner or any partner of a kind. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentPayload(
        StudentRef student,
        String givenBy,
        List<DataCategory> categories,
        Recipient recipient,
        LocalDate validFrom,
        LocalDate validUntil,
        String evidence) {

    /** One partner (oin) or every partner of a kind. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipient(String oin, String kind) {}
}
