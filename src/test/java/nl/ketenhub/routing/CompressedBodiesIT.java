package nl.ketenhub.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.ketenhub.ledger.BodyCompression;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A long body (a dossier) travels compressed on the hub's own queues, as the broker journals it, and reaches the
 * partner whole; one queued uncompressed, as before compression, is still routed and delivered.
 */
class CompressedBodiesIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the broker was given to send: the address, the tracking id, the body's encoding and its journalled size. */
    record Sent(String address, String trackingId, String encoding, long size) {}

    @Autowired
    private EmbeddedActiveMQ broker;

    @Autowired
    private MessageLedger ledger;

    @Autowired
    private ProducerTemplate producer;

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final ActiveMQServerMessagePlugin watch = new ActiveMQServerMessagePlugin() {
        @Override
        public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct,
                boolean noAutoCreateQueue) throws ActiveMQException {
            Object trackingId = message.getObjectProperty(Headers.TRACKING_ID);
            if (trackingId != null) {
                Object encoding = message.getObjectProperty(Headers.BODY_ENCODING);
                sent.add(new Sent(message.getAddress(), trackingId.toString(),
                        encoding == null ? null : encoding.toString(), message.getPersistentSize()));
            }
        }
    };

    private FakePartner mboSystem;
    private TestPartner vo;
    private TestPartner mbo;

    @BeforeEach
    void partners() throws Exception {
        mboSystem = new FakePartner();
        vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        mbo = register(PartnerKind.MBO, Channel.REST, mboSystem.url());
        broker.getActiveMQServer().registerBrokerPlugin(watch);
    }

    @AfterEach
    void close() {
        broker.getActiveMQServer().unRegisterBrokerPlugin(watch);
        mboSystem.close();
    }

    @Test
    void shouldCarryALongDossierCompressedOnTheHubsOwnQueuesAndDeliverItWhole() throws Exception {
        ObjectNode dossier = longDossier(Fixtures.BSNS[6]);
        String json = Fixtures.json(dossier);
        int jsonBytes = json.getBytes(StandardCharsets.UTF_8).length;

        HttpResponse<String> answer = submit(vo.apiKey(), json);

        assertThat(answer.statusCode()).isEqualTo(202);
        String trackingId = JSON.readTree(answer.body()).path("trackingId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> mboSystem.accepted().size() == 1);
        assertDeliveredWhole(dossier);
        assertThat(awaitSettled(trackingId).path("state").asText()).isEqualTo("DELIVERED");
        List<Sent> hops = sent.stream().filter(s -> s.trackingId().equals(trackingId)).toList();
        assertThat(hops).extracting(Sent::address)
                .containsExactlyInAnyOrder("ketenhub.core", "ketenhub.delivery." + mbo.oin());
        assertThat(hops).allSatisfy(hop -> {
            assertThat(hop.encoding()).isEqualTo(Bodies.ZSTD);
            assertThat(hop.size()).as("bytes journalled for a %d-byte dossier", jsonBytes).isLessThan(jsonBytes / 3);
        });
    }

    @Test
    void shouldRouteAndDeliverALongDossierQueuedUncompressedBeforeCompression() throws Exception {
        ObjectNode dossier = longDossier(Fixtures.BSNS[7]);
        String json = Fixtures.json(dossier);
        String trackingId = ledger.recordReceived(MessageLedger.NewMessage.of(dossier.path("messageId").asText(),
                vo.oin(), mbo.oin(), "transfer-dossier", null, null, "rest", json));

        // as the hub put it on the intake queue before it compressed long bodies: UTF-8 bytes, no encoding header
        producer.sendBodyAndHeaders("jms:queue:ketenhub.core", json.getBytes(StandardCharsets.UTF_8),
                QueuedHeaders.intake(trackingId, dossier));

        await().atMost(Duration.ofSeconds(30)).until(() -> mboSystem.accepted().size() == 1);
        assertDeliveredWhole(dossier);
        assertThat(awaitSettled(trackingId).path("state").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void shouldDeliverALongDossierLeftUncompressedOnADeliveryQueueBeforeCompression() throws Exception {
        ObjectNode dossier = longDossier(Fixtures.BSNS[8]);
        String json = Fixtures.json(dossier);
        String trackingId = ledger.recordReceived(MessageLedger.NewMessage.of(dossier.path("messageId").asText(),
                vo.oin(), mbo.oin(), "transfer-dossier", null, null, "rest", json));

        producer.sendBodyAndHeaders("jms:queue:ketenhub.delivery." + mbo.oin(), json.getBytes(StandardCharsets.UTF_8),
                QueuedHeaders.primaryDelivery(trackingId, java.util.UUID.randomUUID().toString(), dossier));

        await().atMost(Duration.ofSeconds(30)).until(() -> mboSystem.accepted().size() == 1);
        assertDeliveredWhole(dossier);
        assertThat(awaitSettled(trackingId).path("state").asText()).isEqualTo("DELIVERED");
    }

    /** The partner got the dossier's long section as it was sent (the consent evidence lets every section go). */
    private void assertDeliveredWhole(ObjectNode dossier) throws Exception {
        JsonNode received = JSON.readTree(mboSystem.accepted().get(0).body());
        assertThat(received.path("messageId").asText()).isEqualTo(dossier.path("messageId").asText());
        assertThat(received.at("/payload/results/examSubjects")).isEqualTo(dossier.at("/payload/results/examSubjects"));
        assertThat(received.at("/payload/student/bsn")).isEqualTo(dossier.at("/payload/student/bsn"));
    }

    /** The fixture's dossier with a long list of exam subjects: well past the length from which bodies are compressed. */
    private ObjectNode longDossier(String bsn) {
        ObjectNode dossier = Fixtures.dossier(vo.oin(), mbo.oin(), bsn);
        ((ObjectNode) dossier.at("/payload/consentEvidence")).put("consentToTransfer", "yes");
        ArrayNode subjects = (ArrayNode) dossier.at("/payload/results/examSubjects");
        for (int i = 0; i < 200; i++) {
            ObjectNode subject = subjects.addObject();
            subject.put("subject", "Keuzevak " + i);
            subject.put("subjectCode", "KV" + i);
            subject.put("schoolExamGrade", (5 + i % 5) + "." + (i % 10));
        }
        assertThat(Fixtures.json(dossier).length()).isGreaterThan(2 * BodyCompression.FROM_CHARS);
        return dossier;
    }
}
