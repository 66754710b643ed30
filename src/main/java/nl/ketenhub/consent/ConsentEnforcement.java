package nl.ketenhub.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.Hashes;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.canonical.Notification;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.delivery.CategoryDecision;
import nl.ketenhub.delivery.DeliveryObserver;
import nl.ketenhub.delivery.GateDecision;
import nl.ketenhub.ledger.DeliveryKind;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.DeliveryState;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageRecord;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.partner.TransferKind;
import nl.ketenhub.routing.DeliveryQueue;
import nl.ketenhub.routing.HubOutbox;
import nl.ketenhub.routing.PlannedDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What consent does to deliveries over time: it records each completed delivery's decisions, holds the consent
 * categories that could not go, releases them as one supplement to the same recipient when consent arrives,
 * discards them after the policy's expiry, and tells earlier recipients when a consent is withdrawn.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE) // holds what waits before tracking records the delivery; only this may fail the attempt
public class ConsentEnforcement implements DeliveryObserver {

    private static final Logger log = LoggerFactory.getLogger(ConsentEnforcement.class);

    private final ConsentGate gate;
    private final HeldParts held;
    private final DecisionAudit audit;
    private final MessageLedger ledger;
    private final PartnerService partners;
    private final DeliveryQueue deliveryQueue;
    private final HubOutbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ConsentRegistry registry;

    public ConsentEnforcement(ConsentGate gate, HeldParts held, DecisionAudit audit, MessageLedger ledger,
            PartnerService partners, DeliveryQueue deliveryQueue, HubOutbox outbox, ObjectMapper mapper, Clock clock,
            ConsentRegistry registry) {
        this.registry = registry;
        this.gate = gate;
        this.held = held;
        this.audit = audit;
        this.ledger = ledger;
        this.partners = partners;
        this.deliveryQueue = deliveryQueue;
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A delivery went out: audit its decisions and hold what consent did not yet allow. */
    @Override
    public void delivered(Delivered delivered) {
        delivered.message().ifPresent(m -> delivered(delivered.delivery(), m, delivered.original(), delivered.decision(),
                delivered.renderedBody()));
    }

    private void delivered(DeliveryRecord d, MessageRecord m, Envelope original, GateDecision decision, String renderedBody) {
        if (decision == null || decision.categories().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        audit.record(d.id(), d.trackingId(), original.messageId(), original.type().wireName(), d.recipient(),
                m.subjectPseudonym(), decision, Hashes.sha256(renderedBody), now);
        Set<DataCategory> waiting = decision.held();
        if (!waiting.isEmpty() && d.kind() != DeliveryKind.SUPPLEMENT && m.subjectPseudonym() != null) {
            Instant expires = LocalDate.ofInstant(now, ZoneOffset.UTC).plus(gate.policy().heldExpiry())
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
            held.hold(d.id(), d.trackingId(), d.recipient(), m.subjectPseudonym(), waiting, now, expires);
            ledger.event(d.trackingId(), "HELD_FOR_CONSENT", d.recipient(), "held until consent (at most until "
                    + expires + "): " + names(waiting));
            // A consent recorded between the gate's decision and now found nothing held yet: look again. Without any
            // consent for the student there is nothing to release (and a consent recorded after this look finds
            // the part just held), so the held dossiers are not read again for the many students without one.
            if (registry.anyFor(m.subjectPseudonym())) {
                releaseFor(m.subjectPseudonym());
            }
        }
    }

    /**
     * Consent arrived or changed for a student: every held part that is now allowed goes out as one supplement.
     *
     * @return the number of supplements dispatched
     */
    public int releaseFor(String subject) {
        int released = 0;
        LocalDate today = LocalDate.now(clock);
        for (HeldPart part : held.heldFor(subject)) {
            Optional<Partner> recipient = partners.find(part.recipientOin());
            Optional<MessageRecord> message = ledger.find(part.trackingId());
            Optional<String> body = ledger.body(part.trackingId());
            if (recipient.isEmpty() || message.isEmpty() || body.isEmpty()) {
                continue;
            }
            Envelope original = read(body.get());
            TransferDossier dossier = original.payloadAs(mapper, TransferDossier.class);
            PartnerKind senderKind = partners.find(original.sender()).map(Partner::kind).orElse(null);
            GateDecision now = gate.decide(dossier, original.sender(), TransferKind.of(senderKind, recipient.get().kind()), recipient.get(), today);
            Set<DataCategory> releasable = EnumSet.noneOf(DataCategory.class);
            releasable.addAll(part.categories());
            releasable.retainAll(now.forwarded());
            if (releasable.isEmpty()) {
                continue;
            }
            if (supplement(part, message.get(), original, dossier, releasable, now)) {
                released++;
            }
        }
        return released;
    }

    private boolean supplement(HeldPart part, MessageRecord m, Envelope original, TransferDossier dossier,
            Set<DataCategory> releasable, GateDecision now) {
        int sequence = (int) ledger.deliveries(m.trackingId()).stream()
                .filter(d -> d.kind() == DeliveryKind.SUPPLEMENT && d.recipient().equals(part.recipientOin())).count() + 1;
        String key = PlannedDelivery.key(original.sender(), original.messageId() + "#supplement-" + sequence + ":"
                + ConsentRegistry.join(releasable), part.recipientOin());
        DeliveryRecord d = ledger.createDelivery(m.trackingId(), part.recipientOin(), DeliveryKind.SUPPLEMENT, key);
        if (!held.release(part, releasable, d.id(), clock.instant(), "released by consent")) {
            // another release took these categories first
            ledger.setDeliveryState(d, DeliveryState.CANCELLED, 0, "released by a concurrent supplement");
            return false;
        }
        Set<DataCategory> sections = EnumSet.of(DataCategory.IDENTITY);
        sections.addAll(releasable);
        String messageId = "supplement-" + Hashes.sha256(d.id()).substring(0, 24);
        Envelope supplement = new Envelope(messageId, MessageType.TRANSFER_DOSSIER, original.sender(), part.recipientOin(),
                clock.instant(), original.messageId(), mapper.valueToTree(dossier.retainOnly(sections,
                        notInSupplement(dossier, sections, part.categories(), now))));
        String json = write(supplement);
        deliveryQueue.put(d, m, messageId, MessageType.TRANSFER_DOSSIER.wireName(), json, false);
        ledger.event(m.trackingId(), "SUPPLEMENT_RELEASED", part.recipientOin(), "consent arrived: " + names(releasable)
                + " released as supplement " + messageId);
        log.info("released {} of {} to {} as a supplement", names(releasable), m.trackingId(), part.recipientOin());
        return true;
    }

    /**
     * What a supplement says of the dossier's categories it does not carry, so a receiver can tell them from
     * categories without content: still held (awaiting-consent), or carried by an earlier part (delivered-separately).
     */
    static List<TransferDossier.Withheld> notInSupplement(TransferDossier dossier, Set<DataCategory> carried,
            Set<DataCategory> held, GateDecision now) {
        Set<DataCategory> never = EnumSet.noneOf(DataCategory.class);
        now.categories().stream().filter(c -> c.outcome() == CategoryDecision.Outcome.DROP)
                .forEach(c -> never.add(c.category()));
        List<TransferDossier.Withheld> notes = new java.util.ArrayList<>();
        for (DataCategory c : dossier.sections().stream().map(s -> s.category()).sorted().toList()) {
            if (!carried.contains(c)) {
                notes.add(new TransferDossier.Withheld(c, never.contains(c) ? "never"
                        : held.contains(c) ? "awaiting-consent" : "delivered-separately"));
            }
        }
        return notes;
    }

    /** A supplement reached the gate after its consent was withdrawn: nothing goes, the categories are held again. */
    public void supplementCancelled(DeliveryRecord d, Set<DataCategory> stillHeld) {
        ledger.setDeliveryState(d, DeliveryState.CANCELLED, d.attempts(), "consent no longer valid at forwarding");
        held.forTracking(d.trackingId()).stream()
                .filter(p -> p.recipientOin().equals(d.recipient()) && d.id().equals(p.supplementDeliveryId()))
                .findFirst()
                .ifPresent(p -> held.reopen(p.deliveryId(), stillHeld));
        ledger.event(d.trackingId(), "SUPPLEMENT_CANCELLED", d.recipient(), "consent withdrawn or lapsed before forwarding: "
                + names(stillHeld) + " held again");
    }

    /** Discards held parts whose expiry has passed; the ledger and the decision audit say so. */
    public int expireDue() {
        Instant now = clock.instant();
        int expired = 0;
        for (HeldPart part : held.dueForExpiry(now, 500)) {
            if (!held.expire(part, now)) {
                continue;
            }
            expired++;
            Optional<MessageRecord> m = ledger.find(part.trackingId());
            String messageId = m.map(MessageRecord::messageId).orElse("?");
            PartnerKind senderKind = m.flatMap(msg -> partners.find(msg.sender())).map(Partner::kind).orElse(null);
            PartnerKind recipientKind = partners.find(part.recipientOin()).map(Partner::kind).orElse(PartnerKind.MBO);
            audit.recordClosed(part.deliveryId(), part.trackingId(), messageId, part.recipientOin(), part.subjectPseudonym(),
                    TransferKind.of(senderKind, recipientKind).wireName(), gate.policy().version(), part.categories(),
                    "consent-expired", now);
            ledger.event(part.trackingId(), "HELD_EXPIRED", part.recipientOin(), "no consent before " + part.expiresAt()
                    + ": " + names(part.categories()) + " discarded, never sent");
            m.ifPresent(message -> outbox.send("held-expired-" + part.id(), MessageType.NOTIFICATION, message.sender(),
                    message.messageId(), new Notification(Notification.HELD_DATA_EXPIRED,
                            "No consent arrived in time: the categories " + names(part.categories())
                                    + " of your dossier were not forwarded to " + part.recipientOin() + " and have been discarded.",
                            null, message.messageId(), null, null, null, null, null, null,
                            Map.of("recipient", part.recipientOin(), "categories", names(part.categories())))));
            log.info("held part {} of {} expired", part.id(), part.trackingId());
        }
        return expired;
    }

    /** A consent was withdrawn: every partner that received data under it is told. */
    public int withdrawn(ConsentRecord consent) {
        Map<String, Set<DataCategory>> byRecipient = new LinkedHashMap<>();
        Map<String, String> trackingByRecipient = new LinkedHashMap<>();
        for (DecisionAudit.Row row : audit.forwardedUnder(consent.id())) {
            byRecipient.computeIfAbsent(row.recipientOin(), k -> new LinkedHashSet<>()).add(row.category());
            trackingByRecipient.putIfAbsent(row.recipientOin(), row.trackingId());
        }
        for (Map.Entry<String, Set<DataCategory>> e : byRecipient.entrySet()) {
            String recipient = e.getKey();
            Optional<MessageRecord> m = ledger.find(trackingByRecipient.get(recipient));
            var student = m.flatMap(r -> ledger.body(r.trackingId())).map(this::read)
                    .map(env -> env.payloadAs(mapper, TransferDossier.Summary.class).student().ref()).orElse(null);
            outbox.send("consent-withdrawn-" + consent.id() + "-" + recipient, MessageType.NOTIFICATION, recipient,
                    m.map(MessageRecord::messageId).orElse(null), new Notification(Notification.CONSENT_WITHDRAWN,
                            "The consent under which you received " + names(e.getValue())
                                    + " of this student was withdrawn on " + LocalDate.now(clock)
                                    + ". Stop using that information; nothing further will be forwarded under it.",
                            null, m.map(MessageRecord::messageId).orElse(null), student, null, null, null, null, null,
                            Map.of("consentId", String.valueOf(consent.id()), "categories", names(e.getValue()))));
        }
        return byRecipient.size();
    }

    private Envelope read(String body) {
        try {
            return mapper.readValue(body, Envelope.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored envelope no longer binds", e);
        }
    }

    private String write(Envelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String names(Set<DataCategory> categories) {
        List<String> names = new ArrayList<>(categories.stream().map(DataCategory::wireName).collect(Collectors.toList()));
        return "[" + String.join(", ", names) + "]";
    }
}
