package nl.ketenhub.absence;

import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.delivery.DeliveryObserver;
import nl.ketenhub.ledger.DeliveryKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Follows absence report deliveries into the absence ledger. Never fails a delivery: a report that reached the
 * gemeente must not be sent again because the ledger could not be written.
 */
@Component
public class AbsenceDeliveryListener implements DeliveryObserver {

    private static final Logger log = LoggerFactory.getLogger(AbsenceDeliveryListener.class);

    private final AbsenceLedger ledger;

    public AbsenceDeliveryListener(AbsenceLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void delivered(Delivered delivered) {
        if (!MessageType.ABSENCE_REPORT.wireName().equals(delivered.type()) || delivered.delivery().kind() != DeliveryKind.PRIMARY) {
            return;
        }
        try {
            ledger.delivered(delivered.delivery().trackingId(), delivered.at());
        } catch (RuntimeException e) {
            log.error("absence tracking could not record the delivery of {}: {}", delivered.delivery().trackingId(),
                    e.getClass().getName());
        }
    }
}
