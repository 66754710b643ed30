package nl.ketenhub.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.http.HttpRequest;
import java.util.Set;
import java.util.UUID;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.routing.Headers;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.SeparateBroker;
import nl.ketenhub.support.HubIntegrationTest;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The JMS edge behind a broker that authenticates every client and stamps the validated user on each message
 * ({@code populate-validated-user}), as the external Artemis of production does: the hub ties that login to a
 * partner and refuses a message whose envelope speaks for another, one whose login and API key belong to two
 * partners, and one of an {@code mtls} partner without its login. Every refusal is answered on the reply queue and
 * is among the refused messages; the queue keeps flowing.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JmsBrokerIdentityIT extends HubIntegrationTest {

    private static final int BROKER_ID = 4731;
    private static final String HUB_USER = "hub";
    private static final String PASSWORD = "broker-password-for-tests";
    private static final SecurityConfiguration USERS = new SecurityConfiguration();
    private static final EmbeddedActiveMQ BROKER;

    static {
        try {
            ConfigurationImpl config = SeparateBroker.configuration(BROKER_ID);
            config.setSecurityEnabled(true);
            config.setPopulateValidatedUser(true);
            config.putSecurityRoles("#", Set.of(
                    new Role("hub", true, true, true, true, true, true, true, true, true, true, true, true),
                    new Role("partner", true, true, true, true, true, true, false, true, true, true, false, false)));
            USERS.addUser(HUB_USER, PASSWORD);
            USERS.addRole(HUB_USER, "hub");
            BROKER = new EmbeddedActiveMQ().setConfiguration(config)
                    .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), USERS));
            BROKER.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    BROKER.stop();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the authenticating broker for the test", e);
        }
    }

    @DynamicPropertySource
    static void authenticatingBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.artemis.mode", () -> "native");
        registry.add("spring.artemis.embedded.enabled", () -> "false");
        registry.add("spring.artemis.broker-url", () -> "vm://" + BROKER_ID);
        registry.add("spring.artemis.user", () -> HUB_USER);
        registry.add("spring.artemis.password", () -> PASSWORD);
        registry.add("ketenhub.jms.broker-validated-user", () -> "true");
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final java.util.List<ActiveMQConnectionFactory> factories = new java.util.ArrayList<>();
    private TestPartner voA;
    private TestPartner voB;
    private TestPartner mbo;
    private String mboQueue;
    private String replyQueue;

    @BeforeEach
    void partners() {
        voA = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        voB = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        mboQueue = "test.mbo." + UUID.randomUUID();
        mbo = register(PartnerKind.MBO, Channel.JMS, mboQueue);
        replyQueue = "test.replies." + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        factories.forEach(ActiveMQConnectionFactory::close);
    }

    @Test
    void shouldTakeTheBrokerLoginOfAnMtlsPartnerAndRefuseAnEnvelopeThatSpeaksForAnother() throws Exception {
        String userA = "horizon-sis-" + UUID.randomUUID();
        brokerUser(userA);
        authentication(voA, "{\"mode\":\"mtls\",\"brokerUser\":\"" + userA + "\"}");
        JmsTemplate asA = client(userA);

        String dossierId = UUID.randomUUID().toString();
        var dossier = Fixtures.dossier(voA.oin(), mbo.oin(), Fixtures.BSNS[0]);
        dossier.put("messageId", dossierId);
        JsonNode accepted = submit(asA, Fixtures.json(dossier), null);
        assertThat(accepted.path("status").asInt()).as(accepted.toString()).isEqualTo(202);
        Message delivered = asA.receive(mboQueue);
        assertThat(delivered.getStringProperty(Headers.MESSAGE_ID)).isEqualTo(dossierId);

        // A's login, B's name on the envelope: the wrong-party cell
        JsonNode spoofed = submit(asA, Fixtures.json(Fixtures.dossier(voB.oin(), mbo.oin(), Fixtures.BSNS[1])), null);
        assertThat(spoofed.path("status").asInt()).isEqualTo(403);
        assertThat(spoofed.path("type").asText()).endsWith("/sender-mismatch");
        assertThat(spoofed.path("detail").asText()).contains(voA.oin());

        // A's login with B's API key: two partners at once
        JsonNode twoParties = submit(asA, Fixtures.json(Fixtures.dossier(voB.oin(), mbo.oin(), Fixtures.BSNS[2])),
                voB.apiKey());
        assertThat(twoParties.path("status").asInt()).isEqualTo(403);
        assertThat(twoParties.path("type").asText()).endsWith("/broker-user-mismatch");

        // the queue keeps flowing: the next good message goes through
        JsonNode next = submit(asA, Fixtures.json(Fixtures.dossier(voA.oin(), mbo.oin(), Fixtures.BSNS[3])), null);
        assertThat(next.path("status").asInt()).isEqualTo(202);
        assertThat(asA.receive(mboQueue)).isNotNull();

        String refused = adminGet("/api/v1/rejections?limit=500").body();
        assertThat(refused).contains("sender-mismatch").contains("broker-user-mismatch");
    }

    @Test
    void shouldLetNoClientForgeTheValidatedUser() throws Exception {
        String userB = "vo-b-" + UUID.randomUUID();
        brokerUser(userB);
        authentication(voB, "{\"mode\":\"mtls\",\"brokerUser\":\"" + userB + "\"}");
        authentication(voA, "{\"mode\":\"mtls\"}");
        JmsTemplate asB = client(userB);
        String correlation = UUID.randomUUID().toString();
        asB.send("ketenhub.intake.jms", session -> {
            TextMessage m = session.createTextMessage(Fixtures.json(Fixtures.dossier(voA.oin(), mbo.oin(), Fixtures.BSNS[4])));
            m.setStringProperty("JMSXUserID", voA.oin());
            m.setJMSCorrelationID(correlation);
            m.setJMSReplyTo(session.createQueue(replyQueue));
            return m;
        });
        JsonNode answer = mapper.readTree(((TextMessage) asB.receive(replyQueue)).getText());
        assertThat(answer.path("status").asInt()).isEqualTo(403);
        assertThat(answer.path("type").asText()).endsWith("/sender-mismatch");
    }

    @Test
    void shouldTakeAnOinAsBrokerUserAndRefuseAnMtlsPartnerWithoutItsLogin() throws Exception {
        brokerUser(voA.oin());
        authentication(voA, "{\"mode\":\"mtls\"}");
        JsonNode accepted = submit(client(voA.oin()), Fixtures.json(Fixtures.dossier(voA.oin(), mbo.oin(), Fixtures.BSNS[5])), null);
        assertThat(accepted.path("status").asInt()).as(accepted.toString()).isEqualTo(202);

        // a shared gateway login that is no partner's: the API key decides, and an mtls partner's key is not enough
        String gateway = "gateway-" + UUID.randomUUID();
        brokerUser(gateway);
        JmsTemplate viaGateway = client(gateway);
        JsonNode keyOnly = submit(viaGateway, Fixtures.json(Fixtures.dossier(voA.oin(), mbo.oin(), Fixtures.BSNS[6])),
                voA.apiKey());
        assertThat(keyOnly.path("status").asInt()).isEqualTo(401);
        assertThat(keyOnly.path("type").asText()).endsWith("/authentication-mode");
        JsonNode nothing = submit(viaGateway, Fixtures.json(Fixtures.dossier(voB.oin(), mbo.oin(), Fixtures.BSNS[7])), null);
        assertThat(nothing.path("status").asInt()).isEqualTo(401);
        assertThat(nothing.path("type").asText()).endsWith("/unknown-broker-user");
        JsonNode apiKeyPartner = submit(viaGateway, Fixtures.json(Fixtures.dossier(voB.oin(), mbo.oin(), Fixtures.BSNS[8])),
                voB.apiKey());
        assertThat(apiKeyPartner.path("status").asInt()).as(apiKeyPartner.toString()).isEqualTo(202);
    }

    private JsonNode submit(JmsTemplate client, String body, String apiKey) throws Exception {
        String correlation = UUID.randomUUID().toString();
        client.send("ketenhub.intake.jms", session -> {
            TextMessage m = session.createTextMessage(body);
            if (apiKey != null) {
                m.setStringProperty(Headers.API_KEY, apiKey);
            }
            m.setJMSCorrelationID(correlation);
            m.setJMSReplyTo(session.createQueue(replyQueue));
            return m;
        });
        Message reply = client.receive(replyQueue);
        assertThat(reply).as("an answer on the reply queue").isNotNull();
        assertThat(reply.getJMSCorrelationID()).isEqualTo(correlation);
        return mapper.readTree(((TextMessage) reply).getText());
    }

    private static void brokerUser(String user) {
        USERS.addUser(user, PASSWORD);
        USERS.addRole(user, "partner");
    }

    private JmsTemplate client(String user) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://" + BROKER_ID, user, PASSWORD);
        factory.setDeserializationDenyList("*");
        factories.add(factory);
        JmsTemplate template = new JmsTemplate(factory);
        template.setReceiveTimeout(20_000);
        return template;
    }

    private void authentication(TestPartner partner, String json) {
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/partners/" + partner.oin() + "/authentication"))
                .header("Authorization", basicAdmin()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build()).statusCode()).isEqualTo(200);
    }
}
