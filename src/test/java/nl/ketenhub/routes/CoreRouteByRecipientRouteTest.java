package nl.ketenhub.routes;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import java.util.List;
import nl.ketenhub.routing.CoreRouter;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** The core route sends each delivery message the router made to the queue the router named for it. */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = RouteTestApplication.class, properties = {
    RouteTestApplication.ENABLED + "=true",
    RouteTestApplication.PSEUDONYM_KEY,
    "camel.main.routes-include-pattern=classpath:routes/configuration/*.camel.yaml,classpath:routes/core/core-route-by-recipient.camel.yaml",
    "ketenhub.queues.core=ketenhub.core",
    "ketenhub.queues.delivery-prefix=ketenhub.delivery."
})
class CoreRouteByRecipientRouteTest {

    @Autowired
    private CamelContext camel;

    @Autowired
    private ProducerTemplate producer;

    @MockitoBean(name = "coreRouter")
    private CoreRouter coreRouter;

    @Test
    void shouldPutEachDeliveryOnItsRecipientsQueue() throws Exception {
        AdviceWith.adviceWith(camel, "core-route-by-recipient", a -> {
            a.replaceFromWith("direct:core");
            a.mockEndpointsAndSkip("jms:*");
        });
        camel.start();
        when(coreRouter.route(any(), any(), any())).thenReturn(List.of(
                delivery("00000099700000000101", "to the MBO"), delivery("00000099700000000201", "to the gemeente")));
        MockEndpoint queues = camel.getEndpoint("mock:jms:queue:ketenhub.delivery.unaddressed", MockEndpoint.class);
        queues.expectedBodiesReceived("to the MBO", "to the gemeente");
        queues.expectedHeaderValuesReceivedInAnyOrder("CamelJmsDestinationName",
                "ketenhub.delivery.00000099700000000101", "ketenhub.delivery.00000099700000000201");

        producer.sendBody("direct:core", "{}");

        queues.assertIsSatisfied();
    }

    private Message delivery(String recipient, String body) {
        Message m = new DefaultMessage(camel);
        m.setBody(body);
        m.setHeader("KetenhubDeliveryRecipient", recipient);
        // as the core router names each delivery's queue
        m.setHeader("CamelJmsDestinationName", "ketenhub.delivery." + recipient);
        return m;
    }
}
