package nl.ketenhub.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.routing.Headers;
import org.apache.camel.Exchange;
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

    /** True when this failure ends the delivery's attempts: the exchange is then handled (parked) and committed. */
    public boolean isFinal(Exchange exchange) {
        if (exchange.getProperty(DeliveryExchange.DELIVERY) == null
                || exchange.getProperty(DeliveryExchange.ORIGINAL_BODY) == null) {
            // Nothing to park: the failure is not handled, so the broker dead-letters the message after its attempts
            // (never consumed and dropped).
            return false;
        }
        return attempt(exchange) >= maxAttempts || isPermanent(cause(exchange));
    }

    public void record(Exchange exchange) {
        Throwable cause = cause(exchange);
        int attempt = attempt(exchange);
        String error = describe(cause);
        DeliveryRecord d = exchange.getProperty(DeliveryExchange.DELIVERY, DeliveryRecord.class);
        String recipient = d != null ? d.recipient() : "unknown";
        if (d == null || exchange.getProperty(DeliveryExchange.ORIGINAL_BODY) == null) {
            // Not identified in the ledger (nor recordable again): the broker retries, then dead-letters it.
            log.error("delivery {} of {} ({} to {}, key {}) failed on attempt {} before the ledger knew it; the broker "
                    + "retries it and then moves it to {}: {}", exchange.getIn().getHeader(Headers.DELIVERY_ID),
                    exchange.getIn().getHeader(Headers.TRACKING_ID), exchange.getIn().getHeader(Headers.DELIVERY_KIND),
                    exchange.getIn().getHeader(Headers.DELIVERY_RECIPIENT), exchange.getIn().getHeader(Headers.IDEMPOTENCY_KEY),
                    attempt, nl.ketenhub.config.BrokerConfig.DEAD_LETTER_QUEUE, error);
            meters.counter("ketenhub.deliveries", "partner", "unknown", "outcome", "retried").increment();
            return;
        }
        if (isFinal(exchange)) {
            String body = exchange.getProperty(DeliveryExchange.ORIGINAL_BODY, String.class);
            parked.park(d, attempt, error, body);
            meters.counter("ketenhub.deliveries", "partner", recipient, "outcome", "parked").increment();
            log.warn("parked delivery {} of {} to {} after attempt {}: {}", d.id(), d.trackingId(), recipient, attempt, error);
        } else {
            if (d != null) {
                ledger.deliveryAttemptFailed(d.id(), attempt, error);
                ledger.event(d.trackingId(), "DELIVERY_FAILED", recipient, "attempt " + attempt + " of " + maxAttempts
                        + " failed: " + error + "; the broker redelivers after a back-off");
            }
            meters.counter("ketenhub.deliveries", "partner", recipient, "outcome", "retried").increment();
            log.info("delivery to {} failed on attempt {} of {}: {}", recipient, attempt, maxAttempts, error);
        }
    }

    private static int attempt(Exchange exchange) {
        Integer attempt = exchange.getProperty(DeliveryExchange.ATTEMPT, Integer.class);
        if (attempt != null) {
            return attempt;
        }
        Integer count = exchange.getIn().getHeader("JMSXDeliveryCount", Integer.class);
        return count == null ? 1 : count;
    }

    private static Throwable cause(Exchange exchange) {
        Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return t != null ? t : exchange.getException();
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
