package nl.ketenhub.routes;

import jakarta.jms.ConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.mockito.Mockito;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Camel and the YAML routes, nothing else: no broker, no database, no web server. Route tests mock the beans the
 * routes call and advise the routes' endpoints by route id. The condition keeps this configuration out of every
 * other application context that scans the {@code nl.ketenhub} packages.
 */
@SpringBootConfiguration
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = RouteTestApplication.ENABLED, havingValue = "true")
@ImportAutoConfiguration(CamelAutoConfiguration.class)
public class RouteTestApplication {

    /** Set by route tests only. */
    public static final String ENABLED = "ketenhub.route-test.enabled";

    /** A JMS component whose endpoints route tests replace or mock; it never connects. */
    @Bean("jms")
    JmsComponent jms() {
        return JmsComponent.jmsComponent(Mockito.mock(ConnectionFactory.class));
    }

    @Bean("deliveryIdempotency")
    MemoryIdempotentRepository deliveryIdempotency() {
        return new MemoryIdempotentRepository();
    }
}
