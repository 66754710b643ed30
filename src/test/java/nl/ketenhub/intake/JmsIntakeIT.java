package nl.ketenhub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.routing.Headers;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/** Partners on the bus: the JMS intake queue, answers on a reply queue, and delivery to a JMS partner queue. */
class JmsIntakeIT extends HubIntegrationTest {

    /** Would flip the flag if anyone ever deserialized it. */
    static final AtomicBoolean DESERIALIZED = new AtomicBoolean();

    static class Trap implements Serializable {
        private void readObject(ObjectInputStream in) {
            DESERIALIZED.set(true);
        }
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private JmsTemplate jms;
    private TestPartner vo;
    private TestPartner mbo;
    private String mboQueue;
    private String replyQueue;

    @Autowired
    void jms(ConnectionFactory connectionFactory) {
        jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(20_000);
    }

    @BeforeEach
    void partners() {
        vo = register(PartnerKind.VO, Channel.JMS, "test.vo." + UUID.randomUUID());
        mboQueue = "test.mbo." + UUID.randomUUID();
        mbo = register(PartnerKind.MBO, Channel.JMS, mboQueue);
        replyQueue = "test.replies." + UUID.randomUUID();
    }

    @Test
    void shouldAnswerOnTheReplyQueueAndDeliverToTheJmsPartnerQueue() throws Exception {
        var dossier = Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[0]);
        String correlation = send(Fixtures.json(dossier), vo.apiKey());

        Message reply = jms.receive(replyQueue);
        assertThat(reply).isNotNull();
        assertThat(reply.getJMSCorrelationID()).isEqualTo(correlation);
        assertThat(reply.getIntProperty(Headers.STATUS)).isEqualTo(202);
        JsonNode receipt = mapper.readTree(((TextMessage) reply).getText());
        assertThat(receipt.path("messageId").asText()).isEqualTo(dossier.path("messageId").asText());

        Message delivered = jms.receive(mboQueue);
        assertThat(delivered).isInstanceOf(TextMessage.class);
        assertThat(delivered.getStringProperty(Headers.TRACKING_ID)).isEqualTo(receipt.path("trackingId").asText());
        assertThat(delivered.propertyExists("CamelJmsDestinationName")).as("the routing header is not passed on").isFalse();
        JsonNode forwarded = mapper.readTree(((TextMessage) delivered).getText());
        assertThat(forwarded.path("payload").has("student")).isTrue();
        assertThat(forwarded.path("payload").has("supportNeeds")).isFalse();
    }

    @Test
    void shouldAnswerOnTheHubsReplyQueueWhenTheSenderNamesNone() throws Exception {
        String correlation = UUID.randomUUID().toString();
        jms.send(jmsIntakeQueue(), session -> {
            TextMessage m = session.createTextMessage(Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[4])));
            m.setStringProperty(Headers.API_KEY, vo.apiKey());
            m.setJMSCorrelationID(correlation);
            return m;
        });

        Message reply = jms.receiveSelected("ketenhub.intake.replies", "JMSCorrelationID = '" + correlation + "'");
        assertThat(reply).as("the answer on the hub's reply queue").isNotNull();
        assertThat(reply.getIntProperty(Headers.STATUS)).isEqualTo(202);
        assertThat(reply.propertyExists("CamelJmsDestinationName")).as("the routing header is not passed on").isFalse();
        assertThat(jms.receive(mboQueue)).as("and the dossier delivered").isNotNull();
    }

    @Test
    void shouldAnswerBadMessagesPreciselyAndKeepTheQueueFlowing() throws Exception {
        send("{not json", vo.apiKey());
        JsonNode malformed = mapper.readTree(((TextMessage) jms.receive(replyQueue)).getText());
        assertThat(malformed.path("status").asInt()).isEqualTo(400);
        assertThat(malformed.path("type").asText()).endsWith("/invalid-json");

        var badBsn = Fixtures.dossier(vo.oin(), mbo.oin(), "628194822");
        send(Fixtures.json(badBsn), vo.apiKey());
        JsonNode invalid = mapper.readTree(((TextMessage) jms.receive(replyQueue)).getText());
        assertThat(invalid.path("status").asInt()).isEqualTo(400);
        assertThat(invalid.path("violations").findValuesAsText("pointer")).containsExactly("/payload/student/bsn");

        send(Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[1])), "kh_wrong");
        assertThat(mapper.readTree(((TextMessage) jms.receive(replyQueue)).getText()).path("status").asInt()).isEqualTo(401);

        jms.send(jmsIntakeQueue(), session -> {
            var object = session.createObjectMessage(new Trap());
            object.setStringProperty(Headers.API_KEY, vo.apiKey());
            object.setJMSReplyTo(session.createQueue(replyQueue));
            return object;
        });
        JsonNode refused = mapper.readTree(((TextMessage) jms.receive(replyQueue)).getText());
        assertThat(refused.path("status").asInt()).isEqualTo(415);
        assertThat(DESERIALIZED).as("an ObjectMessage is never deserialized").isFalse();

        var good = Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[2]);
        send(Fixtures.json(good), vo.apiKey());
        assertThat(mapper.readTree(((TextMessage) jms.receive(replyQueue)).getText()).path("status").asInt()).isEqualTo(202);
        Message delivered = jms.receive(mboQueue);
        assertThat(delivered.getStringProperty(Headers.MESSAGE_ID)).isEqualTo(good.path("messageId").asText());
    }

    @Test
    void shouldAnswerARepeatWith200AndTheOriginalTrackingId() throws Exception {
        String json = Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[3]));
        send(json, vo.apiKey());
        JsonNode first = mapper.readTree(((TextMessage) jms.receive(replyQueue)).getText());
        send(json, vo.apiKey());
        JsonNode second = mapper.readTree(((TextMessage) jms.receive(replyQueue)).getText());

        assertThat(first.path("status").asInt()).isEqualTo(202);
        assertThat(second.path("status").asInt()).isEqualTo(200);
        assertThat(second.path("trackingId").asText()).isEqualTo(first.path("trackingId").asText());
        assertThat(jms.receive(mboQueue)).isNotNull();
        jms.setReceiveTimeout(2_000);
        assertThat(jms.receive(mboQueue)).as("delivered once").isNull();
    }

    @Test
    void shouldCarryAnAbsenceReportToTheGemeenteAndItsFollowUpBackOverTheBus() throws Exception {
        String gemeenteQueue = "test.gemeente." + UUID.randomUUID();
        TestPartner gemeente = register(PartnerKind.GEMEENTE, Channel.JMS, gemeenteQueue, "0998");
        var report = Fixtures.message("absence-report", vo.oin(), gemeente.oin());
        send(Fixtures.json(report), vo.apiKey());
        assertThat(mapper.readTree(((TextMessage) jms.receive(replyQueue)).getText()).path("status").asInt()).isEqualTo(202);
        Message delivered = jms.receive(gemeenteQueue);
        assertThat(delivered.getStringProperty(Headers.TYPE)).isEqualTo("absence-report");
        assertThat(mapper.readTree(((TextMessage) delivered).getText()).at("/payload/school/vestigingscode").asText())
                .isEqualTo("01");

        var followUp = Fixtures.message("absence-follow-up", gemeente.oin(), vo.oin());
        followUp.put("relatesTo", report.path("messageId").asText());
        send(Fixtures.json(followUp), gemeente.apiKey());
        assertThat(mapper.readTree(((TextMessage) jms.receive(replyQueue)).getText()).path("status").asInt()).isEqualTo(202);
        Message answered = jms.receive(voQueue());
        assertThat(answered.getStringProperty(Headers.TYPE)).isEqualTo("absence-follow-up");
        assertThat(mapper.readTree(((TextMessage) answered).getText()).at("/payload/code").asText()).isEqualTo("GESPREK");
    }

    /**
     * The embedded broker authenticates nobody (in-VM only), so a JMSXUserID on a message proves nothing there: it is
     * ignored, and a partner that must authenticate with its certificate cannot send over it, not even with its key.
     */
    @Test
    void shouldNotTakeAnUnvalidatedBrokerUserAsIdentityOnTheEmbeddedBroker() throws Exception {
        var dossier = Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[4]);
        jms.send(jmsIntakeQueue(), session -> {
            TextMessage m = session.createTextMessage(Fixtures.json(dossier));
            m.setStringProperty("JMSXUserID", vo.oin());
            m.setJMSReplyTo(session.createQueue(replyQueue));
            return m;
        });
        JsonNode forged = mapper.readTree(((TextMessage) jms.receive(replyQueue)).getText());
        assertThat(forged.path("status").asInt()).isEqualTo(401);
        assertThat(forged.path("type").asText()).endsWith("/unauthenticated");

        assertThat(send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/partners/" + vo.oin() + "/authentication"))
                .header("Authorization", basicAdmin()).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"mode\":\"mtls\"}")).build()).statusCode())
                .isEqualTo(200);
        send(Fixtures.json(dossier), vo.apiKey());
        JsonNode keyOnly = mapper.readTree(((TextMessage) jms.receive(replyQueue)).getText());
        assertThat(keyOnly.path("status").asInt()).isEqualTo(401);
        assertThat(keyOnly.path("type").asText()).endsWith("/authentication-mode");
        assertThat(keyOnly.path("detail").asText()).contains("broker-validated-user is off");
        assertThat(adminGet("/api/v1/rejections?limit=500").body()).contains("authentication-mode");
    }

    @Test
    void shouldDecideTheEncodingAtIntakeSoEveryMessageAnswered202IsRouted() throws Exception {
        String first = Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[4]));
        String second = Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[5]));
        byte[] utf8 = first.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);

        sendBytes(first.getBytes(StandardCharsets.UTF_16), vo.apiKey());
        JsonNode utf16 = mapper.readTree(((TextMessage) jms.receive(replyQueue)).getText());
        sendBytes(first.getBytes(Charset.forName("UTF-32LE")), vo.apiKey());
        JsonNode utf32 = mapper.readTree(((TextMessage) jms.receive(replyQueue)).getText());
        send(first.replace("\"sentAt\"", "\"huge\": 1e309, \"sentAt\""), vo.apiKey());
        JsonNode infinite = mapper.readTree(((TextMessage) jms.receive(replyQueue)).getText());
        sendBytes(withBom, vo.apiKey());
        JsonNode bytesWithBom = mapper.readTree(((TextMessage) jms.receive(replyQueue)).getText());
        send("\uFEFF" + second, vo.apiKey());
        JsonNode textWithBom = mapper.readTree(((TextMessage) jms.receive(replyQueue)).getText());

        assertThat(utf16.path("status").asInt()).isEqualTo(400);
        assertThat(utf16.path("type").asText()).endsWith("/unsupported-encoding");
        assertThat(utf16.path("detail").asText()).contains("UTF-16BE").contains("UTF-8");
        assertThat(utf32.path("status").asInt()).isEqualTo(400);
        assertThat(utf32.path("detail").asText()).contains("UTF-32LE");
        assertThat(infinite.path("status").asInt()).isEqualTo(400);
        assertThat(infinite.path("type").asText()).endsWith("/invalid-json");
        // a UTF-8 byte order mark is ignored, in a BytesMessage as at the start of a TextMessage's text
        assertThat(bytesWithBom.path("status").asInt()).as(bytesWithBom.toString()).isEqualTo(202);
        assertThat(textWithBom.path("status").asInt()).as(textWithBom.toString()).isEqualTo(202);
        for (JsonNode receipt : List.of(bytesWithBom, textWithBom)) {
            JsonNode view = awaitSettled(receipt.path("trackingId").asText());
            assertThat(view.path("state").asText()).as(view.toString()).isEqualTo("DELIVERED");
        }
        assertThat(jms.receive(mboQueue)).isNotNull();
        assertThat(jms.receive(mboQueue)).isNotNull();
        assertThat(mapper.readTree(adminGet("/api/v1/rejections?limit=20").body()).findValuesAsText("problemType"))
                .contains("unsupported-encoding", "invalid-json").doesNotContain("core-failure");
    }

    private String voQueue() {
        return partners.find(vo.oin()).orElseThrow().endpoint();
    }

    private String send(String body, String apiKey) throws Exception {
        String correlation = UUID.randomUUID().toString();
        jms.send(jmsIntakeQueue(), session -> {
            TextMessage m = session.createTextMessage(body);
            m.setStringProperty(Headers.API_KEY, apiKey);
            m.setJMSCorrelationID(correlation);
            m.setJMSReplyTo(session.createQueue(replyQueue));
            return m;
        });
        return correlation;
    }

    private void sendBytes(byte[] body, String apiKey) {
        jms.send(jmsIntakeQueue(), session -> {
            BytesMessage m = session.createBytesMessage();
            m.writeBytes(body);
            m.setStringProperty(Headers.API_KEY, apiKey);
            m.setJMSReplyTo(session.createQueue(replyQueue));
            return m;
        });
    }

    private static String jmsIntakeQueue() {
        return "ketenhub.intake.jms";
    }
}
