package nl.ketenhub.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import nl.ketenhub.audit.IntakeRejections;
import nl.ketenhub.canonical.CanonicalValidator;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageRecord;
import nl.ketenhub.ledger.MessageState;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.pseudonym.Pseudonymizer;
import nl.ketenhub.routing.IntakeQueue;
import nl.ketenhub.security.SpeakingAuthority;
import nl.ketenhub.web.IntakeOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * What every edge does with a submitted envelope, whatever its transport: check size, form, schema and identifiers,
 * that the sender is the authenticated partner acting in its role, that the recipient can receive it; then record
 * it in the ledger and put it durably on the intake queue. A repeated messageId from the same sender gets the
 * original tracking id and is not processed again.
 */
@Service
public class IntakeService {

    private static final Logger log = LoggerFactory.getLogger(IntakeService.class);

    private final ObjectMapper mapper;
    private final CanonicalValidator validator;
    private final PartnerService partners;
    private final MessageLedger ledger;
    private final Pseudonymizer pseudonymizer;
    private final IntakeRejections rejections;
    private final IntakeQueue intakeQueue;
    private final MeterRegistry meters;
    private final KetenhubProperties properties;
    private final SpeakingAuthority authority;
    private final EnvelopeReader reader = new EnvelopeReader();

    public IntakeService(ObjectMapper mapper, CanonicalValidator validator, PartnerService partners, MessageLedger ledger,
            Pseudonymizer pseudonymizer, IntakeRejections rejections, IntakeQueue intakeQueue, MeterRegistry meters,
            KetenhubProperties properties, SpeakingAuthority authority) {
        this.authority = authority;
        this.mapper = mapper;
        this.validator = validator;
        this.partners = partners;
        this.ledger = ledger;
        this.pseudonymizer = pseudonymizer;
        this.rejections = rejections;
        this.intakeQueue = intakeQueue;
        this.meters = meters;
        this.properties = properties;
    }

    /**
     * Submits a canonical envelope as raw bytes.
     *
     * @param partner the authenticated partner, or null when authentication failed
     * @param confirmNow true when the edge's send is durable as soon as it returns (REST, SOAP, file); false when it
     *     commits with the edge's own broker transaction (JMS), so the ledger waits for the core to confirm
     */
    public IntakeOutcome submit(Channel channel, Partner partner, byte[] body, boolean confirmNow) {
        if (partner == null) {
            return reject(channel, null, body, new IntakeOutcome.Rejected(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Not authenticated", "no valid API key: send 'Authorization: Bearer <api-key>'", List.of(), null));
        }
        if (body.length > properties.intake().maxMessageBytes()) {
            return tooLarge(channel, partner, body.length);
        }
        EnvelopeReader.Read read;
        try {
            read = reader.read(body);
        } catch (EnvelopeReader.Refused refused) {
            String title = refused.type().equals("unsupported-encoding") ? "Message is not UTF-8 JSON"
                    : "Message is not well-formed JSON";
            return reject(channel, partner.oin(), body, new IntakeOutcome.Rejected(HttpStatus.BAD_REQUEST, refused.type(),
                    title, refused.getMessage(), List.of(new Violation("", refused.getMessage())), null));
        }
        JsonNode node = read.node();
        if (!node.isObject()) {
            return reject(channel, partner.oin(), body, new IntakeOutcome.Rejected(HttpStatus.BAD_REQUEST, "invalid-json",
                    "Message is not a JSON object", "the body must be one JSON object: the envelope",
                    List.of(new Violation("", "expected a JSON object")), null));
        }
        return submit(channel, partner, node, read.text(), body, confirmNow);
    }

    /** Refuses a message whose sender the edge could not authenticate, as the admin sees refused messages. */
    public IntakeOutcome.Rejected refuse(Channel channel, IntakeOutcome.Rejected r) {
        return reject(channel, null, null, r);
    }

    /** Refuses a message over the size limit without reading it further; {@code size} may be a lower bound. */
    public IntakeOutcome.Rejected tooLarge(Channel channel, Partner partner, long size) {
        int max = properties.intake().maxMessageBytes();
        return reject(channel, partner == null ? null : partner.oin(), null, new IntakeOutcome.Rejected(
                HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "Message too large",
                "the message is " + (size > max + 1 ? size + " bytes" : "over " + max + " bytes")
                        + "; the limit is " + max + " bytes", List.of(), null));
    }

    /** The canonical schema's violations of an envelope an edge built, for an edge that reports them with its own. */
    public List<Violation> violations(JsonNode envelope) {
        return validator.validate(envelope);
    }

    /** Records in the message's history something it was accepted with (state NOTE), for the admin to see. */
    public void note(String trackingId, String code, String pointer, String detail) {
        ledger.event(trackingId, "NOTE", null, code + " (" + pointer + "): " + detail);
    }

    /** Submits an envelope an edge has already built (e.g. mapped from OSO XML); {@code raw} is what the sender sent. */
    public IntakeOutcome submit(Channel channel, Partner partner, JsonNode node, String canonicalJson, byte[] raw,
            boolean confirmNow) {
        String messageId = node.path("messageId").isTextual() ? node.get("messageId").asText() : null;
        List<Violation> violations = validator.validate(node);
        if (!violations.isEmpty()) {
            return reject(channel, partner.oin(), raw, new IntakeOutcome.Rejected(HttpStatus.BAD_REQUEST, "schema-violation",
                    "Message does not match the canonical schema",
                    violations.size() + " violation(s) of schemas/canonical/v1", violations, messageId));
        }
        // schema-valid: every member has its form, so the envelope is read off the tree without copying the payload
        Envelope envelope = Envelope.fromTree(node);
        Optional<IntakeOutcome.Rejected> refused = authorise(partner, envelope);
        if (refused.isPresent()) {
            return reject(channel, partner.oin(), raw, refused.get());
        }
        return accept(channel, envelope, node, canonicalJson, confirmNow);
    }

    private Optional<IntakeOutcome.Rejected> authorise(Partner partner, Envelope e) {
        if (!e.sender().equals(partner.oin())) {
            return Optional.of(new IntakeOutcome.Rejected(HttpStatus.FORBIDDEN, "sender-mismatch",
                    "Sender is not the authenticated partner", "the envelope's sender " + e.sender()
                            + " is not the partner you authenticated as, by API key, certificate or broker login (" + partner.oin() + ")",
                    List.of(new Violation("/sender", "must be " + partner.oin())), e.messageId()));
        }
        MessageRules.Rule rule = MessageRules.of(e.type());
        if (!rule.senders().contains(partner.kind())) {
            return Optional.of(new IntakeOutcome.Rejected(HttpStatus.FORBIDDEN, "outside-role", "Partner acts outside its role",
                    "a " + partner.kind() + " partner may not send " + e.type().wireName() + " messages (senders: "
                            + rule.senders() + ")", List.of(new Violation("/type", "not allowed for a " + partner.kind())),
                    e.messageId()));
        }
        if (rule.toHub()) {
            if (!e.recipient().equals(properties.hubOin())) {
                return Optional.of(undeliverable("recipient-not-hub", e, e.type().wireName()
                        + " messages are addressed to the hub itself (" + properties.hubOin() + ")"));
            }
            if (e.type() == MessageType.CONSENT) {
                return authority.mayActOnConsent(partner.oin(), subjectPseudonym(e.payload())).map(r -> refused(r, e));
            }
            return Optional.empty();
        }
        Optional<Partner> recipient = partners.find(e.recipient());
        if (recipient.isEmpty()) {
            return Optional.of(undeliverable("unknown-recipient", e, "no partner with OIN " + e.recipient()
                    + " is registered"));
        }
        if (!recipient.get().enabled()) {
            return Optional.of(undeliverable("recipient-disabled", e, "partner " + e.recipient() + " is disabled"));
        }
        if (!rule.recipients().contains(recipient.get().kind())) {
            return Optional.of(undeliverable("recipient-wrong-kind", e, e.type().wireName() + " cannot go to a "
                    + recipient.get().kind() + " partner (recipients: " + rule.recipients() + ")"));
        }
        Optional<IntakeOutcome.Rejected> unauthorised = authority.mayReport(partner, e, recipient.get(),
                        e.type() == MessageType.APPLICATION_STATUS ? subjectPseudonym(e.payload()) : null)
                .map(r -> refused(r, e));
        if (unauthorised.isPresent()) {
            return unauthorised;
        }
        if (e.type() == MessageType.ACKNOWLEDGEMENT && ledger.findRelated(e.relatesTo(), e.recipient(), e.sender())
                .isEmpty()) {
            return Optional.of(new IntakeOutcome.Rejected(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-relates-to",
                    "Acknowledgement relates to no known message", "no message " + e.relatesTo() + " from "
                            + e.recipient() + " to " + e.sender() + " passed through the hub",
                    List.of(new Violation("/relatesTo", "names no message you received from the recipient")), e.messageId()));
        }
        if (e.type() == MessageType.ABSENCE_REPORT) {
            String residence = e.payload().at("/student/gemeentecode").asText();
            if (!residence.equals(recipient.get().gemeentecode())) {
                return Optional.of(new IntakeOutcome.Rejected(HttpStatus.UNPROCESSABLE_ENTITY, "not-gemeente-of-residence",
                        "Absence report is not addressed to the gemeente of residence", "partner " + e.recipient()
                                + " is gemeente " + recipient.get().gemeentecode() + "; the student lives in gemeente "
                                + residence, List.of(new Violation("/recipient", "must be the gemeente partner with"
                                + " gemeentecode " + residence)), e.messageId()));
            }
        }
        if (e.type() == MessageType.ABSENCE_FOLLOW_UP || e.type() == MessageType.ABSENCE_WITHDRAWAL) {
            return absenceReportOf(e);
        }
        return Optional.empty();
    }

    private static IntakeOutcome.Rejected refused(SpeakingAuthority.Refusal r, Envelope e) {
        return new IntakeOutcome.Rejected(r.status(), r.type(), r.title(), r.detail(), r.violations(), e.messageId());
    }

    /**
     * A follow-up answers a report the recipient school sent to the sending gemeente; a withdrawal takes back a report
     * the sending school sent to the recipient gemeente.
     */
    private Optional<IntakeOutcome.Rejected> absenceReportOf(Envelope e) {
        boolean followUp = e.type() == MessageType.ABSENCE_FOLLOW_UP;
        String school = followUp ? e.recipient() : e.sender();
        String gemeente = followUp ? e.sender() : e.recipient();
        if (ledger.findRelated(e.relatesTo(), school, gemeente)
                .filter(m -> MessageType.ABSENCE_REPORT.wireName().equals(m.type()))
                .isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new IntakeOutcome.Rejected(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-relates-to",
                e.type().wireName() + " relates to no known absence report", "no absence report " + e.relatesTo()
                        + " from " + school + " to " + gemeente + " passed through the hub",
                List.of(new Violation("/relatesTo", "names no absence report from " + school + " to " + gemeente)),
                e.messageId()));
    }

    private static IntakeOutcome.Rejected undeliverable(String type, Envelope e, String detail) {
        return new IntakeOutcome.Rejected(HttpStatus.UNPROCESSABLE_ENTITY, type, "Message cannot be delivered", detail,
                List.of(new Violation("/recipient", detail)), e.messageId());
    }

    private IntakeOutcome accept(Channel channel, Envelope e, JsonNode node, String json, boolean confirmNow) {
        // A repeat is found by the ledger's unique (sender, messageId): no look-up first for the many that are new.
        String pseudonym = subjectPseudonym(node.path("payload"));
        String trackingId;
        MessageLedger.NewMessage received = MessageLedger.NewMessage.of(e.messageId(), e.sender(), e.recipient(),
                e.type().wireName(), e.relatesTo(), pseudonym, channel.wireName(), json);
        try {
            trackingId = ledger.recordReceived(received);
        } catch (DuplicateKeyException repeated) {
            return repeat(ledger.findBySenderAndMessageId(e.sender(), e.messageId()).orElseThrow(), json, confirmNow, channel);
        }
        // the intake queue carries the body the ledger stored, compressed once for both
        enqueue(trackingId, e, json, received.packed(), channel);
        if (confirmNow) {
            // The core may have routed it already: the step is recorded once, never after ROUTED.
            ledger.transitionFrom(trackingId, MessageState.RECEIVED, MessageState.QUEUED, "on the intake queue; receipt sent");
        }
        meters.counter("ketenhub.intake.accepted", "channel", channel.wireName(), "type", e.type().wireName(),
                "partner", e.sender()).increment();
        log.debug("accepted {} {} from {} to {} as {} (subject {})", e.type().wireName(), e.messageId(), e.sender(),
                e.recipient(), trackingId, Pseudonymizer.shortForm(pseudonym));
        return new IntakeOutcome.Accepted(trackingId, e.messageId(), false);
    }

    /**
     * A repeat. If the first attempt never reached the intake queue for certain (still RECEIVED), it is queued again:
     * the core is idempotent, so this can only fill a gap, never process twice.
     */
    private IntakeOutcome repeat(MessageRecord earlier, String json, boolean confirmNow, Channel channel) {
        if (earlier.state() == MessageState.RECEIVED) {
            Envelope e;
            try {
                e = mapper.readValue(ledger.body(earlier.trackingId()).orElse(json), Envelope.class);
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("ledger body of " + earlier.trackingId() + " no longer binds", ex);
            }
            enqueue(earlier.trackingId(), e, ledger.body(earlier.trackingId()).orElse(json), null, channel);
            if (confirmNow) {
                ledger.transitionFrom(earlier.trackingId(), MessageState.RECEIVED, MessageState.QUEUED,
                        "queued again on a repeat submission");
            }
        }
        meters.counter("ketenhub.intake.repeated", "channel", channel.wireName()).increment();
        log.info("repeat of {} from {}: answered with {}", earlier.messageId(), earlier.sender(), earlier.trackingId());
        return new IntakeOutcome.Accepted(earlier.trackingId(), earlier.messageId(), true);
    }

    private void enqueue(String trackingId, Envelope e, String json, byte[] packed, Channel channel) {
        intakeQueue.put(trackingId, e.messageId(), e.sender(), e.recipient(), e.type().wireName(), channel.wireName(), json,
                packed);
    }

    private String subjectPseudonym(JsonNode payload) {
        JsonNode student = payload.path("student");
        if (!student.isObject()) {
            return null;
        }
        String bsn = student.path("bsn").isTextual() ? student.get("bsn").asText() : null;
        String onr = student.path("onderwijsnummer").isTextual() ? student.get("onderwijsnummer").asText() : null;
        return bsn == null && onr == null ? null : pseudonymizer.pseudonym(bsn, onr);
    }

    private IntakeOutcome.Rejected reject(Channel channel, String sender, byte[] body, IntakeOutcome.Rejected r) {
        meters.counter("ketenhub.intake.rejected", "channel", channel.wireName(), "problem", r.type()).increment();
        log.warn("refused a message via {} from {} (messageId {}): {} {}", channel.wireName(), sender == null ? "-" : sender,
                r.messageId() == null ? "-" : r.messageId(), r.status().value(), r.type());
        rejections.record(channel.wireName(), sender, r, body);
        return r;
    }
}
