package nl.ketenhub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.URIParameter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.PartnerRequest;
import nl.ketenhub.routing.Headers;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import nl.ketenhub.support.Ports;
import nl.ketenhub.support.SeparateBroker;
import nl.ketenhub.support.TestDataDir;
import nl.ketenhub.support.TestPki;
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
 * The JMS edge's certificate path end to end, over real TLS: a broker apart from the hub (the hub's own embedded
 * broker stays in-VM) with a TLS acceptor that demands a client certificate ({@code needClientAuth}) and Artemis's
 * certificate login ({@code TextFileCertificateLoginModule}, from a {@code login.config}, {@code cert-users.properties}
 * and {@code cert-roles.properties} this test writes as the README tells an operator to), {@code security-enabled},
 * {@code populate-validated-user} and {@code reject-empty-validated-user}. The hub itself logs in over the in-VM
 * acceptor with a user and password. Partners connect with PKIoverheid-shaped certificates (the OIN in the subject
 * serialNumber) and no API key; the broker maps each certificate's DN to a user, stamps it as JMSXUserID, and the hub
 * ties that user to a partner in mode {@code mtls}.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JmsCertificateLoginIT extends HubIntegrationTest {

    private static final int BROKER_ID = 4733;
    private static final String HUB_USER = "hub";
    private static final String HUB_PASSWORD = "broker-password-for-tests";
    private static final String PARTNER_ROLE = "partner";
    /** Partner B's broker user: a name of the operator's choosing, set as B's brokerUser. */
    private static final String USER_B = "horizon-sis-b";
    private static final String MBO_QUEUE = "test.mbo." + UUID.randomUUID();

    private static final String OIN_A = newOin();
    private static final String OIN_B = newOin();
    private static final String OIN_MBO = newOin();
    /** An OIN with a certificate the broker maps to a user, but of no partner of the hub. */
    private static final String OIN_STRANGER = newOin();

    private static final Path DIR = Path.of(TestDataDir.fresh("jms-certificate-login"));
    private static final TestPki CA = TestPki.newCa("Test PKIoverheid Organisatie CA");
    /** A CA of its own with the same name as the trusted one: its certificates look right and are signed wrong. */
    private static final TestPki IMPOSTOR_CA = TestPki.newCa("Test PKIoverheid Organisatie CA");
    private static final TestPki.Identity BROKER_TLS = CA.server("Test broker");
    private static final TestPki.Identity CERT_A = CA.organisation(OIN_A, "VO school A");
    private static final TestPki.Identity CERT_B = CA.organisation(OIN_B, "VO school B");
    private static final TestPki.Identity CERT_MBO = CA.organisation(OIN_MBO, "MBO college");
    private static final TestPki.Identity CERT_STRANGER = CA.organisation(OIN_STRANGER, "Not a partner");
    /** A's OIN, from the trusted CA, expired yesterday. */
    private static final TestPki.Identity CERT_A_EXPIRED = CA.organisation(OIN_A, "VO school A",
            Instant.now().minus(Duration.ofDays(1)));
    /** A's name and OIN, from the impostor CA. */
    private static final TestPki.Identity CERT_A_IMPOSTOR = IMPOSTOR_CA.organisation(OIN_A, "VO school A");
    /** From the trusted CA, valid, but its DN is in no line of cert-users.properties. */
    private static final TestPki.Identity CERT_UNLISTED = CA.organisation(newOin(), "Unlisted school");

    private static final int TLS_PORT = Ports.free();
    private static final EmbeddedActiveMQ BROKER;

    static {
        try {
            BROKER = startBroker();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the certificate-login broker for the test", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                BROKER.stop();
            } catch (Exception ignored) {
                // the JVM is going away
            }
        }));
    }

    /**
     * The operator's configuration, written as files: the TLS acceptor's key and trust stores, cert-users.properties
     * (user=DN, the DN as keytool prints a certificate's owner), cert-roles.properties, and the login.config entry
     * CertLogin that the README gives. Only the certificate domain comes from login.config; the hub's own in-VM login
     * is a user and password. Nothing is set on the JVM (no java.security.auth.login.config), so no other test sees it.
     */
    private static EmbeddedActiveMQ startBroker() throws Exception {
        Path keyStore = TestPki.write(TestPki.keyStore(BROKER_TLS), DIR.resolve("broker-keystore.p12"));
        Path trustStore = TestPki.write(TestPki.trustStore(CA.caCertificate()), DIR.resolve("broker-truststore.p12"));
        Path users = write("cert-users.properties", String.join("\n",
                OIN_A + "=" + dn(CERT_A),
                USER_B + "=" + dn(CERT_B),
                OIN_MBO + "=" + dn(CERT_MBO),
                OIN_STRANGER + "=" + dn(CERT_STRANGER)));
        Path roles = write("cert-roles.properties",
                PARTNER_ROLE + "=" + String.join(",", OIN_A, USER_B, OIN_MBO, OIN_STRANGER));
        Path loginConfig = write("login.config", """
                CertLogin {
                    org.apache.activemq.artemis.spi.core.security.jaas.TextFileCertificateLoginModule required
                        org.apache.activemq.jaas.textfiledn.user="%s"
                        org.apache.activemq.jaas.textfiledn.role="%s";
                };
                """.formatted(users, roles));
        Configuration fromFile = Configuration.getInstance("JavaLoginConfig", new URIParameter(loginConfig.toUri()));

        ConfigurationImpl config = SeparateBroker.configuration(BROKER_ID);
        config.setSecurityEnabled(true);
        config.setPopulateValidatedUser(true);
        config.setRejectEmptyValidatedUser(true);
        config.addAcceptorConfiguration("partners-tls", "tcp://127.0.0.1:" + TLS_PORT + "?sslEnabled=true;needClientAuth=true"
                + ";keyStoreType=PKCS12;keyStorePath=" + keyStore + ";keyStorePassword=" + new String(TestPki.PASSWORD)
                + ";trustStoreType=PKCS12;trustStorePath=" + trustStore + ";trustStorePassword=" + new String(TestPki.PASSWORD)
                + ";protocols=CORE");
        Role hub = new Role(HUB_USER, true, true, true, true, true, true, true, true, true, true, true, true);
        Role partnerSends = new Role(PARTNER_ROLE, true, false, false, false, false, false, false, false, false, false, false, false);
        Role partnerOwnQueues = new Role(PARTNER_ROLE, true, true, true, false, true, true, false, true, true, false, false, false);
        config.putSecurityRoles("#", Set.of(hub));
        config.putSecurityRoles("ketenhub.intake.jms", Set.of(hub, partnerSends));
        config.putSecurityRoles("test.#", Set.of(hub, partnerOwnQueues));

        SecurityConfiguration hubLogin = new SecurityConfiguration();
        hubLogin.addUser(HUB_USER, HUB_PASSWORD);
        hubLogin.addRole(HUB_USER, HUB_USER);
        SecurityConfiguration certificateLogin = new SecurityConfiguration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return fromFile.getAppConfigurationEntry(name);
            }
        };
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config).setSecurityManager(
                new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), "CertLogin", hubLogin, certificateLogin));
        broker.start();
        return broker;
    }

    @DynamicPropertySource
    static void certificateBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.artemis.mode", () -> "native");
        registry.add("spring.artemis.embedded.enabled", () -> "false");
        registry.add("spring.artemis.broker-url", () -> "vm://" + BROKER_ID);
        registry.add("spring.artemis.user", () -> HUB_USER);
        registry.add("spring.artemis.password", () -> HUB_PASSWORD);
        registry.add("ketenhub.jms.broker-validated-user", () -> "true");
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<ActiveMQConnectionFactory> factories = new ArrayList<>();

    @BeforeEach
    void partners() {
        if (partners.find(OIN_A).isPresent()) {
            return;
        }
        create(OIN_A, PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        create(OIN_B, PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        create(OIN_MBO, PartnerKind.MBO, Channel.JMS, MBO_QUEUE);
        authentication(OIN_A, "{\"mode\":\"mtls\"}");
        authentication(OIN_B, "{\"mode\":\"mtls\",\"brokerUser\":\"" + USER_B + "\"}");
        authentication(OIN_MBO, "{\"mode\":\"mtls\"}");
    }

    @AfterEach
    void close() {
        factories.forEach(ActiveMQConnectionFactory::close);
    }

    @Test
    void shouldTakeThePartnersCertificateAsItsLoginAndRefuseAnEnvelopeThatSpeaksForAnother() throws Exception {
        JmsTemplate asA = client(CERT_A);
        String replies = "test.replies." + UUID.randomUUID();
        String messageId = UUID.randomUUID().toString();
        var dossier = Fixtures.dossier(OIN_A, OIN_MBO, Fixtures.BSNS[0]);
        dossier.put("messageId", messageId);

        JsonNode accepted = submit(asA, replies, Fixtures.json(dossier), null);
        assertThat(accepted.path("status").asInt()).as(accepted.toString()).isEqualTo(202);
        JsonNode recorded = awaitSettled(accepted.path("trackingId").asText());
        assertThat(recorded.path("sender").asText()).isEqualTo(OIN_A);
        assertThat(deliveriesOf(recorded, "primary", OIN_MBO)).isEqualTo(1);
        // the MBO takes its delivery over TLS with its own certificate
        Message delivered = client(CERT_MBO).receiveSelected(MBO_QUEUE, Headers.MESSAGE_ID + " = '" + messageId + "'");
        assertThat(delivered).as("the dossier on the MBO's queue").isNotNull();
        assertThat(delivered.getStringProperty(Headers.MESSAGE_ID)).isEqualTo(messageId);

        // A's certificate, B's name on the envelope
        JsonNode spoofed = submit(asA, replies, Fixtures.json(Fixtures.dossier(OIN_B, OIN_MBO, Fixtures.BSNS[1])), null);
        assertThat(spoofed.path("status").asInt()).as(spoofed.toString()).isEqualTo(403);
        assertThat(spoofed.path("type").asText()).endsWith("/sender-mismatch");
        assertThat(spoofed.path("detail").asText()).contains(OIN_A);
        assertThat(refusals("sender-mismatch", OIN_A)).as("the refusal among the refused messages")
                .anySatisfy(entry -> assertThat(entry.path("sender").asText()).isEqualTo(OIN_A));

        // B's certificate maps to the broker user the operator chose, B's brokerUser
        JsonNode fromB = submit(client(CERT_B), replies, Fixtures.json(Fixtures.dossier(OIN_B, OIN_MBO, Fixtures.BSNS[2])), null);
        assertThat(fromB.path("status").asInt()).as(fromB.toString()).isEqualTo(202);
        assertThat(awaitSettled(fromB.path("trackingId").asText()).path("sender").asText()).isEqualTo(OIN_B);
    }

    @Test
    void shouldRefuseExpiredImpostorAndUnlistedCertificatesAtTheBrokerAndACertificateOfNoPartnerAtTheHub() throws Exception {
        // the expired and the impostor's certificates: the broker ends the TLS handshake with a fatal alert
        assertRefusedInHandshake(handshake(CERT_A_EXPIRED), "expired certificate");
        assertRefusedInHandshake(handshake(CERT_A_IMPOSTOR), "certificate of an unknown CA");
        // so a JMS client with either gets no connection, and never as far as a login
        assertThat(catchThrowable(() -> connect(CERT_A_EXPIRED))).isInstanceOf(JMSException.class)
                .isNotInstanceOf(JMSSecurityException.class);
        assertThat(catchThrowable(() -> connect(CERT_A_IMPOSTOR))).isInstanceOf(JMSException.class)
                .isNotInstanceOf(JMSSecurityException.class);
        // a trusted certificate whose DN the operator did not list: TLS holds, the certificate login refuses it
        assertThat(catchThrowable(() -> connect(CERT_UNLISTED))).as("certificate not in cert-users.properties")
                .isInstanceOf(JMSSecurityException.class).hasMessageContaining("AMQ229031");

        // a listed certificate whose OIN is no partner's: the broker lets it in, the hub refuses what it sends
        String replies = "test.replies." + UUID.randomUUID();
        JsonNode stranger = submit(client(CERT_STRANGER), replies,
                Fixtures.json(Fixtures.dossier(OIN_STRANGER, OIN_MBO, Fixtures.BSNS[3])), null);
        assertThat(stranger.path("status").asInt()).as(stranger.toString()).isEqualTo(401);
        assertThat(stranger.path("type").asText()).endsWith("/unknown-broker-user");
        assertThat(stranger.path("detail").asText()).contains(OIN_STRANGER);

        // the intake queue goes on: A's next dossier is taken
        JsonNode next = submit(client(CERT_A), replies, Fixtures.json(Fixtures.dossier(OIN_A, OIN_MBO, Fixtures.BSNS[4])), null);
        assertThat(next.path("status").asInt()).as(next.toString()).isEqualTo(202);
        assertThat(refusals("unknown-broker-user", OIN_STRANGER)).as("the refusal among the refused messages").isNotEmpty();
    }

    @Test
    void shouldLetNoCertificateClientForgeTheValidatedUser() throws Exception {
        String replies = "test.replies." + UUID.randomUUID();
        JmsTemplate asB = client(CERT_B);
        String correlation = UUID.randomUUID().toString();
        asB.send("ketenhub.intake.jms", session -> {
            TextMessage m = session.createTextMessage(Fixtures.json(Fixtures.dossier(OIN_A, OIN_MBO, Fixtures.BSNS[5])));
            m.setStringProperty("JMSXUserID", OIN_A);
            m.setStringProperty("_AMQ_VALIDATED_USER", OIN_A);
            m.setJMSCorrelationID(correlation);
            m.setJMSReplyTo(session.createQueue(replies));
            return m;
        });
        Message reply = asB.receive(replies);
        assertThat(reply).as("an answer on the reply queue").isNotNull();
        assertThat(reply.getJMSCorrelationID()).isEqualTo(correlation);
        JsonNode answer = mapper.readTree(((TextMessage) reply).getText());
        assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.path("type").asText()).endsWith("/sender-mismatch");
        assertThat(answer.path("detail").asText()).contains(OIN_B);
    }

    private JsonNode submit(JmsTemplate client, String replyQueue, String body, String apiKey) throws Exception {
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

    /** The refused messages of the JMS edge with this problem type whose detail names the given OIN. */
    private List<JsonNode> refusals(String type, String oin) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode entry : mapper.readTree(adminGet("/api/v1/rejections?limit=1000").body())) {
            if ("jms".equals(entry.path("channel").asText()) && type.equals(entry.path("problemType").asText())
                    && entry.path("detail").asText().contains(oin)) {
                found.add(entry);
            }
        }
        return found;
    }

    /** A partner's JMS client over TLS, presenting its certificate; no user name, password or API key. */
    private JmsTemplate client(TestPki.Identity identity) {
        JmsTemplate template = new JmsTemplate(factory(identity));
        template.setReceiveTimeout(30_000);
        return template;
    }

    private void connect(TestPki.Identity identity) throws JMSException {
        try (Connection connection = factory(identity, "callTimeout=5000").createConnection()) {
            connection.start();
        }
    }

    /**
     * The broker refused the handshake: the client read its fatal alert, or, on a busy machine, was still writing its
     * own certificate flight when the broker, having sent the alert, closed the connection (broken pipe or reset).
     * Never a connection refused, a timeout or a completed handshake.
     */
    private static void assertRefusedInHandshake(Throwable t, String what) {
        assertThat(t).as(what).isNotNull().isNotInstanceOf(java.net.ConnectException.class)
                .isNotInstanceOf(java.net.SocketTimeoutException.class);
        if (t instanceof SSLException) {
            assertThat(t).as(what).hasMessageContaining("Received fatal alert");
        } else {
            assertThat(t).as(what).isInstanceOf(java.net.SocketException.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("Broken pipe", "Connection reset"));
        }
    }

    /**
     * A bare TLS client presenting the identity's certificate to the broker's TLS acceptor: what ended the handshake
     * (in TLS 1.3 the server's verdict on the client's certificate arrives after the client's own handshake is done,
     * so the first read receives it). A certificate the broker accepts leaves the read waiting for the broker, which
     * never speaks first, until the socket's timeout.
     */
    private static Throwable handshake(TestPki.Identity identity) {
        SSLSocketFactory sockets = TestPki.context(identity, CA.caCertificate()).getSocketFactory();
        try (SSLSocket socket = (SSLSocket) sockets.createSocket("127.0.0.1", TLS_PORT)) {
            socket.setSoTimeout(60_000);
            socket.startHandshake();
            return catchThrowable(() -> socket.getInputStream().read());
        } catch (IOException e) {
            return e;
        }
    }

    private ActiveMQConnectionFactory factory(TestPki.Identity identity) {
        return factory(identity, "callTimeout=30000");
    }

    private ActiveMQConnectionFactory factory(TestPki.Identity identity, String option) {
        Path keyStore = TestPki.write(TestPki.keyStore(identity), DIR.resolve("client-" + UUID.randomUUID() + ".p12"));
        Path trustStore = TestPki.write(TestPki.trustStore(CA.caCertificate()), DIR.resolve("client-trust-" + UUID.randomUUID() + ".p12"));
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + TLS_PORT
                + "?sslEnabled=true;verifyHost=true;keyStoreType=PKCS12;keyStorePath=" + keyStore + ";keyStorePassword="
                + new String(TestPki.PASSWORD) + ";trustStoreType=PKCS12;trustStorePath=" + trustStore
                + ";trustStorePassword=" + new String(TestPki.PASSWORD) + ";reconnectAttempts=0;initialConnectAttempts=1;" + option);
        factory.setDeserializationDenyList("*");
        factories.add(factory);
        return factory;
    }

    private void create(String oin, PartnerKind kind, Channel channel, String endpoint) {
        partners.create(new PartnerRequest(oin, "Test " + kind + " " + oin.substring(14), kind,
                kind == PartnerKind.VO ? "01AA" : "25XA", null, channel, endpoint, null, null, true));
    }

    private void authentication(String oin, String json) {
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/partners/" + oin + "/authentication"))
                .header("Authorization", basicAdmin()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build()).statusCode()).isEqualTo(200);
    }

    /** The subject DN as keytool prints a certificate's owner, and as Artemis's certificate login reads it. */
    private static String dn(TestPki.Identity identity) {
        return identity.certificate().getSubjectX500Principal().toString();
    }

    private static Path write(String name, String content) {
        try {
            return Files.writeString(DIR.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
