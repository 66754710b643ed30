package nl.ketenhub.routes;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import nl.ketenhub.intake.JmsIntake;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** The JMS edge answers every message on the reply queue the handler chose. */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = RouteTestApplication.class, properties = {
    RouteTestApplication.ENABLED + "=true",
    RouteTestApplication.PSEUDONYM_KEY,
    "camel.main.routes-include-pattern=classpath:routes/configuration/*.camel.yaml,classpath:routes/intake/jms-intake.camel.yaml",
    "ketenhub.queues.jms-intake=ketenhub.intake.jms"
})
class JmsIntakeRouteTest {

    @Autowired
    private CamelContext camel;

    @Autowired
    private ProducerTemplate producer;

    @MockitoBean(name = "jmsIntake")
    private JmsIntake jmsIntake;

    @Test
    void shouldAnswerOnTheReplyQueueTheHandlerChose() throws Exception {
        AdviceWith.adviceWith(camel, "jms-intake", a -> {
            a.replaceFromWith("direct:intake");
            a.mockEndpointsAndSkip("jms:*");
        });
        camel.start();
        doAnswer(i -> {
            Exchange e = i.getArgument(0);
            e.getMessage().setHeader("CamelJmsDestinationName", "partner.replies");
            e.getMessage().setHeader("KetenhubStatus", 400);
            e.getMessage().setBody("{\"status\":400}");
            return null;
        }).when(jmsIntake).handle(any());
        MockEndpoint replies = camel.getEndpoint("mock:jms:queue:ketenhub.intake.replies", MockEndpoint.class);
        replies.expectedBodiesReceived("{\"status\":400}");
        replies.expectedHeaderReceived("CamelJmsDestinationName", "partner.replies");

        producer.sendBody("direct:intake", "not json");

        replies.assertIsSatisfied();
    }
}
