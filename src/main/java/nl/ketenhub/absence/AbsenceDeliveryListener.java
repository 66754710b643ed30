package nl.ketenhub.absence;

import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.delivery.DeliverySucceeded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Follows absence report deliveries into the absence ledger. Never fails a delivery: a report that reached the
 * gemeente must not be sent again because the ledger could not be written.
 */
@Component
public class AbsenceDeliveryListener {

    private static final Logger log = LoggerFactory.getLogger(AbsenceDeliveryListener.class);

    private final AbsenceLedger ledger;

    public AbsenceDeliveryListener(AbsenceLedger ledger) {
        this.ledger = ledger;
    }

    @EventListener
    public void delivered(DeliverySucceeded event) {
        if (!MessageType.ABSENCE_REPORT.wireName().equals(event.type()) || !"primary".equals(event.kind())) {
            return;
        }
        try {
            ledger.delivered(event.trackingId(), event.at());
        } catch (RuntimeException e) {
            log.error("absence tracking could not record the delivery of {}: {}", event.trackingId(),
                    e.getClass().getName());
        }
    }
}
