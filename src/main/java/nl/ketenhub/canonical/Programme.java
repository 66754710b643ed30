package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;

/** An MBO programme, identified by its crebo code. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Programme(
        String crebo, String name, Integer level, String learningPath, String location, LocalDate startDate) {}
