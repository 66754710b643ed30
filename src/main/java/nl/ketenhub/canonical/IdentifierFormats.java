package nl.ketenhub.canonical;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The custom JSON Schema formats of the canonical schemas ({@code "format": "bsn"} and so on), backed by
 * {@link Identifiers}, so the schema files stay the single description of what is valid.
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
        return CHECKS.entrySet().stream().map(e -> (Format) new CheckedFormat(e.getKey(), e.getValue())).toList();
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
