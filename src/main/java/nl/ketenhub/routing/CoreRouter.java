package nl.ketenhub.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.DeliveryState;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageRecord;
import nl.ketenhub.ledger.MessageState;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.component.jms.JmsConstants;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The core step behind the intake queue: routes a message by recipient into one delivery per recipient, each
 * bound for that partner's own delivery queue. Safe to repeat: deliveries are created once per idempotency key,
 * and a redelivered message re-emits only those not yet delivered (the delivery route drops duplicates).
 *
 * <p>A step writes the database in one transaction: the deliveries, what the observers record (the transfer, the
 * absence report) and the message's new state commit together, before the delivery messages are sent, or not at all
 * (the broker then redelivers the queued message). That is one commit per message instead of one per write, and no
 * step is ever left half-recorded.
 */
@Component("coreRouter")
public class CoreRouter {

    private static final Logger log = LoggerFactory.getLogger(CoreRouter.class);

    private final MessageLedger ledger;
    private final DeliveryPlanner planner;
    private final ObjectMapper mapper;
    private final Map<MessageType, HubMessageHandler> hubHandlers;
    private final List<MessageObserver> observers;
    private final String hubOin;
    private final String deliveryPrefix;
    private final LedgerRepair repair;
    private final CoreFailures failures;
    private final TransactionTemplate transaction;

    public CoreRouter(MessageLedger ledger, DeliveryPlanner planner, ObjectMapper mapper, List<HubMessageHandler> handlers,
            List<MessageObserver> observers, KetenhubProperties properties, LedgerRepair repair, CoreFailures failures,
            PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.repair = repair;
        this.failures = failures;
        this.observers = observers;
        this.ledger = ledger;
        this.planner = planner;
        this.mapper = mapper;
        this.hubHandlers = handlers.stream().collect(Collectors.toMap(HubMessageHandler::handles, Function.identity()));
        this.hubOin = properties.hubOin();
        this.deliveryPrefix = properties.queues().deliveryPrefix();
    }

    /**
     * The delivery messages to put on the partners' delivery queues. A body that cannot be read is failed at once and
     * consumed; any other failure is recorded as such on the broker's last attempt, then rethrown (the broker
     * dead-letters it).
     *
     * @param body the queued envelope (UTF-8 bytes, possibly compressed, or text)
     * @param headers the queued message's headers: the tracking id, the type, the body's encoding, the edge's channel
     *     and the broker's delivery count
     * @param camel where the delivery messages are made
     */
    public List<Message> route(@Body Object body, @org.apache.camel.Headers Map<String, Object> headers, CamelContext camel) {
        String trackingId = (String) headers.get(Headers.TRACKING_ID);
        String text;
        Envelope envelope;
        try {
            Object plain = Bodies.plain(body, headers);
            text = Bodies.text(plain);
            envelope = CoreEnvelopes.read(mapper, plain, headers.get(Headers.TYPE));
        } catch (IOException | RuntimeException unreadable) {
            failures.failed(headers, unreadable, true);
            return List.of();
        }
        Envelope read = envelope;
        // the primary delivery carries the queued body itself: compressed, it goes on as it came
        byte[] packed = body instanceof byte[] bytes && Bodies.ZSTD.equals(headers.get(Headers.BODY_ENCODING)) ? bytes : null;
        try {
            return transaction.execute(status -> route(camel, headers, trackingId, text, packed, read));
        } catch (RuntimeException e) {
            if (failures.lastAttempt(headers)) {
                failures.failed(headers, e, false);
            }
            throw e;
        }
    }

    private List<Message> route(CamelContext camel, Map<String, Object> headers, String trackingId, String body,
            byte[] packed, Envelope envelope) {
        MessageRecord record = ledger.find(trackingId).orElse(null);
        if (record == null) {
            // A crash cost the ledger the entry the edge wrote before its receipt: the queued message has it all.
            String kept = repair.recoverMessage(trackingId, envelope, body,
                    (String) headers.get(Headers.CHANNEL));
            if (!kept.equals(trackingId)) {
                return List.of();
            }
            record = ledger.find(trackingId).orElseThrow();
        }

        if (envelope.recipient().equals(hubOin)) {
            if (record.state() != MessageState.PROCESSED) {
                HubMessageHandler handler = hubHandlers.get(envelope.type());
                if (handler == null) {
                    ledger.transition(trackingId, MessageState.FAILED, "no handler for " + envelope.type().wireName()
                            + " messages addressed to the hub");
                } else {
                    handler.handle(trackingId, envelope);
                    ledger.transition(trackingId, MessageState.PROCESSED, "processed by the hub");
                }
            }
            return List.of();
        }

        List<PlannedDelivery> planned = planner.plan(trackingId, envelope, body);
        List<Message> out = new ArrayList<>();
        List<DeliveryRecord> deliveries = new ArrayList<>();
        for (PlannedDelivery p : planned) {
            DeliveryRecord d = ledger.createDelivery(trackingId, p.recipient(), p.kind(), p.idempotencyKey());
            deliveries.add(d);
            if (d.state() != DeliveryState.QUEUED) {
                continue;
            }
            out.add(deliveryMessage(camel, headers, record, envelope, d,
                    Bodies.queued(p.body(), p.body() == body ? packed : null)));
        }
        for (MessageObserver observer : observers) {
            observer.routed(trackingId, envelope, deliveries);
        }
        if (record.state() == MessageState.RECEIVED || record.state() == MessageState.QUEUED) {
            // Consumed from the durable intake queue before the edge recorded it as queued: the ledger records both.
            ledger.routed(trackingId, "on the intake queue", "routed to " + planned.stream()
                    .map(PlannedDelivery::recipient).collect(Collectors.joining(", ")));
        } else {
            log.info("{} routed again after a redelivery: {} deliveries re-emitted", trackingId, out.size());
        }
        return out;
    }

    private Message deliveryMessage(CamelContext camel, Map<String, Object> headers, MessageRecord record,
            Envelope envelope, DeliveryRecord d, Bodies.Queued body) {
        Message m = new DefaultMessage(camel);
        m.setBody(body.bytes());
        m.getHeaders().putAll(DeliveryQueue.headers(record, d, envelope.messageId(), envelope.sender(),
                envelope.type().wireName()));
        body.describeIn(m.getHeaders());
        Object channel = headers.get(Headers.CHANNEL);
        if (channel != null) {
            m.setHeader(Headers.CHANNEL, channel);
        }
        // the recipient's delivery queue, named here so the route's send needs no endpoint resolved per message
        m.setHeader(JmsConstants.JMS_DESTINATION_NAME, deliveryPrefix + d.recipient());
        return m;
    }
}
