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
 * every send, nor about a partner's queue it sent to recently. The broker never deletes the hub's own queues on its
 * own; one an operator deletes all the same, and a partner's queue deleted since the last delivery, is created again
 * by the next message sent to it: nothing goes missing.
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
        // the send commits with the delivery queue's consumption, a moment after the ledger recorded the delivery
        Awaitility.await("both dossiers reached the partner").atMost(Duration.ofSeconds(30))
                .until(() -> stats.depth(partnerQueue).orElse(0L) == 2L);
    }

    @Test
    void shouldDeliverToAPartnersQueueThatWasDeletedSinceTheLastDelivery() throws Exception {
        TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://localhost:1/unused");
        String partnerQueue = "test.mbo." + UUID.randomUUID();
        TestPartner mbo = register(PartnerKind.MBO, Channel.JMS, partnerQueue);
        var server = broker.getActiveMQServer();

        assertThat(submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[0])))
                .statusCode()).isEqualTo(202);
        Awaitility.await("the first dossier reached the partner").atMost(Duration.ofSeconds(60))
                .until(() -> stats.depth(partnerQueue).orElse(0L) == 1L);

        // the partner's system took the dossier and its operator (or the broker, once it ran empty) deleted the queue
        server.locateQueue(SimpleString.of(partnerQueue)).deleteAllReferences();
        server.destroyQueue(SimpleString.of(partnerQueue), null, true, false, true);
        assertThat(server.locateQueue(SimpleString.of(partnerQueue))).isNull();

        var second = submit(vo.apiKey(), Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[1])));
        assertThat(second.statusCode()).isEqualTo(202);

        // the remembered queue is created again by the delivery's send, with the second dossier on it
        Awaitility.await("the second dossier reached the partner").atMost(Duration.ofSeconds(60))
                .until(() -> stats.depth(partnerQueue).orElse(0L) == 1L);
        awaitSettled(new ObjectMapper().readTree(second.body()).path("trackingId").asText());
    }
}
