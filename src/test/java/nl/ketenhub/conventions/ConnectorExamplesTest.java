package nl.ketenhub.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import nl.ketenhub.csv.AbsenceCsv;
import nl.ketenhub.csv.CsvColumns;
import nl.ketenhub.oso.OsoToCanonical;
import nl.ketenhub.oso.OsoXml;
import nl.ketenhub.soap.SoapExamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example files under connectors/ are what the connectors accept and write, not prose. */
class ConnectorExamplesTest {

    private static final Path ROOT = Paths.get("").toAbsolutePath().resolve("connectors");

    @ParameterizedTest
    @ValueSource(strings = {"submit-dossier-full.xml", "submit-application-status.xml", "submit-acknowledgement.xml",
        "submit-absence-report.xml"})
    void everySoapRequestExamplePassesTheGuardAndTheSchema(String name) throws IOException {
        assertThat(SoapExamples.check(Files.readAllBytes(ROOT.resolve("oso-soap/examples").resolve(name)))).isNull();
    }

    @Test
    void theFullDossierExampleMapsToACanonicalDossier() throws IOException {
        String request = Files.readString(ROOT.resolve("oso-soap/examples/submit-dossier-full.xml"));
        String dossier = request.substring(request.indexOf("<dossier "), request.indexOf("</dossier>") + "</dossier>".length());

        var d = new OsoToCanonical().map(new OsoXml().read(dossier.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "00000099700000000001");

        assertThat(d.sections()).hasSize(13);
    }

    @Test
    void everyCsvExampleStartsWithItsDocumentedHeader() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("csv-file/examples"))) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                String header = Files.readAllLines(f).get(0);
                List<String> expected = name.endsWith(".errors.csv") ? List.of("line", "reason")
                        : name.startsWith("expected-transfers-in") ? CsvColumns.EXPECTED_TRANSFERS_IN
                        : name.startsWith(AbsenceCsv.FOLLOW_UPS_IN_PREFIX) ? AbsenceCsv.FOLLOW_UPS_IN
                        : name.startsWith("absence-") ? AbsenceCsv.OUTBOUND.get(name.substring(0, name.indexOf("-0000")))
                        : CsvColumns.OUTBOUND.get(name.substring(0, name.indexOf("-0000")));
                assertThat(header).as(name).isEqualTo(String.join(",", expected));
            }
        }
    }
}
