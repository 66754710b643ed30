package nl.ketenhub.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.format.DateFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierFormatsTest {

    /** The validator's own "date" format, which the hub's replaces: what it accepts is the reference. */
    private final DateFormat reference = new DateFormat();

    @ParameterizedTest
    @ValueSource(strings = {
        "2027-03-15", "2028-02-29", "2000-02-29", "0000-02-29", "0000-01-01", "9999-12-31", "2027-02-29", "1900-02-29",
        "2027-04-31", "2027-13-01", "2027-00-10", "2027-01-00", "2027-01-32", "2027-1-15", "27-01-15", "+2027-01-15",
        "-2027-01-15", "12027-01-15", " 2027-01-15", "2027-01-15 ", "2027-01-15T00:00", "2027/01/15", "2027-01-1a",
        "２０２７-01-15", "2027-0١-15", "", "2027", "2027-01", "2027--01-15", "20270115"
    })
    void shouldAcceptExactlyTheDatesTheValidatorsOwnFormatAccepts(String value) {
        assertThat(IdentifierFormats.isFullDate(value)).isEqualTo(reference.matches(null, value));
    }

    @Test
    void shouldAgreeWithTheValidatorsOwnFormatOnEveryDayOfFourYearsAndOnRandomStrings() {
        List<String> values = new ArrayList<>();
        // a century that is no leap year, one that is, an ordinary year and a leap year
        for (int year : new int[] {1900, 2000, 2027, 2028}) {
            for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
                values.add(d.toString());
            }
        }
        Random random = new Random(20261207);
        String alphabet = "0123456789-0123456789+T: ";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = 8 + random.nextInt(4);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(s.toString());
            // a well-formed shape with digits anywhere: days and months out of range, leap days
            values.add(String.format("%04d-%02d-%02d", random.nextInt(10_000), random.nextInt(14), random.nextInt(33)));
        }

        assertThat(values).allSatisfy(v -> assertThat(IdentifierFormats.isFullDate(v)).as(v).isEqualTo(reference.matches(null, v)));
        assertThat(values.stream().filter(IdentifierFormats::isFullDate).count()).isGreaterThan(10_000);
        assertThat(values.stream().filter(v -> !IdentifierFormats.isFullDate(v)).count()).isGreaterThan(10_000);
    }
}
