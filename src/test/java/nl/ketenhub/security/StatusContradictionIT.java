package nl.ketenhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.soap.Overdracht;
import nl.ketenhub.soap.SoapClients;
import nl.ketenhub.soap.xml.Acknowledgement;
import nl.ketenhub.soap.xml.CanonicalEnvelope;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.apache.cxf.binding.soap.SoapFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A status or acknowledgement from MBO Y that answers the dossier the hub carried to MBO X contradicts the transfer
 * the hub holds: refused with {@code contradicts-transfer} over REST and SOAP, among the refused messages, and never
 * delivered to the VO school. A status from Y without such a reference is an application of its own.
 */
class StatusContradictionIT extends HubIntegrationTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private FakePartner voSystem;
    private FakePartner mboXSystem;
    private TestPartner vo;
    private TestPartner mboX;
    private TestPartner mboY;
    private String bsn;
    private String dossierId;

    @BeforeEach
    void aDossierCarriedToMboX() throws Exception {
        voSystem = new FakePartner();
        mboXSystem = new FakePartner();
        vo = register(PartnerKind.VO, Channel.REST, voSystem.url());
        mboX = register(PartnerKind.MBO, Channel.REST, mboXSystem.url());
        mboY = register(PartnerKind.MBO, Channel.REST, "http://127.0.0.1:9/unused");
        bsn = Fixtures.BSNS[9];
        ObjectNode dossier = Fixtures.dossier(vo.oin(), mboX.oin(), bsn);
        dossierId = dossier.path("messageId").asText();
        HttpResponse<String> accepted = submit(vo.apiKey(), Fixtures.json(dossier));
        assertThat(accepted.statusCode()).isEqualTo(202);
        awaitSettled(mapper.readTree(accepted.body()).path("trackingId").asText());
    }

    @AfterEach
    void stop() {
        voSystem.close();
        mboXSystem.close();
    }

    @Test
    void shouldRefuseOverRestAStatusOrAcknowledgementOfAnotherMboAboutTheDossierCarriedToMboX() throws Exception {
        HttpResponse<String> status = submit(mboY.apiKey(), status(mboY, dossierId));
        assertThat(status.statusCode()).as(status.body()).isEqualTo(422);
        JsonNode problem = mapper.readTree(status.body());
        assertThat(problem.path("type").asText()).endsWith("/contradicts-transfer");
        assertThat(problem.path("detail").asText()).contains(dossierId).doesNotContain(mboX.oin());
        assertThat(problem.path("violations").findValuesAsText("pointer")).containsExactly("/relatesTo");

        HttpResponse<String> ack = submit(mboY.apiKey(), acknowledgement(mboY, dossierId));
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(422);
        assertThat(mapper.readTree(ack.body()).path("type").asText()).endsWith("/contradicts-transfer");

        String refused = adminGet("/api/v1/rejections?limit=500").body();
        JsonNode entries = mapper.readTree(refused);
        assertThat(entries.findParents("sender").stream()
                .filter(e -> mboY.oin().equals(e.path("sender").asText()))
                .map(e -> e.path("problemType").asText()))
                .containsExactlyInAnyOrder("contradicts-transfer", "contradicts-transfer");

        // the MBO the dossier went to may answer it
        assertThat(submit(mboX.apiKey(), acknowledgement(mboX, dossierId)).statusCode()).isEqualTo(202);
        HttpResponse<String> own = submit(mboX.apiKey(), status(mboX, dossierId));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(202);
        awaitSettled(mapper.readTree(own.body()).path("trackingId").asText());
        assertThat(voSystem.accepted()).noneMatch(r -> r.body().contains(mboY.oin()));
    }

    @Test
    void shouldLetAStatusOfAnotherMboWithoutSuchAReferenceOpenATransferOfItsOwn() throws Exception {
        ObjectNode status = (ObjectNode) mapper.readTree(status(mboY, null));
        HttpResponse<String> accepted = submit(mboY.apiKey(), Fixtures.json(status));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> mapper.readTree(adminGet("/api/v1/transfers?voSchool="
                + vo.oin() + "&mbo=" + mboY.oin()).body()).path("total").asLong() == 1);
        JsonNode atX = mapper.readTree(adminGet("/api/v1/transfers?voSchool=" + vo.oin() + "&mbo=" + mboX.oin()).body());
        assertThat(atX.path("total").asLong()).isEqualTo(1);
    }

    @Test
    void shouldRefuseOverSoapAnAcknowledgementOrStatusOfAnotherMboAboutTheDossierCarriedToMboX() {
        String endpoint = "http://localhost:" + port + "/ws/overdracht";
        Overdracht client = SoapClients.client(endpoint + "?wsdl", mboY.apiKey());

        Acknowledgement ack = new Acknowledgement();
        ack.setRelatesTo(dossierId);
        ack.setResult("accepted");
        SoapClients.address(client, "urn:uuid:" + UUID.randomUUID(), mboY.oin(), vo.oin(), endpoint);
        SoapFault ackFault = fault(() -> client.submitAcknowledgement(ack));
        assertThat(ackFault.getFaultCode().getLocalPart()).isEqualTo("Client");
        assertThat(text(ackFault)).contains("contradicts-transfer").contains(dossierId).doesNotContain(mboX.oin());

        CanonicalEnvelope envelope = new CanonicalEnvelope();
        envelope.setType("application-status");
        envelope.setValue(status(mboY, dossierId));
        SoapClients.address(client, "urn:uuid:" + UUID.randomUUID(), mboY.oin(), vo.oin(), endpoint);
        SoapFault statusFault = fault(() -> client.submitCanonicalEnvelope(envelope));
        assertThat(text(statusFault)).contains("contradicts-transfer");

        String refused = adminGet("/api/v1/rejections?limit=500").body();
        assertThat(refused).contains("\"channel\":\"soap\"").contains(dossierId);
    }

    private String status(TestPartner mbo, String relatesTo) {
        ObjectNode status = Fixtures.message("application-status", mbo.oin(), vo.oin());
        ((ObjectNode) status.at("/payload/student")).put("bsn", bsn);
        if (relatesTo != null) {
            status.put("relatesTo", relatesTo);
        }
        return Fixtures.json(status);
    }

    private String acknowledgement(TestPartner mbo, String relatesTo) {
        ObjectNode ack = Fixtures.message("acknowledgement", mbo.oin(), vo.oin());
        ack.put("relatesTo", relatesTo);
        return Fixtures.json(ack);
    }

    private static SoapFault fault(Runnable call) {
        Throwable t = catchThrowableOfType(jakarta.xml.ws.WebServiceException.class, call::run);
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SoapFault f) {
                return f;
            }
        }
        throw new AssertionError("no SOAP fault", t);
    }

    private static String text(SoapFault f) {
        try {
            var out = new java.io.StringWriter();
            javax.xml.transform.TransformerFactory.newInstance().newTransformer().transform(
                    new javax.xml.transform.dom.DOMSource(f.getDetail()), new javax.xml.transform.stream.StreamResult(out));
            return out.toString();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException(e);
        }
    }
}
