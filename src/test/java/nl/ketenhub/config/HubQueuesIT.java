package nl.ketenhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.UUID;
import nl.ketenhub.delivery.DeliveryRouteManager;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The hub remembers its own queues once resolved and checked (HubQueues), and no longer asks the broker about them on
 * every send. The broker never deletes them on its own; and one an operator deletes all the same is created again by
 * the next message sent to it: nothing goes missing.
 */
class HubQueuesIT extends HubIntegrationTest {

    @Autowired
    private EmbeddedActiveMQ broker;

    @Autowired
    private BrokerStats stats;

    @Autowired
    private CamelContext camel;

    @Autowired
    private KetenhubProperties properties;

    @Test
    void shouldKeepItsQueuesAndGetOneThatWasDeletedCreatedAgainByTheNextSend() throws Exception {
        TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://localhost:1/unused");
        String partnerQueue = "test.mbo." + UUID.randomUUID();
        TestPartner mbo = register(PartnerKind.MBO, Channel.JMS, partnerQueue);
        String deliveryQueue = properties.queues().deliveryPrefix() + mbo.oin();
        var server = broker.getActiveMQServer();

        assertThat(submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[0])))
                .statusCode()).isEqualTo(202);
        awaitHubSettled();
        assertThat(server.getAddressSettingsRepository().getMatch(deliveryQueue).isAutoDeleteQueues())
                .as("the broker never deletes a delivery queue on its own").isFalse();

        // an operator deletes the queue while its delivery route is stopped
        camel.getRouteController().stopRoute(DeliveryRouteManager.routeId(mbo.oin()));
        Awaitility.await("the delivery route stopped").atMost(Duration.ofSeconds(30))
                .until(() -> server.locateQueue(SimpleString.of(deliveryQueue)).getConsumerCount() == 0);
        server.destroyQueue(SimpleString.of(deliveryQueue), null, true, false, true);
        assertThat(server.locateQueue(SimpleString.of(deliveryQueue))).isNull();

        var second = submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[1])));
        assertThat(second.statusCode()).isEqualTo(202);
        String trackingId = new ObjectMapper().readTree(second.body()).path("trackingId").asText();

        // the core's send to the remembered queue creates it again, with the delivery on it
        Awaitility.await("the delivery queue created again").atMost(Duration.ofSeconds(60)).until(() -> {
            var queue = server.locateQueue(SimpleString.of(deliveryQueue));
            return queue != null && queue.getMessageCount() == 1;
        });

        camel.getRouteController().startRoute(DeliveryRouteManager.routeId(mbo.oin()));
        awaitSettled(trackingId);
        assertThat(stats.depth(partnerQueue)).as("both dossiers reached the partner").contains(2L);
    }
}
