package nl.ketenhub.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.routing.Headers;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Failure handling of the delivery route. The broker owns the back-off: a failed attempt rolls back, and Artemis
 * redelivers after an exponentially growing delay without holding up the queue. After the last attempt, or at once
 * for an answer that retrying cannot change (a 4xx other than 408/425/429), the delivery is parked.
 */
@Component("deliveryFailures")
public class DeliveryFailures {

    private static final Logger log = LoggerFactory.getLogger(DeliveryFailures.class);
    private static final Set<Integer> RETRYABLE_4XX = Set.of(408, 425, 429);

    private final MessageLedger ledger;
    private final ParkedDeliveries parked;
    private final MeterRegistry meters;
    private final int maxAttempts;

    public DeliveryFailures(MessageLedger ledger, ParkedDeliveries parked, MeterRegistry meters, KetenhubProperties properties) {
        this.ledger = ledger;
        this.parked = parked;
        this.meters = meters;
        this.maxAttempts = properties.delivery().maxAttempts();
    }

    /**
     * True when this failure ends the delivery's attempts: the exchange is then handled (parked) and committed.
     *
     * @param delivery the ledger's delivery, absent when the failure came before the route identified it
     * @param body the queued message's body, kept for parking
     * @param attempt this attempt (the broker's delivery count)
     * @param cause what failed
     */
    public boolean isFinal(@ExchangeProperty(DeliveryExchange.DELIVERY) DeliveryRecord delivery,
            @ExchangeProperty(DeliveryExchange.ORIGINAL_BODY) String body,
            @ExchangeProperty(DeliveryExchange.ATTEMPT) Integer attempt,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause) {
        if (delivery == null || body == null) {
            // Nothing to park: the failure is not handled, so the broker dead-letters the message after its attempts
            // (never consumed and dropped).
            return false;
        }
        return attempt(attempt) >= maxAttempts || isPermanent(cause);
    }

    /**
     * Records the failure: parks the delivery when the failure {@linkplain #isFinal is final}, otherwise counts the
     * attempt and leaves the retry to the broker.
     *
     * @param headers the queued message's headers, named in the log when the ledger does not know the delivery
     */
    public void record(@ExchangeProperty(DeliveryExchange.DELIVERY) DeliveryRecord delivery,
            @ExchangeProperty(DeliveryExchange.ORIGINAL_BODY) String body,
            @ExchangeProperty(DeliveryExchange.ATTEMPT) Integer attempt,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause, @org.apache.camel.Headers Map<String, Object> headers) {
        int n = attempt != null ? attempt
                : headers.get("JMSXDeliveryCount") instanceof Integer count ? count : 1;
        String error = describe(cause);
        if (delivery == null || body == null) {
            // Not identified in the ledger (nor recordable again): the broker retries, then dead-letters it.
            log.error("delivery {} of {} ({} to {}, key {}) failed on attempt {} before the ledger knew it; the broker "
                    + "retries it and then moves it to {}: {}", headers.get(Headers.DELIVERY_ID),
                    headers.get(Headers.TRACKING_ID), headers.get(Headers.DELIVERY_KIND),
                    headers.get(Headers.DELIVERY_RECIPIENT), headers.get(Headers.IDEMPOTENCY_KEY),
                    n, nl.ketenhub.config.BrokerConfig.DEAD_LETTER_QUEUE, error);
            meters.counter("ketenhub.deliveries", "partner", "unknown", "outcome", "retried").increment();
            return;
        }
        String recipient = delivery.recipient();
        if (isFinal(delivery, body, attempt, cause)) {
            parked.park(delivery, n, error, body);
            meters.counter("ketenhub.deliveries", "partner", recipient, "outcome", "parked").increment();
            log.warn("parked delivery {} of {} to {} after attempt {}: {}", delivery.id(), delivery.trackingId(), recipient,
                    n, error);
        } else {
            ledger.deliveryAttemptFailed(delivery.id(), n, error);
            ledger.event(delivery.trackingId(), "DELIVERY_FAILED", recipient, "attempt " + n + " of " + maxAttempts
                    + " failed: " + error + "; the broker redelivers after a back-off");
            meters.counter("ketenhub.deliveries", "partner", recipient, "outcome", "retried").increment();
            log.info("delivery to {} failed on attempt {} of {}: {}", recipient, n, maxAttempts, error);
        }
    }

    /** The delivery route sets the attempt in its first step; no attempt is known only when that step failed. */
    private static int attempt(Integer attempt) {
        return attempt == null ? 1 : attempt;
    }

    static boolean isPermanent(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PermanentDeliveryException) {
                return true;
            }
            if (c instanceof HttpOperationFailedException http) {
                int status = http.getStatusCode();
                return status >= 400 && status < 500 && !RETRYABLE_4XX.contains(status);
            }
        }
        return false;
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "unknown failure";
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpOperationFailedException http) {
                return "HTTP " + http.getStatusCode() + " from " + http.getUri();
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + (message.length() > 300 ? message.substring(0, 300) : message));
    }
}
