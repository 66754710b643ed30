package nl.ketenhub.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import nl.ketenhub.canonical.Hashes;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * After a crash the broker may hold messages whose ledger rows were lost (the embedded database writes its commits to
 * the file in the background): the hub records them again from the queued messages and delivers them, visibly.
 */
class LedgerRepairIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private MessageLedger ledger;

    @Autowired
    private ProducerTemplate producer;

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
    void close() {
        mboSystem.close();
    }

    @Test
    void shouldRecordAQueuedMessageWhoseLedgerEntryWasLostAndDeliverIt() throws Exception {
        ObjectNode dossier = Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[2]);
        String trackingId = UUID.randomUUID().toString();

        producer.sendBodyAndHeaders("direct:intake-enqueue", Fixtures.json(dossier), QueuedHeaders.intake(trackingId, dossier));

        await().atMost(Duration.ofSeconds(30)).until(() -> mboSystem.accepted().size() == 1);
        assertThat(mboSystem.accepted().get(0).header("KetenhubTrackingId")).isEqualTo(trackingId);
        JsonNode view = awaitSettled(trackingId);
        assertThat(view.path("state").asText()).isEqualTo("DELIVERED");
        JsonNode senderView = senderView(trackingId);
        assertThat(senderView.path("state").asText()).isEqualTo("DELIVERED");
        assertThat(senderView.path("history").findValuesAsText("state")).containsSubsequence("RECEIVED", "ROUTED", "DELIVERED");
        assertThat(ledger.history(trackingId).get(0).detail()).contains("recorded again");
        assertThat(ledger.find(trackingId).orElseThrow().channel()).isEqualTo("rest");
    }

    @Test
    void shouldNotRouteALostCopyWhenTheSendersRepeatWasAcceptedSince() throws Exception {
        ObjectNode dossier = Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[3]);
        HttpResponse<String> answer = submit(vo.apiKey(), Fixtures.json(dossier));
        assertThat(answer.statusCode()).isEqualTo(202);
        String accepted = JSON.readTree(answer.body()).path("trackingId").asText();
        awaitSettled(accepted);
        String lostCopy = UUID.randomUUID().toString();

        producer.sendBodyAndHeaders("direct:intake-enqueue", Fixtures.json(dossier), QueuedHeaders.intake(lostCopy, dossier));

        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.history(accepted).stream()
                .anyMatch(e -> e.state().equals("DUPLICATE_DROPPED") && e.detail().contains(lostCopy)));
        assertThat(ledger.find(lostCopy)).isEmpty();
        assertThat(mboSystem.accepted()).hasSize(1);
    }

    @Test
    void shouldRecreateALostDeliveryFromItsQueuedMessage() throws Exception {
        ObjectNode dossier = Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[4]);
        String json = Fixtures.json(dossier);
        String trackingId = ledger.recordReceived(new MessageLedger.NewMessage(dossier.path("messageId").asText(),
                vo.oin(), mbo.oin(), "transfer-dossier", null, null, "rest", json.length(), Hashes.sha256(json), json));
        String deliveryId = UUID.randomUUID().toString();

        sendDelivery(trackingId, deliveryId, dossier);

        await().atMost(Duration.ofSeconds(30)).until(() -> mboSystem.accepted().size() == 1);
        JsonNode view = awaitSettled(trackingId);
        assertThat(view.path("state").asText()).isEqualTo("DELIVERED");
        assertThat(deliveriesOf(view, "primary", mbo.oin())).isEqualTo(1);
        assertThat(ledger.findDelivery(deliveryId)).isPresent();
        assertThat(ledger.history(trackingId)).extracting(e -> e.state()).contains("DELIVERY_RECOVERED");
    }

    @Test
    void shouldRecreateALostDeliveryAndItsLostMessageFromTheDeliveryQueue() throws Exception {
        ObjectNode dossier = Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[5]);
        String trackingId = UUID.randomUUID().toString();

        sendDelivery(trackingId, UUID.randomUUID().toString(), dossier);

        await().atMost(Duration.ofSeconds(30)).until(() -> mboSystem.accepted().size() == 1);
        assertThat(mboSystem.accepted().get(0).header("KetenhubTrackingId")).isEqualTo(trackingId);
        JsonNode view = awaitSettled(trackingId);
        assertThat(view.path("state").asText()).isEqualTo("DELIVERED");
        assertThat(senderView(trackingId).path("state").asText()).isEqualTo("DELIVERED");
    }

    private void sendDelivery(String trackingId, String deliveryId, ObjectNode m) {
        producer.sendBodyAndHeaders("jms:queue:ketenhub.delivery." + mbo.oin(),
                Fixtures.json(m).getBytes(StandardCharsets.UTF_8), QueuedHeaders.primaryDelivery(trackingId, deliveryId, m));
    }

    private JsonNode senderView(String trackingId) throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/api/v1/messages/" + trackingId))
                .header("Authorization", "Bearer " + vo.apiKey()).GET().build());
        assertThat(answer.statusCode()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
