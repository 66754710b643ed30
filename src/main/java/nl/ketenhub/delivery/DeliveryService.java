package nl.ketenhub.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.DeliveryState;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerFormat;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.routing.Bodies;
import nl.ketenhub.routing.Headers;
import nl.ketenhub.routing.LedgerRepair;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.component.jms.JmsConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the per-partner delivery route: look up the delivery and the partner, run the consent gate at the
 * moment of forwarding, render the partner's format, and record the outcome.
 */
@Component("deliveryService")
public class DeliveryService {

    private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);

    private final MessageLedger ledger;
    private final PartnerService partners;
    private final ForwardingGate gate;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<PartnerFormat, OutboundFormatter> formatters;
    private final List<DeliveryObserver> observers;
    private final DeliveryEndpoint endpoints;
    private final LedgerRepair repair;
    /** The delivery latency timer per partner, registered once. */
    private final Map<String, Timer> latency = new java.util.concurrent.ConcurrentHashMap<>();

    public DeliveryService(MessageLedger ledger, PartnerService partners, ForwardingGate gate, ObjectMapper mapper,
            Clock clock, MeterRegistry meters, List<OutboundFormatter> formatters, List<DeliveryObserver> observers,
            DeliveryEndpoint endpoints, LedgerRepair repair) {
        this.endpoints = endpoints;
        this.repair = repair;
        this.ledger = ledger;
        this.partners = partners;
        this.gate = gate;
        this.mapper = mapper;
        this.clock = clock;
        this.meters = meters;
        this.formatters = formatters.stream().collect(Collectors.toMap(OutboundFormatter::format, Function.identity()));
        this.observers = observers;
    }

    /** First step: remember what arrived, find the delivery and its partner. */
    public void prepare(Exchange exchange) {
        var queued = exchange.getIn();
        // a long body travels compressed on the hub's own queues: from here on the route has it plain
        Object plain = Bodies.plain(queued.getBody(), queued.getHeaders());
        queued.setBody(plain);
        queued.removeHeader(Headers.BODY_ENCODING);
        exchange.setProperty(DeliveryExchange.ORIGINAL_BODY, Bodies.text(plain));
        Integer count = exchange.getIn().getHeader("JMSXDeliveryCount", Integer.class);
        exchange.setProperty(DeliveryExchange.ATTEMPT, count == null ? 1 : count);
        String deliveryId = exchange.getIn().getHeader(Headers.DELIVERY_ID, String.class);
        DeliveryRecord delivery = ledger.findDelivery(deliveryId).orElseGet(() -> recover(exchange, deliveryId));
        exchange.setProperty(DeliveryExchange.DELIVERY, delivery);
        Partner registered = partners.find(delivery.recipient())
                .orElseThrow(() -> new IllegalStateException("recipient " + delivery.recipient() + " is not registered"));
        if (!registered.enabled()) {
            throw new PartnerUnavailableException("partner " + registered.oin() + " is disabled");
        }
        // a gemeente may take Leerplicht and RMC absence reports at separate endpoints
        Partner partner = endpoints.recipientFor(registered, exchange.getIn().getHeader(Headers.TYPE, String.class),
                exchange.getProperty(DeliveryExchange.ORIGINAL_BODY, String.class));
        if (!partners.endpointAllowed(partner)) {
            throw new PartnerUnavailableException("partner " + partner.oin() + " has a plain http endpoint: outside demo "
                    + "mode the hub delivers over https only (set an https:// endpoint, then replay)");
        }
        exchange.setProperty(DeliveryExchange.PARTNER, partner);
        exchange.setProperty(DeliveryExchange.CHANNEL, partner.channel().wireName());
        exchange.setProperty(DeliveryExchange.ENDPOINT, partner.endpoint());
    }

    /**
     * Whether this delivery was already made, so nothing is sent again: its row in the ledger says
     * {@link DeliveryState#DELIVERED} (the step {@link #delivered} records), except on the JMS channel after a
     * redelivery, where the send commits with the consumption and so a redelivery proves that the earlier send rolled
     * back.
     */
    public boolean alreadyDelivered(@ExchangeProperty(DeliveryExchange.DELIVERY) DeliveryRecord delivery,
            @ExchangeProperty(DeliveryExchange.PARTNER) Partner partner, @Header("JMSRedelivered") Boolean redelivered) {
        if (delivery.state() != DeliveryState.DELIVERED) {
            return false;
        }
        return !(Boolean.TRUE.equals(redelivered) && partner.channel() == Channel.JMS);
    }

    /** A crash cost the ledger this delivery's row: recorded again from the queued message's headers. */
    private DeliveryRecord recover(Exchange exchange, String deliveryId) {
        var in = exchange.getIn();
        String body = exchange.getProperty(DeliveryExchange.ORIGINAL_BODY, String.class);
        Envelope envelope;
        try {
            envelope = body == null ? null : mapper.readValue(body, Envelope.class);
        } catch (JsonProcessingException e) {
            envelope = null;
        }
        return repair.recoverDelivery(deliveryId, in.getHeader(Headers.TRACKING_ID, String.class),
                in.getHeader(Headers.DELIVERY_RECIPIENT, String.class), in.getHeader(Headers.DELIVERY_KIND, String.class),
                in.getHeader(Headers.IDEMPOTENCY_KEY, String.class), envelope, body,
                in.getHeader(Headers.CHANNEL, String.class));
    }

    /** The delivery was {@linkplain #alreadyDelivered already made}: recorded as a dropped duplicate. */
    public void skippedDuplicate(@ExchangeProperty(DeliveryExchange.DELIVERY) DeliveryRecord d) {
        log.info("delivery {} of {} to {} already done: duplicate dropped", d.id(), d.trackingId(), d.recipient());
        ledger.event(d.trackingId(), "DUPLICATE_DROPPED", d.recipient(), "already delivered; not sent again");
        meters.counter("ketenhub.deliveries", "partner", d.recipient(), "outcome", "duplicate").increment();
    }

    /**
     * The consent gate, now: decides what goes, renders it, and sets the outgoing headers and body; when the gate
     * lets nothing go, the exchange is left as it was and {@link #nothingToSend} says so.
     */
    public void gate(Exchange exchange) throws java.io.IOException {
        DeliveryRecord d = exchange.getProperty(DeliveryExchange.DELIVERY, DeliveryRecord.class);
        Partner recipient = exchange.getProperty(DeliveryExchange.PARTNER, Partner.class);
        // parsed from the queued UTF-8 bytes where the queue carries them: Jackson reads bytes faster than text
        Envelope original = exchange.getIn().getBody() instanceof byte[] bytes ? mapper.readValue(bytes, Envelope.class)
                : mapper.readValue(exchange.getProperty(DeliveryExchange.ORIGINAL_BODY, String.class), Envelope.class);
        exchange.setProperty(DeliveryExchange.ORIGINAL, original);
        OutboundFormatter formatter = formatters.get(recipient.format());
        if (formatter == null) {
            throw new IllegalStateException("no formatter for " + recipient.format().wireName());
        }
        Optional<ForwardingGate.Passage> passage = gate.pass(d, original, recipient, LocalDate.now(clock));
        if (passage.isEmpty()) {
            return;
        }
        GateDecision decision = passage.get().decision();
        Envelope forwarded = passage.get().forwarded();
        String rendered = formatter.render(forwarded);
        observers.forEach(o -> o.forwarding(d, original, decision, forwarded, rendered));
        exchange.setProperty(DeliveryExchange.DECISION, decision);
        exchange.setProperty(DeliveryExchange.RENDERED, rendered);

        var out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Headers.TRACKING_ID, d.trackingId());
        out.setHeader(Headers.MESSAGE_ID, original.messageId());
        out.setHeader(Headers.TYPE, original.type().wireName());
        out.setHeader(Headers.SENDER, original.sender());
        out.setHeader(Headers.IDEMPOTENCY_KEY, d.idempotencyKey());
        out.setHeader(Exchange.CONTENT_TYPE, formatter.contentType());
        if (recipient.channel() == Channel.JMS) {
            // the partner's queue, named here so the route's send needs no endpoint resolved per message
            out.setHeader(JmsConstants.JMS_DESTINATION_NAME, recipient.endpoint());
        }
        out.setBody(rendered);
    }

    /** True when the {@linkplain #gate gate} let nothing go now: the delivery route stops without sending. */
    public boolean nothingToSend(@ExchangeProperty(DeliveryExchange.RENDERED) String rendered) {
        return rendered == null;
    }

    /** The partner's system accepted the delivery. */
    public void delivered(@ExchangeProperty(DeliveryExchange.DELIVERY) DeliveryRecord d,
            @ExchangeProperty(DeliveryExchange.ATTEMPT) Integer attempt,
            @ExchangeProperty(DeliveryExchange.DECISION) GateDecision decision,
            @ExchangeProperty(DeliveryExchange.ORIGINAL) Envelope original,
            @ExchangeProperty(DeliveryExchange.RENDERED) String rendered, @Header(Headers.TYPE) String type) {
        var message = ledger.delivered(d, attempt, describe(d, decision, attempt));
        var outcome = new DeliveryObserver.Delivered(d, message, original, decision, rendered, type, clock.instant());
        observers.forEach(o -> o.delivered(outcome));
        meters.counter("ketenhub.deliveries", "partner", d.recipient(), "outcome", "delivered").increment();
        message.ifPresent(m -> latency.computeIfAbsent(d.recipient(), partner -> Timer.builder("ketenhub.delivery.latency")
                .description("from receipt at the edge to delivery at the partner")
                .tag("partner", partner)
                .publishPercentileHistogram()
                .register(meters))
                .record(Duration.between(m.receivedAt(), clock.instant())));
        log.debug("delivered {} ({}) to {} on attempt {}", d.trackingId(), d.kind(), d.recipient(), attempt);
    }

    private static String describe(DeliveryRecord d, GateDecision decision, int attempt) {
        StringBuilder s = new StringBuilder(d.kind().code()).append(" delivery, attempt ").append(attempt);
        if (decision != null && !decision.categories().isEmpty()) {
            s.append("; sent ").append(names(decision.forwarded()));
            if (!decision.held().isEmpty()) {
                s.append("; held for consent ").append(names(decision.held()));
            }
            if (!decision.dropped().isEmpty()) {
                s.append("; never sent ").append(names(decision.dropped()));
            }
            s.append(" (policy ").append(decision.policyVersion()).append(')');
        }
        return s.toString();
    }

    private static String names(java.util.Set<nl.ketenhub.canonical.DataCategory> categories) {
        return categories.stream().map(nl.ketenhub.canonical.DataCategory::wireName).collect(Collectors.joining(", ", "[", "]"));
    }
}
