package nl.ketenhub.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerRequest;
import nl.ketenhub.partner.PartnerService;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jms.core.JmsTemplate;

/** Demo mode: the demo partners with their documented keys and the simulated partner systems. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ketenhub.demo.enabled", havingValue = "true")
public class DemoConfig {

    private static final Logger log = LoggerFactory.getLogger(DemoConfig.class);

    @Bean
    DemoInbox demoInbox(ObjectMapper mapper, Clock clock) {
        return new DemoInbox(mapper, clock);
    }

    @Bean
    DemoSimulator demoSimulator(DemoInbox inbox, ObjectMapper mapper, Clock clock, JmsTemplate jms,
            KetenhubProperties properties) {
        return new DemoSimulator(inbox, mapper, clock, jms, properties, properties.demo().ackDelay());
    }

    @Bean
    DemoTraffic demoTraffic(DemoSimulator simulator, ObjectMapper mapper, Clock clock, KetenhubProperties properties) {
        return new DemoTraffic(simulator, mapper, clock, properties.demo().traffic().pace());
    }

    /** With ketenhub.demo.traffic.students set, a school year starts playing as soon as the demo partners exist. */
    @Bean
    @Order(20)
    ApplicationRunner demoTrafficOnStart(DemoTraffic traffic, KetenhubProperties properties) {
        int students = properties.demo().traffic().students();
        return args -> {
            if (students > 0) {
                traffic.start(students, System.nanoTime());
            }
        };
    }

    /** Seeds (or refreshes) the demo partners once the web server runs, so their REST endpoints point at it. */
    @Bean
    @Order(10)
    ApplicationRunner demoSeeder(PartnerService partners, DemoSimulator simulator, CamelContext camel, Environment env,
            KetenhubProperties properties) {
        return args -> {
            String port = env.getProperty("local.server.port");
            if (port != null && !properties.demo().baseUrlFixed()) {
                simulator.setBaseUrl("http://localhost:" + port);
            }
            for (DemoPartners.Demo d : DemoPartners.ALL) {
                String endpoint = d.channel() == Channel.JMS
                        ? DemoPartners.jmsQueue(d.oin())
                        : simulator.baseUrl() + "/demo/partners/" + d.oin() + "/inbox";
                partners.upsertWithKey(new PartnerRequest(d.oin(), d.name(), d.kind(), d.brin(), d.gemeentecode(),
                        d.channel(), endpoint, null, null, true), d.apiKey(), true);
                if (d.channel() == Channel.JMS && camel.getRoute("demo-jms-partner-" + d.oin()) == null) {
                    TemplatedRouteBuilder.builder(camel, "demo-jms-partner")
                            .routeId("demo-jms-partner-" + d.oin())
                            .parameter("oin", d.oin())
                            .add();
                }
            }
            log.info("demo mode: {} demo partners ready (keys in the README); simulated partners at {}/demo/partners",
                    DemoPartners.ALL.size(), simulator.baseUrl());
        };
    }
}
