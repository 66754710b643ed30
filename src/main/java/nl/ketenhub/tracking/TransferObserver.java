package nl.ketenhub.tracking;

import java.util.List;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.routing.MessageObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Follows every routed partner message into the transfer ledger. A database failure rolls the core step back, so
 * the broker redelivers and the message is applied then (once: the ledger remembers applied tracking ids); any other
 * failure is logged and never keeps the message itself from its recipients.
 */
@Component
public class TransferObserver implements MessageObserver {

    private static final Logger log = LoggerFactory.getLogger(TransferObserver.class);

    private final TransferCorrelator correlator;

    public TransferObserver(TransferCorrelator correlator) {
        this.correlator = correlator;
    }

    @Override
    public void routed(String trackingId, Envelope envelope, List<DeliveryRecord> deliveries) {
        if (!TransferCorrelator.follows(envelope.type())) {
            return;
        }
        try {
            correlator.apply(trackingId, envelope);
        } catch (DataAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            // the exception text may quote payload content: only its class is logged
            log.error("transfer tracking could not apply {} ({}): {}", trackingId, envelope.type().wireName(),
                    e.getClass().getName());
        }
    }
}
