package nl.ketenhub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import nl.ketenhub.config.BrokerStats;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.routing.Headers;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jms.core.JmsTemplate;

/**
 * A delivery to a partner's queue commits with the consumption of the delivery message, in one transaction of the
 * consumer's session. When a step after the send fails, the send rolls back with it and the broker's redelivery sends
 * the message again: the partner's queue holds it once, not once per attempt.
 */
@Import(JmsDeliveryTransactionIT.Failures.class)
class JmsDeliveryTransactionIT extends HubIntegrationTest {

    /** Fails the step after the send (the observers of a made delivery) once for each messageId armed. */
    @TestConfiguration
    static class Failures {
        static final Set<String> ARMED = ConcurrentHashMap.newKeySet();

        @Bean
        DeliveryObserver failOnceAfterTheSend() {
            return new DeliveryObserver() {
                @Override
                public void delivered(Delivered delivered) {
                    if (ARMED.remove(delivered.original().messageId())) {
                        throw new IllegalStateException("injected failure after the send");
                    }
                }
            };
        }
    }

    @Autowired
    private BrokerStats broker;

    @Autowired
    private KetenhubProperties properties;

    @Autowired
    private ConnectionFactory connectionFactory;

    @Test
    void shouldSendToTheJmsPartnerOnceWhenTheStepAfterTheSendFails() throws Exception {
        TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://localhost:1/unused");
        String mboQueue = "test.mbo." + UUID.randomUUID();
        TestPartner mbo = register(PartnerKind.MBO, Channel.JMS, mboQueue);
        var dossier = Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[0]);
        Failures.ARMED.add(dossier.path("messageId").asText());

        var answer = submit(vo.apiKey(), Fixtures.json(dossier));
        assertThat(answer.statusCode()).isEqualTo(202);
        String trackingId = new ObjectMapper().readTree(answer.body()).path("trackingId").asText();

        // the second attempt is recorded, and the delivery message is gone from the hub's queue: its transaction,
        // the send to the partner's queue with it, has committed
        String deliveryQueue = properties.queues().deliveryPrefix() + mbo.oin();
        Awaitility.await("second attempt done").atMost(Duration.ofSeconds(60)).until(() -> attempts(trackingId) >= 2
                && broker.depth(deliveryQueue).orElse(-1L) == 0);
        assertThat(Failures.ARMED).as("the failure was injected").isEmpty();

        assertThat(broker.depth(mboQueue)).as("the partner's queue holds the dossier once").contains(1L);
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(20_000);
        TextMessage delivered = (TextMessage) jms.receive(mboQueue);
        assertThat(delivered).isNotNull();
        assertThat(delivered.getStringProperty(Headers.TRACKING_ID)).isEqualTo(trackingId);
    }

    /** The attempts the ledger recorded for the message's delivery. */
    private int attempts(String trackingId) {
        JsonNode view = messageView(trackingId);
        JsonNode deliveries = view.path("deliveries");
        return deliveries.isEmpty() ? 0 : deliveries.get(0).path("attempts").asInt();
    }
}
