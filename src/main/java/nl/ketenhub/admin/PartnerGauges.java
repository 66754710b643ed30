package nl.ketenhub.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.ketenhub.config.BrokerStats;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.delivery.ParkedDeliveries;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerChanged;
import nl.ketenhub.partner.PartnerService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Per-partner gauges for Prometheus: messages waiting on the partner's delivery queue and deliveries parked for it.
 * Labels carry the partner's OIN and kind, never anything about a student.
 */
@Component
public class PartnerGauges {

    private final MeterRegistry meters;
    private final PartnerService partners;
    private final BrokerStats broker;
    private final ParkedDeliveries parked;
    private final String deliveryPrefix;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public PartnerGauges(MeterRegistry meters, PartnerService partners, BrokerStats broker, ParkedDeliveries parked,
            KetenhubProperties properties) {
        this.meters = meters;
        this.partners = partners;
        this.broker = broker;
        this.parked = parked;
        this.deliveryPrefix = properties.queues().deliveryPrefix();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void registerAll() {
        partners.list().forEach(this::register);
    }

    @EventListener
    public void onPartnerChanged(PartnerChanged event) {
        register(event.partner());
    }

    private void register(Partner p) {
        if (!registered.add(p.oin())) {
            return;
        }
        Gauge.builder("ketenhub.delivery.queue.depth", () -> broker.depth(deliveryPrefix + p.oin()).orElse(0L))
                .description("messages waiting on the partner's delivery queue")
                .tag("partner", p.oin()).tag("kind", p.kind().name())
                .register(meters);
        Gauge.builder("ketenhub.deliveries.parked", () -> parked.countParked(p.oin()))
                .description("deliveries parked for the partner, waiting for an admin")
                .tag("partner", p.oin()).tag("kind", p.kind().name())
                .register(meters);
    }
}
