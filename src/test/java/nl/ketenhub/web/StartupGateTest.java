package nl.ketenhub.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.w3c.dom.Document;

class StartupGateTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final StartupGate gate = new StartupGate(mapper);

    @Test
    void shouldAnswerARestSubmissionWith503AndRetryAfterUntilTheHubCanProcess() throws Exception {
        MockHttpServletResponse response = filter("POST", "/api/v1/messages");

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo(StartupGate.RETRY_AFTER_SECONDS);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode problem = mapper.readTree(response.getContentAsString());
        assertThat(problem.path("type").asText()).isEqualTo(Problems.TYPE_BASE + "unavailable");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asText()).contains("send the message again");
    }

    @Test
    void shouldAnswerASoapSubmissionWithAServerFaultAndRetryAfter() throws Exception {
        MockHttpServletResponse response = filter("POST", "/ws/overdracht");

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo(StartupGate.RETRY_AFTER_SECONDS);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.getContentAsByteArray()));
        assertThat(doc.getElementsByTagName("faultcode").item(0).getTextContent()).isEqualTo("soap:Server");
        assertThat(doc.getElementsByTagNameNS("*", "code").item(0).getTextContent()).isEqualTo("unavailable");
        assertThat(doc.getElementsByTagNameNS("*", "status").item(0).getTextContent()).isEqualTo("503");
    }

    @Test
    void shouldLetReadsThroughWhileClosed() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        gate.doFilter(request("GET", "/api/v1/messages/some-tracking-id"), response, chain);

        assertThat(chain.getRequest()).as("passed on").isNotNull();
    }

    @Test
    void shouldOpenOnlyWhileCamelRunsAndCloseAgainWhenTheApplicationCloses() throws Exception {
        AtomicBoolean camelStarted = new AtomicBoolean(false);
        gate.open(camelStarted::get);
        assertThat(filter("POST", "/api/v1/messages").getStatus()).as("Camel not started yet").isEqualTo(503);

        camelStarted.set(true);
        MockFilterChain chain = new MockFilterChain();
        gate.doFilter(request("POST", "/api/v1/messages"), new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).as("passed on once Camel runs").isNotNull();

        gate.close();
        assertThat(filter("POST", "/ws/overdracht").getStatus()).as("closing").isEqualTo(503);
    }

    private MockHttpServletResponse filter(String method, String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        gate.doFilter(request(method, path), response, chain);
        assertThat(chain.getRequest()).as("not passed on").isNull();
        return response;
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setContent("{}".getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
