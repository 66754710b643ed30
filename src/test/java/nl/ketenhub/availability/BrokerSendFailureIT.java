package nl.ketenhub.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.routing.Headers;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jms.UncategorizedJmsException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A REST submission whose send to the intake queue fails the way it does when the broker dies under it: the JMS
 * client's exception ends in the broker connection's "Connection reset by peer". Spring MVC takes that phrase for a
 * client that went away and answers an empty 200, which a sender reads as done; the hub must answer 503 with
 * {@code Retry-After}, and the same message sent again must be accepted and delivered once.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BrokerSendFailureIT extends HubIntegrationTest {

    /** The messageIds whose next send to the intake queue fails; each taken out by its failure. */
    private static final Set<String> FAIL_NEXT = ConcurrentHashMap.newKeySet();

    private final ObjectMapper mapper = new ObjectMapper();

    @MockitoSpyBean
    private ProducerTemplate producer;

    @BeforeEach
    void brokerDiesUnderTheMarkedSend() {
        doAnswer(call -> {
            Map<String, Object> headers = call.getArgument(2);
            if (FAIL_NEXT.remove(String.valueOf(headers.get(Headers.MESSAGE_ID)))) {
                throw new CamelExecutionException("the send to the intake queue failed", null, brokerConnectionReset());
            }
            return call.callRealMethod();
        }).when(producer).sendBodyAndHeaders(eq("direct:intake-enqueue"), any(), anyMap());
    }

    @Test
    void shouldAnswer503AndAcceptTheResendWhenTheBrokerConnectionIsResetDuringTheSend() throws Exception {
        try (FakePartner mboSystem = new FakePartner()) {
            TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
            TestPartner mbo = register(PartnerKind.MBO, Channel.REST, mboSystem.url());
            String json = Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[3]));
            String messageId = mapper.readTree(json).path("messageId").asText();

            FAIL_NEXT.add(messageId);
            HttpResponse<String> failed = submit(vo.apiKey(), json);
            assertThat(FAIL_NEXT).as("the send failed").isEmpty();
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(failed.headers().firstValue("Retry-After")).isPresent();
            JsonNode problem = mapper.readTree(failed.body());
            assertThat(problem.path("type").asText()).endsWith("unavailable");
            assertThat(problem.path("detail").asText()).contains("same messageId");

            HttpResponse<String> resent = submit(vo.apiKey(), json);
            assertThat(resent.statusCode()).as(resent.body()).isIn(200, 202);
            String trackingId = mapper.readTree(resent.body()).path("trackingId").asText();
            assertThat(trackingId).isNotBlank();
            JsonNode settled = awaitSettled(trackingId);
            assertThat(deliveriesOf(settled, "primary", mbo.oin())).isEqualTo(1);
            await("the MBO received it").atMost(Duration.ofSeconds(30))
                    .until(() -> mboSystem.countsByMessageId().size() == 1);
            assertThat(mboSystem.countsByMessageId().values()).containsExactly(1L);
        }
    }

    /** What the Artemis client throws, through Spring's JMS template, when the broker's process dies mid-send. */
    private static UncategorizedJmsException brokerConnectionReset() {
        JMSException unblocked = new JMSException(
                "AMQ219016: Connection failure detected. Unblocking a blocking call that will never get a response");
        unblocked.initCause(new IOException("recvAddress(..) failed with error(-104): Connection reset by peer"));
        return new UncategorizedJmsException(unblocked);
    }
}
