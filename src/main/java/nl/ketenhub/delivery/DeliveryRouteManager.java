package nl.ketenhub.delivery;

import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerChanged;
import nl.ketenhub.partner.PartnerService;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps one delivery route per enabled partner, made from the {@code partner-delivery} route template: created at
 * start-up and when a partner is registered or enabled, removed when it is disabled (its messages wait on its queue).
 */
@Component
public class DeliveryRouteManager implements CamelContextConfiguration {

    static final String TEMPLATE_ID = "partner-delivery";
    private static final Logger log = LoggerFactory.getLogger(DeliveryRouteManager.class);

    private final PartnerService partners;
    private CamelContext camel;

    public DeliveryRouteManager(PartnerService partners) {
        this.partners = partners;
    }

    public static String routeId(String oin) {
        return TEMPLATE_ID + "-" + oin;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // routes are added once the context runs
    }

    @Override
    public synchronized void afterApplicationStart(CamelContext camelContext) {
        this.camel = camelContext;
        partners.list().forEach(this::sync);
    }

    @EventListener
    public synchronized void onPartnerChanged(PartnerChanged event) {
        if (camel != null && camel.isStarted()) {
            sync(event.partner());
        }
    }

    private void sync(Partner partner) {
        String id = routeId(partner.oin());
        try {
            boolean present = camel.getRoute(id) != null;
            if (partner.enabled() && !present) {
                TemplatedRouteBuilder.builder(camel, TEMPLATE_ID)
                        .routeId(id)
                        .parameter("oin", partner.oin())
                        .add();
                log.info("delivery route {} started for {}", id, partner.name());
            } else if (!partner.enabled() && present) {
                camel.getRouteController().stopRoute(id);
                camel.removeRoute(id);
                log.info("delivery route {} removed: {} is disabled", id, partner.name());
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not update the delivery route of " + partner.oin(), e);
        }
    }
}
