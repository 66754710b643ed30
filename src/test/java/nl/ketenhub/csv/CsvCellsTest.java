package nl.ketenhub.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvCellsTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR"})
    void shouldPrefixEveryCellASpreadsheetWouldEvaluate(String cell) {
        assertThat(CsvOutbox.neutralised(cell)).isEqualTo("'" + cell);
        assertThat(CsvOutbox.lines(List.of(List.of(cell)))).matches("(?s)\"?'.*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sanne de Vries", "2010-05-14", "628194821", "", "a=b"})
    void shouldLeaveOrdinaryCellsAlone(String cell) {
        assertThat(CsvOutbox.neutralised(cell)).isEqualTo(cell);
    }

    @Test
    void shouldKeepErrorFileNamesWithinWhatAFileSystemTakes() {
        assertThat(CsvIntake.errorFileName("verwacht.csv")).isEqualTo("verwacht.errors.csv");
        String longName = "é".repeat(120) + ".csv";
        String errors = CsvIntake.errorFileName(longName);
        assertThat(errors.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(errors).endsWith(".errors.csv").startsWith("é".repeat(50));
        assertThat(CsvIntake.errorFileName("é".repeat(120) + "x.csv")).isNotEqualTo(errors);
    }

    @Test
    void shouldHashIdempotencyKeysToAFixedLength() {
        assertThat(HashedKeyRepository.hashed("x".repeat(300) + ".csv-123-456")).hasSize(71)
                .isNotEqualTo(HashedKeyRepository.hashed("x".repeat(300) + ".csv-123-457"));
    }
}
