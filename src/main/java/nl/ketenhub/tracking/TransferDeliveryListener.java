package nl.ketenhub.tracking;

import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.delivery.DeliveryObserver;
import nl.ketenhub.delivery.GateDecision;
import nl.ketenhub.ledger.DeliveryRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Follows dossier deliveries into the transfer ledger: the consent gate's decision (forwarded, held for consent) and
 * the transport acknowledgement (delivered, which starts the acknowledgement period). Never fails a delivery: a
 * delivery that reached the MBO must not be retried because the ledger could not be written; the deadline scan
 * catches up on a delivery it missed.
 */
@Component
public class TransferDeliveryListener implements DeliveryObserver {

    private static final Logger log = LoggerFactory.getLogger(TransferDeliveryListener.class);

    private final TransferCorrelator correlator;

    public TransferDeliveryListener(TransferCorrelator correlator) {
        this.correlator = correlator;
    }

    @Override
    public void forwarding(DeliveryRecord delivery, Envelope original, GateDecision decision, Envelope forwarded,
            String renderedBody) {
        if (original.type() != MessageType.TRANSFER_DOSSIER) {
            return;
        }
        try {
            correlator.forwarded(delivery, decision);
        } catch (RuntimeException e) {
            log.error("transfer tracking could not record the forwarding of {}: {}", delivery.trackingId(),
                    e.getClass().getName());
        }
    }

    @Override
    public void delivered(Delivered delivered) {
        if (!MessageType.TRANSFER_DOSSIER.wireName().equals(delivered.type())) {
            return;
        }
        DeliveryRecord d = delivered.delivery();
        try {
            correlator.delivered(d.trackingId(), d.recipient(), d.kind(), delivered.at());
        } catch (RuntimeException e) {
            log.error("transfer tracking could not record the delivery of {}: {}", d.trackingId(),
                    e.getClass().getName());
        }
    }
}
