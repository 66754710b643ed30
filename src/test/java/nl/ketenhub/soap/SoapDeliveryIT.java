package nl.ketenhub.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.UUID;
import nl.ketenhub.oso.OsoFixtures;
import nl.ketenhub.oso.OsoXml;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.soap.xml.Receipt;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SoapDeliveryIT extends HubIntegrationTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final OsoXml osoXml = new OsoXml();
    private FakeSoapPartner mboSystem;
    private TestPartner vo;
    private TestPartner mbo;

    @BeforeEach
    void partners() throws Exception {
        mboSystem = new FakeSoapPartner();
        vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        mbo = register(PartnerKind.MBO, Channel.SOAP, mboSystem.url());
    }

    @AfterEach
    void stop() {
        mboSystem.close();
    }

    @Test
    void shouldCarryAFullSizeDossierFromSoapIntakeToSoapDelivery() throws Exception {
        // inzage toestemming Nee: no consent, so the consent categories are held and marked VERBODEN in the OSO
        // the MBO receives (with Ja the dossier's inzage counts as consent: see SoapIntakeIT)
        byte[] full = new String(OsoFixtures.bytes(OsoFixtures.FULL), java.nio.charset.StandardCharsets.UTF_8)
                .replace("<toestemming>Ja</toestemming>", "<toestemming>Nee</toestemming>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(full.length).as("full-size fixture").isBetween(170_000, 190_000);
        String endpoint = "http://localhost:" + port + "/ws/overdracht";
        Overdracht client = SoapClients.client(endpoint + "?wsdl", vo.apiKey());
        SoapClients.address(client, "urn:uuid:" + UUID.randomUUID(), vo.oin(), mbo.oin(), endpoint);

        Receipt receipt = client.submitDossier(osoXml.read(full));

        await().atMost(Duration.ofSeconds(30)).until(() -> mboSystem.accepted().size() == 1);
        String delivered = mboSystem.accepted().get(0);
        assertThat(delivered).contains("?oin=" + mbo.oin(), "?oin=" + vo.oin(), "https://ketenhub.nl/ws/overdracht/v1/Dossier",
                "<bsn>628194821</bsn>", "<schoolloopbaanlijst>", "<cijferlijstlijst>", "<resultaatvakkenvo>",
                "<huisarts>", "hubDelivery", receipt.getMessageId(), receipt.getTrackingId());
        assertThat(delivered).as("without consent, support needs and test results wait under the default policy")
                .contains("<cat_onderwijsondersteuning>VERBODEN</cat_onderwijsondersteuning>",
                        "<cat_toetsresultaten>VERBODEN</cat_toetsresultaten>")
                .doesNotContain("<onderwijsondersteuning>", "<toetslijst>", "<verzorger>", "<overigdocumentlijst>");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode view = mapper.readTree(adminGet("/api/v1/messages/" + receipt.getTrackingId()).body());
            assertThat(view.path("state").asText()).isEqualTo("DELIVERED");
            assertThat(view.path("history").findValuesAsText("state")).contains("TRANSPORT_ACK");
        });
    }

    @Test
    void shouldRetryAServerFaultAndThenDeliverOnce() throws Exception {
        mboSystem.fault("Server", 2);

        String trackingId = submitRest();

        await().atMost(Duration.ofSeconds(30)).until(() -> mboSystem.accepted().size() == 1);
        assertThat(mboSystem.calls()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mapper.readTree(
                adminGet("/api/v1/messages/" + trackingId).body()).path("state").asText()).isEqualTo("DELIVERED"));
    }

    @Test
    void shouldParkAtOnceWhenThePartnerAnswersAClientFault() throws Exception {
        mboSystem.fault("Client", 100);

        String trackingId = submitRest();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mapper.readTree(
                adminGet("/api/v1/messages/" + trackingId).body()).path("state").asText()).isEqualTo("PARKED"));
        assertThat(mboSystem.calls()).isEqualTo(1);
        assertThat(adminGet("/api/v1/deliveries/parked").body()).contains(trackingId).contains("Client fault");
    }

    private String submitRest() throws Exception {
        var answer = submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[4])));
        assertThat(answer.statusCode()).isEqualTo(202);
        return mapper.readTree(answer.body()).path("trackingId").asText();
    }

}
