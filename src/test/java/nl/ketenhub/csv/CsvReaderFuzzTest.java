package nl.ketenhub.csv;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import nl.ketenhub.canonical.CanonicalValidator;
import nl.ketenhub.canonical.MessageType;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV reader: any bytes are read line by line without failing; a line handed on is text (no malformed UTF-8, no
 * control characters) whose leaver the canonical schema judges without failing; every refusal has a reason; and the
 * error file written from it, read back, has no cell a spreadsheet would take as a formula. Any other exception is a
 * finding. (In this package for the reader's package-private parts; the fuzz tests are described in
 * {@code nl.ketenhub.fuzz}.)
 */
class CsvReaderFuzzTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final CanonicalValidator VALIDATOR = new CanonicalValidator(Clock.systemUTC());

    @FuzzTest(maxDuration = "20s")
    void csvReader(byte[] data) throws Exception {
        fuzzerTestOneInput(data);
    }

    /** Entry point of the fuzzer's standalone runs ({@code -Pfuzz}). */
    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        List<CsvIntake.LineError> errors = new ArrayList<>();
        CsvIntake.scan(new ByteArrayInputStream(data), errors, (line, r) -> {
            for (String value : r) {
                if (value.chars().anyMatch(c -> c == 0xFFFD || Character.isISOControl(c))) {
                    throw new AssertionError("line " + line + " was handed on with a character it should refuse");
                }
            }
            ObjectNode payload = MAPPER.createObjectNode();
            payload.put("schoolYear", r.get("schoolYear"));
            payload.putObject("voSchool").put("brin", "01AA").put("name", "VO").put("oin", "00000099700000000001");
            payload.putArray("leavers").add(CsvIntake.leaver(MAPPER, r));
            VALIDATOR.validatePayload(MessageType.EXPECTED_TRANSFER, payload);
        });
        List<List<String>> rows = new ArrayList<>();
        for (CsvIntake.LineError e : errors) {
            if (e.reason() == null || e.reason().isEmpty()) {
                throw new AssertionError("a refused line without a reason");
            }
            rows.add(List.of(String.valueOf(e.line()), e.reason()));
        }
        try (CSVParser back = CSVParser.parse(new StringReader(CsvOutbox.lines(rows)), CSVFormat.DEFAULT)) {
            for (CSVRecord record : back) {
                for (String cell : record) {
                    if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
                        throw new AssertionError("an error file cell a spreadsheet would evaluate");
                    }
                }
            }
        }
    }
}
