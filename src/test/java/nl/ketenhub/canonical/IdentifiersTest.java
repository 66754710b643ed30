package nl.ketenhub.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"628194821", "252760189", "507529170", "111222333", "012345672"})
    void shouldAcceptBsnPassingElevenProef(String bsn) {
        assertThat(Identifiers.checkBsn(bsn)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "628194822|11-proef",
        "62819482|exactly 9 digits",
        "6281948211|exactly 9 digits",
        "62819482A|only digits",
        "000000000|all zeros"
    })
    void shouldNameWhyABsnIsWrong(String bsn, String expected) {
        assertThat(Identifiers.checkBsn(bsn)).get().asString().contains(expected).doesNotContain(bsn);
    }

    @ParameterizedTest
    @ValueSource(strings = {"135873557", "191836236", "135503262"})
    void shouldAcceptOnderwijsnummer(String value) {
        assertThat(Identifiers.checkOnderwijsnummer(value)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "235873557|start with 1",
        "135873558|remainder",
        "628194821|start with 1"
    })
    void shouldRejectBadOnderwijsnummer(String value, String expected) {
        assertThat(Identifiers.checkOnderwijsnummer(value)).get().asString().contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00YY", "01AA", "25XA00", "30RP"})
    void shouldAcceptBrin(String brin) {
        assertThat(Identifiers.checkBrin(brin)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0YY|4 characters",
        "AAYY|2 digits",
        "0012|capital letters",
        "00yy|capital letters",
        "00YY0A|vestigingscode"
    })
    void shouldRejectBadBrin(String brin, String expected) {
        assertThat(Identifiers.checkBrin(brin)).get().asString().contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000099700000000001", "00000001002564440000", "00000007000000AB1234"})
    void shouldAcceptOin(String oin) {
        assertThat(Identifiers.checkOin(oin)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0000009970000000001|exactly 20",
        "12345678700000000001|not a known OIN prefix",
        "00000099700000000a01|capital letters",
        "00000001002564441000|RSIN"
    })
    void shouldRejectBadOin(String oin, String expected) {
        assertThat(Identifiers.checkOin(oin)).get().asString().contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0363|", "0998|", "363|4-digit", "0000|not a municipality", "03A3|4-digit"})
    void shouldCheckGemeentecode(String code, String expected) {
        if (expected == null) {
            assertThat(Identifiers.checkGemeentecode(code)).isEmpty();
        } else {
            assertThat(Identifiers.checkGemeentecode(code)).get().asString().contains(expected);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"2026-2027|", "2026-2028|consecutive", "26-27|two years", "2026/2027|two years",
        "2026-20270|two years", "٢٠٢٦-٢٠٢٧|two years", "2O26-2027|two years", "' 2026-2027'|two years"})
    void shouldCheckSchoolYear(String year, String expected) {
        if (expected == null) {
            assertThat(Identifiers.checkSchoolYear(year)).isEmpty();
        } else {
            assertThat(Identifiers.checkSchoolYear(year)).get().asString().contains(expected);
        }
    }
}
