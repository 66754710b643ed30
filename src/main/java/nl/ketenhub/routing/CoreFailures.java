package nl.ketenhub.routing;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import nl.ketenhub.audit.IntakeRejections;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageState;
import nl.ketenhub.web.IntakeOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A message the core cannot route: marked FAILED in the ledger (so the lost-message recovery leaves it alone), listed
 * with the refused messages ({@code GET /api/v1/rejections}, the console's overview) under problem type
 * {@code core-failure}, and counted ({@code ketenhub_core_failed_total}). A message whose body cannot be read is
 * failed at once; any other failure only on the broker's last attempt, after which the broker moves it to its
 * dead-letter queue.
 */
@Component
public class CoreFailures {

    private static final Logger log = LoggerFactory.getLogger(CoreFailures.class);
    static final String CHANNEL = "core";
    static final String PROBLEM = "core-failure";
    private static final int MAX_DETAIL = 1000;

    private final MessageLedger ledger;
    private final IntakeRejections rejections;
    private final MeterRegistry meters;
    private final int maxDeliveries;

    public CoreFailures(MessageLedger ledger, IntakeRejections rejections, MeterRegistry meters,
            KetenhubProperties properties) {
        this.ledger = ledger;
        this.rejections = rejections;
        this.meters = meters;
        this.maxDeliveries = properties.broker().maxIntakeDeliveries();
    }

    /** True on the broker's last attempt at this message: a failure now sends it to the dead-letter queue. */
    public boolean lastAttempt(Map<String, Object> headers) {
        return deliveryCount(headers) >= maxDeliveries;
    }

    /**
     * Records the failure; never throws, so the caller's own failure handling (rollback, dead-lettering) goes on.
     *
     * @param headers the queued message's headers
     * @param permanent true when retrying cannot help (the message is consumed); false on the last attempt
     */
    public void failed(Map<String, Object> headers, Throwable cause, boolean permanent) {
        String trackingId = text(headers.get(Headers.TRACKING_ID));
        String sender = text(headers.get(Headers.SENDER));
        String messageId = text(headers.get(Headers.MESSAGE_ID));
        String reason = describe(cause);
        String detail = (permanent ? "cannot be routed: " : "failed in the core on each of " + deliveryCount(headers)
                + " attempt(s), moved to the broker's dead-letter queue: ") + reason;
        meters.counter("ketenhub.core.failed", "reason", permanent ? "unreadable" : "exhausted").increment();
        log.error("message {} failed in the core ({}): {}", trackingId, permanent ? "unreadable" : "attempts exhausted",
                cause.getClass().getName());
        try {
            if (trackingId != null && ledger.find(trackingId).isPresent()) {
                ledger.transition(trackingId, MessageState.FAILED, detail);
            }
            rejections.record(CHANNEL, sender == null || sender.length() > 20 ? null : sender,
                    new IntakeOutcome.Rejected(HttpStatus.INTERNAL_SERVER_ERROR, PROBLEM, "Message failed in the core",
                            "tracking id " + trackingId + " " + detail, List.of(), messageId), null);
        } catch (RuntimeException e) {
            log.error("could not record the core failure of {}: {}", trackingId, e.getClass().getName());
        }
    }

    /** A message the recovery found on the broker's dead-letter queue before anyone marked it failed. */
    public void deadLettered(nl.ketenhub.ledger.MessageRecord m) {
        String detail = "on the broker's dead-letter queue: failed in the core; not put back on the intake queue";
        meters.counter("ketenhub.core.failed", "reason", "dead-lettered").increment();
        log.error("message {} is on the dead-letter queue: marked failed", m.trackingId());
        ledger.transition(m.trackingId(), MessageState.FAILED, detail);
        rejections.record(CHANNEL, m.sender(), new IntakeOutcome.Rejected(HttpStatus.INTERNAL_SERVER_ERROR, PROBLEM,
                "Message failed in the core", "tracking id " + m.trackingId() + " " + detail, List.of(), m.messageId()),
                null);
    }

    /** The broker's count of deliveries of this message, this one included (1 when the broker gave none). */
    private static int deliveryCount(Map<String, Object> headers) {
        return headers.get("JMSXDeliveryCount") instanceof Number count ? count.intValue() : 1;
    }

    private static String text(Object header) {
        return header == null ? null : header.toString();
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().replaceAll("\\p{Cntrl}", " ");
        String text = root.getClass().getSimpleName() + message;
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text;
    }
}
