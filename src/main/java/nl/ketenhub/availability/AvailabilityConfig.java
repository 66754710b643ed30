package nl.ketenhub.availability;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The availability gate in front of authentication, its health indicator, and the routes' store failures. */
@Configuration(proxyBeanMethods = false)
public class AvailabilityConfig {

    @Bean
    public FilterRegistrationBean<AvailabilityGate> availabilityGate(HubAvailability availability, ObjectMapper mapper) {
        FilterRegistrationBean<AvailabilityGate> registration =
                new FilterRegistrationBean<>(new AvailabilityGate(availability, mapper));
        registration.addUrlPatterns("/*");
        // Right behind the start-up gate, before Spring Security (whose authentication reads the database).
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    /** Health component {@code availability}: DOWN while the database or the broker is away or the disk is short. */
    @Bean
    public HealthIndicator availabilityHealthIndicator(HubAvailability availability) {
        return () -> {
            Set<HubAvailability.Fault> faults = availability.faults();
            Health.Builder health = faults.isEmpty() ? Health.up() : Health.down();
            for (HubAvailability.Fault fault : HubAvailability.Fault.values()) {
                health.withDetail(fault.name().toLowerCase(java.util.Locale.ROOT), faults.contains(fault) ? "DOWN" : "UP");
            }
            return health.withDetail("freeDiskBytes", availability.freeBytes())
                    .withDetail("minFreeDiskBytes", availability.minFreeBytes())
                    .build();
        };
    }

    /** A route that fails on a store failure has the stores checked again at once, so the routes pause quickly. */
    @Bean
    public EventNotifierSupport storeFailureNotifier(HubAvailability availability) {
        // Camel registers every event notifier bean of the application context itself.
        return new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeFailedEvent failed
                        && StoreFaults.isStoreFault(failed.getExchange().getException())) {
                    availability.recheck();
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeFailedEvent;
            }

            @Override
            protected void doInit() {
                setIgnoreCamelContextEvents(true);
                setIgnoreRouteEvents(true);
                setIgnoreServiceEvents(true);
                setIgnoreExchangeCreatedEvent(true);
                setIgnoreExchangeCompletedEvent(true);
                setIgnoreExchangeSendingEvents(true);
                setIgnoreExchangeSentEvents(true);
                setIgnoreExchangeRedeliveryEvents(true);
                setIgnoreStepEvents(true);
            }
        };
    }
}
