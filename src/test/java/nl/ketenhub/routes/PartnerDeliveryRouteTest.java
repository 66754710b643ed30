package nl.ketenhub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.ketenhub.delivery.DeliveryExchange;
import nl.ketenhub.delivery.DeliveryFailures;
import nl.ketenhub.delivery.DeliveryService;
import nl.ketenhub.ledger.DeliveryKind;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.DeliveryState;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerFormat;
import nl.ketenhub.partner.PartnerKind;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** The per-partner delivery route, advised by route id: channels, duplicates, failures, cancelled supplements. */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = RouteTestApplication.class, properties = {
    RouteTestApplication.ENABLED + "=true",
    RouteTestApplication.PSEUDONYM_KEY,
    "camel.main.routes-include-pattern=classpath:routes/configuration/*.camel.yaml,classpath:routes/delivery/partner-delivery.camel.yaml",
    "ketenhub.queues.delivery-prefix=ketenhub.delivery."
})
class PartnerDeliveryRouteTest {

    private static final String ROUTE_ID = "partner-delivery-00000099700000000101";

    @Autowired
    private CamelContext camel;

    @Autowired
    private ProducerTemplate producer;

    @MockitoBean(name = "deliveryService")
    private DeliveryService deliveryService;

    @MockitoBean(name = "deliveryFailures")
    private DeliveryFailures deliveryFailures;

    /** The state of each delivery (by idempotency key) as the ledger would have it: delivered once the route says so. */
    private final Map<String, DeliveryState> states = new ConcurrentHashMap<>();

    private static Partner partner(String channel) {
        Instant now = Instant.now();
        return new Partner("00000099700000000101", "MBO", PartnerKind.MBO, "25XA", null, Channel.fromWireName(channel),
                "https://mbo.example/inbox", PartnerFormat.CANONICAL_JSON, "kh_x", 10, true, false, now, now, now);
    }

    @BeforeEach
    void route() throws Exception {
        if (camel.getCamelContextExtension().getContextPlugin(org.apache.camel.model.Model.class).getRouteDefinition(ROUTE_ID) == null) {
            TemplatedRouteBuilder.builder(camel, "partner-delivery")
                    .routeId(ROUTE_ID)
                    .parameter("oin", "00000099700000000101")
                    .add();
            AdviceWith.adviceWith(camel, ROUTE_ID, a -> {
                a.replaceFromWith("direct:delivery");
                a.mockEndpointsAndSkip("jms:*", "http*");
            });
        }
        MockEndpoint.resetMocks(camel);
        doAnswer(i -> {
            Exchange e = i.getArgument(0);
            String key = e.getIn().getHeader("KetenhubIdempotencyKey", String.class);
            e.setProperty(DeliveryExchange.DELIVERY, new DeliveryRecord("delivery-" + key, "tracking-" + key,
                    "00000099700000000101", DeliveryKind.PRIMARY, key, states.getOrDefault(key, DeliveryState.QUEUED), 0,
                    null, Instant.now(), Instant.now(), null));
            e.setProperty(DeliveryExchange.PARTNER, partner(e.getIn().getHeader("TestChannel", String.class)));
            e.setProperty("KetenhubChannel", e.getIn().getHeader("TestChannel"));
            e.setProperty("KetenhubEndpoint", "jms".equals(e.getIn().getHeader("TestChannel"))
                    ? "partner.inbox" : "http://partner.example/inbox");
            return null;
        }).when(deliveryService).prepare(any());
        // the service's own rule (DeliveryServiceTest covers it) on the delivery rows this test keeps
        when(deliveryService.alreadyDelivered(any(), any(), any())).thenCallRealMethod();
        doAnswer(i -> states.put(((DeliveryRecord) i.getArgument(0)).idempotencyKey(), DeliveryState.DELIVERED))
                .when(deliveryService).delivered(any(), any(), any(), any(), any(), any());
        doAnswer(i -> {
            Exchange e = i.getArgument(0);
            if (!Boolean.TRUE.equals(e.getIn().getHeader("TestCancel"))) {
                e.setProperty("KetenhubRendered", "rendered for the partner");
                e.getMessage().setBody("rendered for the partner");
                if ("jms".equals(e.getProperty("KetenhubChannel"))) {
                    // as the gate names a JMS partner's queue
                    e.getMessage().setHeader("CamelJmsDestinationName", "partner.inbox");
                }
            }
            return null;
        }).when(deliveryService).gate(any());
        when(deliveryService.nothingToSend(any())).thenAnswer(i -> i.getArgument(0) == null);
        if (!camel.isStarted()) {
            camel.start();
        }
    }

    @Test
    void shouldPutTheDeliveryOnAJmsPartnersOwnQueue() throws Exception {
        MockEndpoint partnerQueue = jmsPartnerQueue();
        partnerQueue.expectedBodiesReceived("rendered for the partner");
        partnerQueue.expectedHeaderReceived("CamelJmsDestinationName", "partner.inbox");

        send("key-1", "jms", Map.of());

        partnerQueue.assertIsSatisfied();
        verify(deliveryService).delivered(any(), any(), any(), any(), any(), any());
    }

    @Test
    void shouldPostTheDeliveryToARestPartner() throws Exception {
        MockEndpoint partnerUrl = camel.getEndpoint("mock:http:partner.example/inbox", MockEndpoint.class);
        partnerUrl.expectedMessageCount(1);
        partnerUrl.expectedHeaderReceived(Exchange.HTTP_METHOD, "POST");

        send("key-2", "rest", Map.of());

        partnerUrl.assertIsSatisfied();
    }

    @Test
    void shouldDropADeliveryItAlreadyMade() throws Exception {
        MockEndpoint partnerQueue = jmsPartnerQueue();

        send("key-3", "jms", Map.of());
        send("key-3", "jms", Map.of());

        assertThat(partnerQueue.getReceivedCounter()).isEqualTo(1);
        verify(deliveryService, times(1)).skippedDuplicate(any());
        verify(deliveryService, times(1)).delivered(any(), any(), any(), any(), any(), any());
    }

    @Test
    void shouldSendARedeliveredJmsDeliveryAgainBecauseItsEarlierSendRolledBack() throws Exception {
        MockEndpoint partnerQueue = jmsPartnerQueue();

        send("key-4", "jms", Map.of());
        send("key-4", "jms", Map.of("JMSRedelivered", true));

        assertThat(partnerQueue.getReceivedCounter()).isEqualTo(2);
        verify(deliveryService, never()).skippedDuplicate(any());
    }

    @Test
    void shouldRecordAFailedAttemptAndLeaveTheRetryToTheBroker() throws Exception {
        MockEndpoint partnerUrl = camel.getEndpoint("mock:http:partner.example/inbox", MockEndpoint.class);
        partnerUrl.whenExchangeReceived(1, e -> {
            throw new IllegalStateException("partner down");
        });
        when(deliveryFailures.isFinal(any(), any(), any(), any())).thenReturn(false);

        Exchange failed = send("key-5", "rest", Map.of());

        assertThat(failed.getException()).as("the failure rolls the broker transaction back").isNotNull();
        verify(deliveryFailures).record(any(), any(), any(), any(), any());
        verify(deliveryService, never()).delivered(any(), any(), any(), any(), any(), any());

        Exchange retried = send("key-5", "rest", Map.of());
        assertThat(retried.getException()).isNull();
        verify(deliveryService).delivered(any(), any(), any(), any(), any(), any());
    }

    @Test
    void shouldParkOnTheLastAttemptAndConsumeTheMessage() throws Exception {
        MockEndpoint partnerUrl = camel.getEndpoint("mock:http:partner.example/inbox", MockEndpoint.class);
        partnerUrl.whenAnyExchangeReceived(e -> {
            throw new IllegalStateException("partner still down");
        });
        when(deliveryFailures.isFinal(any(), any(), any(), any())).thenReturn(true);

        Exchange parked = send("key-6", "rest", Map.of());

        assertThat(parked.getException()).as("handled: committed, not redelivered").isNull();
        verify(deliveryFailures).record(any(), any(), any(), any(), any());
        verify(deliveryService, never()).delivered(any(), any(), any(), any(), any(), any());
    }

    @Test
    void shouldSendNothingWhenTheGateCancelsASupplement() throws Exception {
        MockEndpoint partnerQueue = jmsPartnerQueue();

        send("key-7", "jms", Map.of("TestCancel", true));

        assertThat(partnerQueue.getReceivedCounter()).isZero();
        verify(deliveryService, never()).delivered(any(), any(), any(), any(), any(), any());
    }

    /** A JMS partner's deliveries go through one endpoint, the queue named in a header. */
    private MockEndpoint jmsPartnerQueue() {
        return camel.getEndpoint("mock:jms:queue:ketenhub.delivery.unaddressed", MockEndpoint.class);
    }

    private Exchange send(String key, String channel, Map<String, Object> extra) {
        return producer.send("direct:delivery", e -> {
            e.getIn().setBody("{\"messageId\":\"m\"}");
            e.getIn().setHeader("KetenhubIdempotencyKey", key);
            e.getIn().setHeader("TestChannel", channel);
            extra.forEach(e.getIn()::setHeader);
        });
    }
}
