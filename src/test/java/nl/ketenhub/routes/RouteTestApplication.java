package nl.ketenhub.routes;

import jakarta.jms.ConnectionFactory;
import nl.ketenhub.absence.AbsenceProperties;
import nl.ketenhub.audit.RetentionProperties;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.consent.ConsentProperties;
import nl.ketenhub.csv.CsvProperties;
import nl.ketenhub.routing.RecoveryProperties;
import nl.ketenhub.tracking.TrackingProperties;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.mockito.Mockito;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Camel and the YAML routes, nothing else: no broker, no database, no web server. Route tests mock the beans the
 * routes call and advise the routes' endpoints by route id. The routes read the hub's settings as in the hub, through
 * the settings records and {@link RouteSettings}. The condition keeps this configuration out of every other
 * application context that scans the {@code nl.ketenhub} packages.
 */
@SpringBootConfiguration
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = RouteTestApplication.ENABLED, havingValue = "true")
@ImportAutoConfiguration(CamelAutoConfiguration.class)
@EnableConfigurationProperties({KetenhubProperties.class, CsvProperties.class, TrackingProperties.class,
        AbsenceProperties.class, ConsentProperties.class, RetentionProperties.class, RecoveryProperties.class})
@Import({RouteSettings.class, RouteSettingsRegistration.class})
public class RouteTestApplication {

    /** Set by route tests only. */
    public static final String ENABLED = "ketenhub.route-test.enabled";

    /** The one setting without a default that the routes' settings need. */
    public static final String PSEUDONYM_KEY = "ketenhub.pseudonym-key=route-test-pseudonym-key-0123456789abcdef";

    /** A JMS component whose endpoints route tests replace or mock; it never connects. */
    @Bean("jms")
    JmsComponent jms() {
        return JmsComponent.jmsComponent(Mockito.mock(ConnectionFactory.class));
    }
}
