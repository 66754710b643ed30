package nl.ketenhub.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.cxf.binding.soap.SoapFault;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.ketenhub.oso.OsoFixtures;
import nl.ketenhub.oso.OsoXml;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.soap.xml.Receipt;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SoapIntakeIT extends HubIntegrationTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final OsoXml osoXml = new OsoXml();
    private FakePartner mboSystem;
    private TestPartner vo;
    private TestPartner mbo;

    @BeforeEach
    void partners() throws Exception {
        mboSystem = new FakePartner();
        vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        mbo = register(PartnerKind.MBO, Channel.REST, mboSystem.url());
    }

    @AfterEach
    void stop() {
        mboSystem.close();
    }

    private String endpoint() {
        return "http://localhost:" + port + "/ws/overdracht";
    }

    @Test
    void shouldAnswerAClientBuiltFromTheServedWsdlWithAReceiptRelatedToItsMessage() throws Exception {
        Overdracht client = SoapClients.client(endpoint() + "?wsdl", vo.apiKey());
        String messageId = "urn:uuid:" + UUID.randomUUID();
        SoapClients.address(client, messageId, vo.oin(), mbo.oin(), endpoint());

        Receipt receipt = client.submitDossier(osoXml.read(OsoFixtures.bytes(OsoFixtures.FULL)));

        assertThat(SoapClients.relatesTo(client)).isEqualTo(messageId);
        assertThat(receipt.getTrackingId()).isNotBlank();
        assertThat(receipt.getMessageId()).isEqualTo(messageId.substring("urn:uuid:".length()));
        assertThat(receipt.isRepeat()).isFalse();
        await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.accepted().size() == 1);
        JsonNode delivered = mapper.readTree(mboSystem.accepted().get(0).body());
        assertThat(delivered.path("sender").asText()).isEqualTo(vo.oin());
        assertThat(delivered.at("/payload/student/bsn").asText()).isEqualTo("628194821");
        assertThat(delivered.at("/payload/schoolCareer/entries")).hasSize(5);
        assertThat(delivered.at("/payload/source/format").asText()).isEqualTo("oso-xml");
        assertThat(delivered.at("/payload/supportNeeds").isMissingNode())
                .as("the dossier's inzage (toestemming Ja) is the student's consent: the consent categories go too").isFalse();
        assertThat(delivered.at("/payload/withheld").isMissingNode()).isTrue();
        assertThat(mboSystem.accepted().get(0).header("KetenhubTrackingId")).isEqualTo(receipt.getTrackingId());
    }

    @Test
    void shouldAnswerARepeatedMessageIdWithTheOriginalReceipt() {
        Overdracht client = SoapClients.client(endpoint() + "?wsdl", vo.apiKey());
        String messageId = "urn:uuid:" + UUID.randomUUID();
        SoapClients.address(client, messageId, vo.oin(), mbo.oin(), endpoint());
        Receipt first = client.submitDossier(osoXml.read(OsoFixtures.bytes(OsoFixtures.TOESTEMMING_NEE)));
        SoapClients.address(client, messageId, vo.oin(), mbo.oin(), endpoint());

        Receipt second = client.submitDossier(osoXml.read(OsoFixtures.bytes(OsoFixtures.TOESTEMMING_NEE)));

        assertThat(second.getTrackingId()).isEqualTo(first.getTrackingId());
        assertThat(second.isRepeat()).isTrue();
        assertThat(SoapClients.relatesTo(client)).isEqualTo(messageId);
        await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.accepted().size() == 1);
        var settled = awaitSettled(first.getTrackingId());
        assertThat(deliveriesOf(settled, "primary", mbo.oin())).isEqualTo(1);
        assertThat(settled.path("deliveries").get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(mboSystem.accepted()).hasSize(1);
    }

    @Test
    void shouldFaultWithACodeWhenTheSenderOrRecipientIsWrong() {
        TestPartner otherVo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        Overdracht client = SoapClients.client(endpoint() + "?wsdl", vo.apiKey());

        SoapClients.address(client, "urn:uuid:" + UUID.randomUUID(), otherVo.oin(), mbo.oin(), endpoint());
        SoapFault mismatch = fault(() -> client.submitDossier(osoXml.read(OsoFixtures.bytes(OsoFixtures.TOESTEMMING_NEE))));
        SoapClients.address(client, "urn:uuid:" + UUID.randomUUID(), vo.oin(), newOin(), endpoint());
        SoapFault unknown = fault(() -> client.submitDossier(osoXml.read(OsoFixtures.bytes(OsoFixtures.TOESTEMMING_NEE))));

        assertThat(code(mismatch)).isEqualTo("sender-mismatch");
        assertThat(mismatch.getFaultCode().getLocalPart()).isEqualTo("Client");
        assertThat(code(unknown)).isEqualTo("unknown-recipient");
    }

    @Test
    void shouldRefuseHostileAndMalformedXmlPreciselyAndLetTheNextDossierThrough() throws Exception {
        String good = HostileXml.envelope(OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE));
        String badBsn = HostileXml.envelope(OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE)
                .replace("<bsn>507529170</bsn>", "<bsn>5075291</bsn>"));
        String bigText = HostileXml.envelope(OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE)
                .replace("<aandachtspunten>", "<!-- " + "x".repeat(1_100_000) + " --><aandachtspunten>"));

        assertFault(post(addressed(HostileXml.billionLaughs())), "dtd-not-allowed", null);
        assertFault(post(addressed(HostileXml.externalEntity("file:///etc/passwd"))), "dtd-not-allowed", null);
        assertFault(post(addressed(HostileXml.externalEntity("http://127.0.0.1:9/secret"))), "dtd-not-allowed", null);
        assertFault(post(addressed(HostileXml.deepNesting(10_000))), "too-deep", null);
        assertFault(post(addressed(HostileXml.hugeAttribute(200_000))), "attribute-too-large", "/Envelope/Body/dossier/@x");
        assertFault(post(addressed(HostileXml.notWellFormed())), "not-well-formed", null);
        assertFault(post(addressed(bigText)), "too-large", null);
        assertFault(post(addressed(badBsn)), "schema-violation", "/dossier/huidigeschool/leerling/bsn");

        HttpResponse<String> accepted = post(addressed(good));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("trackingId");
        await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.accepted().size() == 1);
        JsonNode rejections = mapper.readTree(adminGet("/api/v1/rejections?limit=20").body());
        assertThat(rejections.findValuesAsText("problemType"))
                .contains("dtd-not-allowed", "too-deep", "attribute-too-large", "not-well-formed", "too-large", "schema-violation");
    }

    @Test
    void shouldDecodeUtf16AndAnswerEveryOtherTransportMistakeWithAClientFaultAndItsCode() throws Exception {
        String good = HostileXml.envelope(OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE));

        assertFault(post(addressed(good), "multipart/related; boundary=x; type=\"text/xml\"",
                addressed(good).getBytes(StandardCharsets.UTF_8)), "unsupported-media-type", null);
        assertFault(post(addressed(good), "text/xml; charset=bogus", addressed(good).getBytes(StandardCharsets.UTF_8)),
                "unsupported-charset", null);
        assertFault(post(addressed(good), "text/xml; charset=UTF-8", addressed(good).getBytes(StandardCharsets.UTF_16)),
                "charset-mismatch", null);
        assertFault(post(addressed(good).replaceFirst("<wsa:MessageID>[^<]*</wsa:MessageID>", ""),
                "text/xml; charset=UTF-8", null), "addressing-header-missing", "/Envelope/Header/MessageID");
        assertFault(post(addressed(good).replaceFirst("<wsa:MessageID>[^<]*</wsa:MessageID>", "<wsa:MessageID> </wsa:MessageID>"),
                "text/xml; charset=UTF-8", null), "addressing-header-missing", "/Envelope/Header/MessageID");
        // a ReplyTo one byte off the anonymous address (found by the black-box run): the hub's fault, not CXF's
        String elsewhere = addressed(good).replace("addressing/anonymous</wsa:Address></wsa:ReplyTo>",
                "addressiog/anonymous</wsa:Address></wsa:ReplyTo>");
        assertThat(elsewhere).isNotEqualTo(addressed(good));
        assertFault(post(elsewhere, "text/xml; charset=UTF-8", null), "only-anonymous-address",
                "/Envelope/Header/ReplyTo/Address");
        // a wsa:Action one byte off, or another operation's (found by the black-box run): the hub's fault, not CXF's
        for (String wrong : List.of("https://ketenhub.nl/ws/overdracht/v1/Dossiez",
                "https://ketenhub.nl/ws/overdracht/v1/ApplicationStatus")) {
            String action = addressed(good).replaceFirst("<wsa:Action>[^<]*</wsa:Action>", "<wsa:Action>" + wrong + "</wsa:Action>");
            assertThat(action).isNotEqualTo(addressed(good));
            assertFault(post(action, "text/xml; charset=UTF-8", null), "action-mismatch", "/Envelope/Header/Action");
        }
        String twoBodies = addressed(good).replace("</soap:Envelope>", "<soap:Body/></soap:Envelope>");
        assertThat(twoBodies).as("the fixture has a second Body now").isNotEqualTo(addressed(good));
        assertFault(post(twoBodies, "text/xml; charset=UTF-8", null), "not-soap", null);

        String utf16 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + addressed(good);
        HttpResponse<String> accepted = post(utf16, "text/xml; charset=UTF-16", utf16.getBytes(StandardCharsets.UTF_16));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.body()).contains("trackingId");
        await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.accepted().size() == 1);
    }

    private HttpResponse<String> post(String soap, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri("/ws/overdracht"))
                .header("Content-Type", contentType)
                .header("SOAPAction", "\"https://ketenhub.nl/ws/overdracht/v1/Dossier\"")
                .header("Authorization", "Bearer " + vo.apiKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body == null ? soap.getBytes(StandardCharsets.UTF_8) : body))
                .build());
    }

    @Test
    void shouldServeTheWsdlWithoutAKey() {
        HttpResponse<String> wsdl = send(HttpRequest.newBuilder(uri("/ws/overdracht?wsdl")).GET().build());

        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("OverdrachtService", "UsingAddressing", "SubmitDossier");
    }

    // ----- helpers -----

    /** A SOAP 1.1 request with WS-Addressing headers added to a raw envelope (text, so hostile forms survive). */
    private String addressed(String envelope) {
        String headers = "<soap:Header xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">"
                + "<wsa:Action>https://ketenhub.nl/ws/overdracht/v1/Dossier</wsa:Action>"
                + "<wsa:MessageID>urn:uuid:" + UUID.randomUUID() + "</wsa:MessageID>"
                + "<wsa:To>" + endpoint() + "?oin=" + mbo.oin() + "</wsa:To>"
                + "<wsa:From><wsa:Address>https://school.invalid/ws?oin=" + vo.oin() + "</wsa:Address></wsa:From>"
                + "<wsa:ReplyTo><wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo>"
                + "</soap:Header>";
        return envelope.replace("<soap:Header/>", headers);
    }

    @Test
    void shouldCarryAnAbsenceReportAsACanonicalEnvelopeToTheGemeenteAndFaultOnTheWrongFunction() throws Exception {
        FakePartner gemeenteSystem = new FakePartner();
        try {
            TestPartner gemeente = register(PartnerKind.GEMEENTE, Channel.REST, gemeenteSystem.url(), "0998");
            Overdracht client = SoapClients.client(endpoint() + "?wsdl", vo.apiKey());
            com.fasterxml.jackson.databind.node.ObjectNode report =
                    nl.ketenhub.support.Fixtures.message("absence-report", vo.oin(), gemeente.oin());
            nl.ketenhub.soap.xml.CanonicalEnvelope envelope = new nl.ketenhub.soap.xml.CanonicalEnvelope();
            envelope.setType("absence-report");
            envelope.setValue(nl.ketenhub.support.Fixtures.json(report));
            SoapClients.address(client, "urn:uuid:" + UUID.randomUUID(), vo.oin(), gemeente.oin(), endpoint());

            Receipt receipt = client.submitCanonicalEnvelope(envelope);

            assertThat(receipt.getTrackingId()).isNotBlank();
            await().atMost(Duration.ofSeconds(20)).until(() -> gemeenteSystem.accepted().size() == 1);
            JsonNode delivered = mapper.readTree(gemeenteSystem.accepted().get(0).body());
            assertThat(delivered.path("type").asText()).isEqualTo("absence-report");
            assertThat(delivered.at("/payload/function").asText()).isEqualTo("leerplicht");

            ((com.fasterxml.jackson.databind.node.ObjectNode) report.get("payload")).put("function", "rmc");
            envelope.setValue(nl.ketenhub.support.Fixtures.json(report));
            SoapClients.address(client, "urn:uuid:" + UUID.randomUUID(), vo.oin(), gemeente.oin(), endpoint());
            SoapFault f = fault(() -> client.submitCanonicalEnvelope(envelope));
            assertThat(code(f)).isEqualTo("schema-violation");
            assertThat(nodeText(f.getDetail())).contains("path=\"/canonicalEnvelope/function\"").contains("must be leerplicht");
        } finally {
            gemeenteSystem.close();
        }
    }

    private HttpResponse<String> post(String soap) {
        return send(HttpRequest.newBuilder(uri("/ws/overdracht"))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"https://ketenhub.nl/ws/overdracht/v1/Dossier\"")
                .header("Authorization", "Bearer " + vo.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(soap, StandardCharsets.UTF_8))
                .build());
    }

    private static void assertFault(HttpResponse<String> response, String code, String path) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        assertThat(response.body()).contains("faultcode").contains("Client");
        assertThat(field(response.body(), "code")).as(response.body()).isEqualTo(code);
        if (path != null) {
            assertThat(response.body()).contains("path=\"" + path + "\"");
        }
        assertThat(response.body()).doesNotContain("root:x:0:0");
    }

    private static String field(String xml, String name) {
        Matcher m = Pattern.compile("<(?:\\w+:)?" + name + ">([^<]*)</(?:\\w+:)?" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    /** The SOAP fault a call ended in (CXF's client hands it over as the cause of a WebServiceException). */
    static SoapFault fault(Runnable call) {
        Throwable t = catchThrowableOfType(jakarta.xml.ws.WebServiceException.class, call::run);
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SoapFault f) {
                return f;
            }
        }
        throw new AssertionError("no SOAP fault", t);
    }

    static String code(SoapFault f) {
        assertThat(f.getDetail()).isNotNull();
        return field(nodeText(f.getDetail()), "code");
    }

    private static String nodeText(org.w3c.dom.Node node) {
        try {
            var out = new java.io.StringWriter();
            javax.xml.transform.TransformerFactory.newInstance().newTransformer()
                    .transform(new javax.xml.transform.dom.DOMSource(node), new javax.xml.transform.stream.StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
