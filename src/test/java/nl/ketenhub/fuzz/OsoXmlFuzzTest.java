package nl.ketenhub.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import nl.ketenhub.canonical.CanonicalValidator;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.oso.OsoMappingException;
import nl.ketenhub.oso.OsoToCanonical;
import nl.ketenhub.oso.OsoXml;
import nl.ketenhub.oso.xml.Dossier;
import nl.ketenhub.soap.SoapProperties;
import nl.ketenhub.soap.XmlGuard;

/**
 * The OSO side: the XML guard judges any bytes in a SOAP Body without failing; a dossier the schema passes either maps
 * to a canonical dossier or is refused with an {@link OsoMappingException}; and the canonical dossier is judged by the
 * canonical schema without failing. Any other exception is a finding.
 */
class OsoXmlFuzzTest {

    private static final byte[] START = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<soap:Header><wsa:MessageID xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">urn:uuid:1</wsa:MessageID>"
            + "</soap:Header><soap:Body>").getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "</soap:Body></soap:Envelope>".getBytes(StandardCharsets.UTF_8);
    private static final XmlGuard GUARD = new XmlGuard(
            OsoXml.schema(OsoXml.SCHEMA, "schemas/wsdl/ketenhub-overdracht.xsd"),
            new SoapProperties(100, 50_000, 65_536, 50, "https://hub.invalid/ws/overdracht", java.time.Duration.ofSeconds(1)));
    private static final OsoXml OSO = new OsoXml();
    private static final OsoToCanonical TO_CANONICAL = new OsoToCanonical();
    private static final CanonicalValidator VALIDATOR = new CanonicalValidator(Clock.systemUTC());
    private static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules().build();

    @FuzzTest(maxDuration = "20s")
    void osoXml(byte[] data) {
        fuzzerTestOneInput(data);
    }

    /** Entry point of the fuzzer's standalone runs ({@code -Pfuzz}). */
    public static void fuzzerTestOneInput(byte[] data) {
        ByteArrayOutputStream soap = new ByteArrayOutputStream(data.length + 300);
        soap.writeBytes(START);
        soap.writeBytes(data);
        soap.writeBytes(END);
        XmlGuard.Result result = GUARD.check(soap.toByteArray());
        if (!result.passed() && (result.refusal().code() == null || result.refusal().detail() == null)) {
            throw new AssertionError("a refusal without its code or detail");
        }
        Dossier dossier;
        try {
            dossier = OSO.read(data);
        } catch (IllegalArgumentException notOso) {
            return;
        }
        TransferDossier canonical;
        try {
            canonical = TO_CANONICAL.map(dossier, "00000099700000000001");
        } catch (OsoMappingException incomplete) {
            return;
        }
        VALIDATOR.validatePayload(MessageType.TRANSFER_DOSSIER, MAPPER.valueToTree(canonical));
    }
}
