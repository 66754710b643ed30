package nl.ketenhub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.ketenhub.delivery.DeliveryFailures;
import nl.ketenhub.delivery.DeliveryService;
import nl.ketenhub.intake.JmsIntake;
import nl.ketenhub.routing.LostMessageRecovery;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.component.timer.TimerEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The routes get the hub's settings from the bound settings records: {@code {{hub....}}} is in place before the route
 * files are built (also in a route template made into a route later), and every value here differs from its default.
 * The routes are built but not started, so no consumer connects.
 */
@CamelSpringBootTest
@SpringBootTest(classes = RouteTestApplication.class, properties = {
    RouteTestApplication.ENABLED + "=true",
    RouteTestApplication.PSEUDONYM_KEY,
    "camel.main.auto-startup=false",
    "camel.main.routes-include-pattern=classpath:routes/configuration/*.camel.yaml,"
            + "classpath:routes/intake/jms-intake.camel.yaml,classpath:routes/core/core-requeue-lost.camel.yaml,"
            + "classpath:routes/delivery/partner-delivery.camel.yaml",
    "ketenhub.queues.jms-intake=test.intake",
    "ketenhub.intake.consumers=3",
    "ketenhub.intake.max-consumers=7",
    "ketenhub.recovery.scan-period=90s",
    "ketenhub.queues.delivery-prefix=test.delivery.",
    "ketenhub.delivery.consumers=5"
})
class RouteSettingsRouteTest {

    @Autowired
    private CamelContext camel;

    @MockitoBean(name = "jmsIntake")
    private JmsIntake jmsIntake;

    @MockitoBean(name = "lostMessageRecovery")
    private LostMessageRecovery lostMessageRecovery;

    @MockitoBean(name = "deliveryService")
    private DeliveryService deliveryService;

    @MockitoBean(name = "deliveryFailures")
    private DeliveryFailures deliveryFailures;

    @Test
    void shouldBuildTheRoutesWithTheBoundSettings() {
        JmsEndpoint intake = (JmsEndpoint) camel.getRoute("jms-intake").getEndpoint();
        assertThat(intake.getDestinationName()).isEqualTo("test.intake");
        assertThat(intake.getConcurrentConsumers()).isEqualTo(3);
        assertThat(intake.getMaxConcurrentConsumers()).isEqualTo(7);

        TimerEndpoint recovery = (TimerEndpoint) camel.getRoute("core-requeue-lost").getEndpoint();
        assertThat(recovery.getPeriod()).as("a Duration is given in milliseconds").isEqualTo(90_000L);
    }

    @Test
    void shouldGiveTheSettingsToARouteMadeFromTheTemplateBesideItsParameters() throws Exception {
        String routeId = TemplatedRouteBuilder.builder(camel, "partner-delivery")
                .routeId("partner-delivery-settings-test")
                .parameter("oin", "00000099700000000101")
                .add();

        JmsEndpoint queue = (JmsEndpoint) camel.getRoute(routeId).getEndpoint();
        assertThat(queue.getDestinationName()).isEqualTo("test.delivery.00000099700000000101");
        assertThat(queue.getConcurrentConsumers()).isEqualTo(5);
    }

    @Test
    void shouldRefuseAnUnknownSettingByName() {
        assertThatThrownBy(() -> camel.resolvePropertyPlaceholders("{{hub.delivery.http-timeout-millis}}"))
                .hasStackTraceContaining("unknown hub setting {{hub.delivery.http-timeout-millis}}")
                .hasStackTraceContaining("delivery.http-timeout");
    }

    @Test
    void shouldRenderDurationsInMilliseconds() {
        assertThat(camel.resolvePropertyPlaceholders("{{hub.delivery.http-timeout}}")).isEqualTo("10000");
    }
}
