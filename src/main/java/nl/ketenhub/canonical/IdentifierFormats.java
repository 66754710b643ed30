package nl.ketenhub.canonical;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import java.time.Month;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The custom JSON Schema formats of the canonical schemas ({@code "format": "bsn"} and so on), backed by
 * {@link Identifiers}, so the schema files stay the single description of what is valid; and the standard
 * {@code "date"} format, checked without a {@code DateTimeFormatter} (a dossier holds hundreds of dates).
 */
final class IdentifierFormats {

    static final Map<String, Function<String, Optional<String>>> CHECKS = Map.of(
            "bsn", Identifiers::checkBsn,
            "onderwijsnummer", Identifiers::checkOnderwijsnummer,
            "oin", Identifiers::checkOin,
            "brin", Identifiers::checkBrin,
            "gemeentecode", Identifiers::checkGemeentecode,
            "school-year", Identifiers::checkSchoolYear);

    private IdentifierFormats() {}

    static List<Format> all() {
        List<Format> formats = new ArrayList<>();
        CHECKS.forEach((name, check) -> formats.add(new CheckedFormat(name, check)));
        formats.add(new FullDate());
        return formats;
    }

    /**
     * An RFC 3339 full-date: {@code YYYY-MM-DD} in ASCII digits, a day that exists in the proleptic Gregorian calendar.
     * That is what the validator's own {@code "date"} format accepts ({@code LocalDate.parse} with a year from 0 to
     * 9999), at a fraction of its cost: parsing through {@code DateTimeFormatter} was a fifth of the time spent
     * validating a dossier.
     */
    static boolean isFullDate(String value) {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return false;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 7);
        int day = digits(value, 8, 10);
        return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= Month.of(month).length(Year.isLeap(year));
    }

    private static int digits(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static final class FullDate implements Format {

        @Override
        public String getName() {
            return "date";
        }

        @Override
        public String getMessageKey() {
            return "format.date";
        }

        @Override
        public boolean matches(ExecutionContext executionContext, String value) {
            return isFullDate(value);
        }
    }

    private record CheckedFormat(String name, Function<String, Optional<String>> check) implements Format {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean matches(ExecutionContext executionContext, String value) {
            return check.apply(value).isEmpty();
        }
    }
}
