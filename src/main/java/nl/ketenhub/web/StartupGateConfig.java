package nl.ketenhub.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the {@link StartupGate} in front of every other filter, authentication included. */
@Configuration(proxyBeanMethods = false)
public class StartupGateConfig {

    @Bean
    public StartupGate startupGate(ObjectMapper mapper) {
        return new StartupGate(mapper);
    }

    @Bean
    public FilterRegistrationBean<StartupGate> startupGateRegistration(StartupGate gate) {
        FilterRegistrationBean<StartupGate> registration = new FilterRegistrationBean<>(gate);
        registration.addUrlPatterns("/api/*", "/ws/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
