package nl.ketenhub.availability;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** The availability gate in front of authentication, its health indicator, and the routes' store failures. */
@Configuration(proxyBeanMethods = false)
public class AvailabilityConfig {

    @Bean
    public FilterRegistrationBean<AvailabilityGate> availabilityGate(HubAvailability availability, ObjectMapper mapper) {
        FilterRegistrationBean<AvailabilityGate> registration = new FilterRegistrationBean<>(
                new AvailabilityGate(availability, new UnavailableAnswer(availability, mapper)));
        registration.addUrlPatterns("/*");
        // Right behind the start-up gate, before Spring Security (whose authentication reads the database).
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }

    /** A controller's store failure answered 503, as the gate answers one met in a filter (see the resolver). */
    @Bean
    public HandlerExceptionResolver storeFaultResolver(HubAvailability availability, ObjectMapper mapper) {
        return new StoreFaultResolver(availability, new UnavailableAnswer(availability, mapper));
    }

    /**
     * Health component {@code availability}: DOWN until the application is ready, and while the database or the
     * broker is away or the disk is short.
     */
    @Bean
    public HealthIndicator availabilityHealthIndicator(HubAvailability availability,
            ApplicationAvailability application) {
        return () -> {
            Set<HubAvailability.Fault> faults = availability.faults();
            // Ready only once the application is (the start-up gate is open by then), and no longer while it closes.
            boolean ready = application.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
            Health.Builder health = faults.isEmpty() && ready ? Health.up() : Health.down();
            health.withDetail("ready", ready);
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
