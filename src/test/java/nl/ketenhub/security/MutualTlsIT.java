package nl.ketenhub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import nl.ketenhub.oso.OsoFixtures;
import nl.ketenhub.oso.OsoXml;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.PartnerRequest;
import nl.ketenhub.soap.Overdracht;
import nl.ketenhub.soap.xml.Receipt;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import nl.ketenhub.support.TestPki;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.ContextUtils;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;
import org.apache.cxf.ws.addressing.JAXWSAConstants;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two-way TLS with the OIN, end to end: the hub serves HTTPS and asks for a client certificate; partners are
 * identified by the OIN in their certificate's subject serialNumber (PKIoverheid convention); the hub presents its own
 * certificate on deliveries and verifies the partner's server certificate. Every certificate is made by the test.
 */
class MutualTlsIT extends HubIntegrationTest {

    private static final String HUB_OIN = "00000099000000000000";
    private static final TestPki PKI = TestPki.newCa("Test PKIoverheid Organisatie CA");
    private static final TestPki ROGUE = TestPki.newCa("Unknown CA");
    private static final TestPki.Identity HUB_SERVER = PKI.server("Ketenhub");
    private static final TestPki.Identity HUB_CLIENT = PKI.organisation(HUB_OIN, "Ketenhub");

    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Received> mboReceived = new CopyOnWriteArrayList<>();
    private final List<Received> soapReceived = new CopyOnWriteArrayList<>();

    @Autowired
    private AuthenticationModes modes;

    @Autowired
    private OsoXml osoXml;

    private HttpsServer mboSystem;
    private TestPartner vo;
    private TestPartner mbo;
    private TestPki.Identity voCertificate;

    /** What the MBO's server received, and the OIN of the client certificate that sent it. */
    record Received(String body, String clientOin) {}

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("ketenhub-tls");
        Path serverKeys = TestPki.write(TestPki.keyStore(HUB_SERVER), dir.resolve("server.p12"));
        Path clientKeys = TestPki.write(TestPki.keyStore(HUB_CLIENT), dir.resolve("client.p12"));
        Path trusted = TestPki.write(TestPki.trustStore(PKI.caCertificate()), dir.resolve("trust.p12"));
        String password = new String(TestPki.PASSWORD);
        for (String bundle : List.of("ketenhub-server", "ketenhub-client")) {
            String prefix = "spring.ssl.bundle.jks." + bundle + ".";
            registry.add(prefix + "keystore.location", () -> "file:" + (bundle.endsWith("server") ? serverKeys : clientKeys));
            registry.add(prefix + "keystore.password", () -> password);
            registry.add(prefix + "keystore.type", () -> "PKCS12");
            registry.add(prefix + "truststore.location", () -> "file:" + trusted);
            registry.add(prefix + "truststore.password", () -> password);
            registry.add(prefix + "truststore.type", () -> "PKCS12");
        }
        registry.add("server.ssl.bundle", () -> "ketenhub-server");
        registry.add("server.ssl.client-auth", () -> "want");
    }

    @BeforeEach
    void partners() throws Exception {
        mboSystem = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SSLContext serverContext = TestPki.context(PKI.server("MBO"), PKI.caCertificate());
        mboSystem.setHttpsConfigurator(new HttpsConfigurator(serverContext) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = serverContext.getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                params.setSSLParameters(ssl);
            }
        });
        mboSystem.createContext("/inbox", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            X509Certificate client = (X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
            mboReceived.add(new Received(new String(body, StandardCharsets.UTF_8),
                    ApiKeyAuthenticationFilter.oin(client).orElse(null)));
            byte[] reply = "{\"status\":200}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        mboSystem.createContext("/soap", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            X509Certificate client = (X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
            soapReceived.add(new Received(body, ApiKeyAuthenticationFilter.oin(client).orElse(null)));
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("MessageID[^>]*>([^<]+)<").matcher(body);
            String relatesTo = id.find() ? id.group(1) : "none";
            byte[] reply = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                    + "xmlns:wsa=\"http://www.w3.org/2005/08/addressing\"><soap:Header>"
                    + "<wsa:Action>https://ketenhub.nl/ws/overdracht/v1/Receipt</wsa:Action>"
                    + "<wsa:RelatesTo>" + relatesTo + "</wsa:RelatesTo></soap:Header><soap:Body>"
                    + "<receipt xmlns=\"https://ketenhub.nl/ws/overdracht/v1\"><trackingId>partner-1</trackingId><messageId>"
                    + relatesTo + "</messageId><repeat>false</repeat></receipt></soap:Body></soap:Envelope>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        mboSystem.start();
        vo = registerTls(PartnerKind.VO, "01AA", "https://127.0.0.1:9/unused");
        mbo = registerTls(PartnerKind.MBO, "25XA", "https://localhost:" + mboSystem.getAddress().getPort() + "/inbox");
        modes.set(vo.oin(), AuthenticationModes.Mode.MTLS);
        modes.set(mbo.oin(), AuthenticationModes.Mode.MTLS);
        voCertificate = PKI.organisation(vo.oin(), "VO school");
    }

    @AfterEach
    void stop() {
        mboSystem.stop(0);
    }

    @Test
    void shouldTakeADossierOverRestWithTheCertificatesOinAndDeliverItOverTwoWayTls() throws Exception {
        String dossier = Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[0]));
        HttpResponse<String> accepted = submitTls(TestPki.context(voCertificate, PKI.caCertificate()), null, dossier);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        Received delivered = await().atMost(Duration.ofSeconds(30)).until(() -> mboReceived.stream()
                .filter(r -> r.body().contains(Fixtures.BSNS[0])).findFirst().orElse(null), r -> r != null);
        assertThat(delivered.clientOin()).isEqualTo(HUB_OIN);
    }

    @Test
    void shouldTakeADossierOverSoapWithTheCertificatesOinAndRefuseAnotherWsaFrom() throws Exception {
        Overdracht port = soapClient(TestPki.context(voCertificate, PKI.caCertificate()));
        address(port, vo.oin(), mbo.oin());
        Receipt receipt = port.submitDossier(osoXml.read(OsoFixtures.bytes(OsoFixtures.FULL)));
        assertThat(receipt.getTrackingId()).isNotBlank();
        Received delivered = await().atMost(Duration.ofSeconds(30)).until(() -> mboReceived.isEmpty() ? null
                : mboReceived.get(0), r -> r != null);
        assertThat(delivered.clientOin()).isEqualTo(HUB_OIN);

        TestPartner other = registerTls(PartnerKind.VO, "01AA", "https://127.0.0.1:9/unused");
        address(port, other.oin(), mbo.oin());
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                () -> port.submitDossier(osoXml.read(OsoFixtures.bytes(OsoFixtures.FULL))));
        org.apache.cxf.binding.soap.SoapFault fault = (org.apache.cxf.binding.soap.SoapFault)
                java.util.stream.Stream.iterate(refused, t -> t != null, Throwable::getCause)
                        .filter(t -> t instanceof org.apache.cxf.binding.soap.SoapFault).findFirst().orElseThrow();
        assertThat(fault.getDetail().getTextContent()).contains("sender-mismatch");
    }

    @Test
    void shouldDeliverOverSoapWithTheHubsCertificate() throws Exception {
        String oin = newOin();
        partners.create(new PartnerRequest(oin, "TLS SOAP MBO", PartnerKind.MBO, "25XA", null, Channel.SOAP,
                "https://localhost:" + mboSystem.getAddress().getPort() + "/soap", null, null, true));
        String dossier = Fixtures.json(Fixtures.dossier(vo.oin(), oin, Fixtures.BSNS[6]));
        assertThat(submitTls(TestPki.context(voCertificate, PKI.caCertificate()), null, dossier).statusCode()).isEqualTo(202);

        Received delivered = await().atMost(Duration.ofSeconds(30)).until(() -> soapReceived.isEmpty() ? null
                : soapReceived.get(0), r -> r != null);
        assertThat(delivered.clientOin()).isEqualTo(HUB_OIN);
        assertThat(delivered.body()).contains("?oin=" + oin);
    }

    @Test
    void shouldRefuseACertificateWhoseOinIsNotTheEnvelopesSender() throws Exception {
        String spoofed = Fixtures.json(Fixtures.dossier(mbo.oin(), vo.oin(), Fixtures.BSNS[1]));
        HttpResponse<String> answer = submitTls(TestPki.context(voCertificate, PKI.caCertificate()), null, spoofed);
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("sender-mismatch");
    }

    @Test
    void shouldRefuseExpiredUnknownCaAndNonPartnerCertificates() {
        String dossier = Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[2]));
        TestPki.Identity expired = PKI.organisation(vo.oin(), "VO school", Instant.now().minus(Duration.ofDays(2)));
        assertThatThrownBy(() -> submitTls(TestPki.context(expired, PKI.caCertificate()), null, dossier))
                .isInstanceOf(java.io.UncheckedIOException.class);
        TestPki.Identity unknownCa = ROGUE.organisation(vo.oin(), "VO school");
        assertThatThrownBy(() -> submitTls(TestPki.context(unknownCa, PKI.caCertificate()), null, dossier))
                .isInstanceOf(java.io.UncheckedIOException.class);

        TestPki.Identity notAPartner = PKI.organisation(newOin(), "Somebody");
        HttpResponse<String> refused = submitTls(TestPki.context(notAPartner, PKI.caCertificate()), null, dossier);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("unknown-certificate");
    }

    @Test
    void shouldAuthenticateEachPartnerAsItsModeSays() {
        String dossier = Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[3]));
        SSLContext noCertificate = TestPki.context(null, PKI.caCertificate());
        HttpResponse<String> keyOnly = submitTls(noCertificate, vo.apiKey(), dossier);
        assertThat(keyOnly.statusCode()).isEqualTo(401);
        assertThat(keyOnly.body()).contains("authentication-mode");

        modes.set(vo.oin(), AuthenticationModes.Mode.API_KEY);
        assertThat(submitTls(TestPki.context(voCertificate, PKI.caCertificate()), null, dossier).statusCode()).isEqualTo(401);
        assertThat(submitTls(noCertificate, vo.apiKey(), dossier).statusCode()).isEqualTo(202);

        modes.set(vo.oin(), AuthenticationModes.Mode.BOTH);
        assertThat(submitTls(TestPki.context(voCertificate, PKI.caCertificate()), null,
                Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[4]))).statusCode()).isEqualTo(202);
        // a certificate and a key of two different partners
        HttpResponse<String> mixed = submitTls(TestPki.context(PKI.organisation(mbo.oin(), "MBO"), PKI.caCertificate()),
                vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[5])));
        assertThat(mixed.statusCode()).isEqualTo(403);
        assertThat(mixed.body()).contains("certificate-mismatch");
    }

    @Test
    void shouldSendHstsAndASecureSameSiteSessionCookieOverHttps() throws Exception {
        HttpResponse<String> login = HttpClient.newBuilder().sslContext(TestPki.context(null, PKI.caCertificate())).build()
                .send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/admin/login")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Strict-Transport-Security").orElse("")).contains("max-age=31536000");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .contains("Secure").contains("HttpOnly").contains("SameSite=Lax"));
    }

    private HttpResponse<String> submitTls(SSLContext context, String apiKey, String json) {
        HttpClient client = HttpClient.newBuilder().sslContext(context).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Overdracht soapClient(SSLContext context) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(Overdracht.class);
        factory.setAddress("https://localhost:" + port + "/ws/overdracht");
        factory.getFeatures().add(new WSAddressingFeature());
        Overdracht port = (Overdracht) factory.create();
        Client client = ClientProxy.getClient(port);
        TLSClientParameters tls = new TLSClientParameters();
        tls.setSslContext(context);
        ((HTTPConduit) client.getConduit()).setTlsClientParameters(tls);
        return port;
    }

    private static void address(Overdracht port, String fromOin, String toOin) {
        AddressingProperties maps = new AddressingProperties();
        maps.setMessageID(ContextUtils.getAttributedURI("urn:uuid:" + java.util.UUID.randomUUID()));
        maps.setFrom(EndpointReferenceUtils.getEndpointReference("https://school.invalid/ws?oin=" + fromOin));
        maps.setTo(EndpointReferenceUtils.getEndpointReference("https://ketenhub.invalid/ws/overdracht?oin=" + toOin));
        ((jakarta.xml.ws.BindingProvider) port).getRequestContext().put(JAXWSAConstants.CLIENT_ADDRESSING_PROPERTIES, maps);
    }

    private TestPartner registerTls(PartnerKind kind, String brin, String endpoint) {
        String oin = newOin();
        String key = partners.create(new PartnerRequest(oin, "TLS " + kind + " " + oin.substring(14), kind, brin, null,
                Channel.REST, endpoint, null, null, true)).apiKey();
        return new TestPartner(oin, key, kind);
    }
}
