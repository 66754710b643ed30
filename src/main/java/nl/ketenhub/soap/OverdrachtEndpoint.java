package nl.ketenhub.soap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jws.WebService;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.ketenhub.audit.IntakeRejections;
import nl.ketenhub.canonical.School;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.consent.InzageConsentObserver;
import nl.ketenhub.intake.IntakeService;
import nl.ketenhub.oso.OsoToCanonical;
import nl.ketenhub.oso.xml.Dossier;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.soap.xml.Acknowledgement;
import nl.ketenhub.soap.xml.ApplicationStatus;
import nl.ketenhub.soap.xml.CanonicalEnvelope;
import nl.ketenhub.soap.xml.Receipt;
import nl.ketenhub.soap.xml.ReceiptNote;
import nl.ketenhub.web.IntakeOutcome;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.JAXWSAConstants;
import org.springframework.http.HttpStatus;

/**
 * The SOAP edge at /ws/overdracht: reads the WS-Addressing headers (wsa:From ?oin= is the sender and must be the
 * authenticated partner, wsa:To ?oin= the recipient, wsa:MessageID the messageId), maps the body to a canonical
 * envelope and hands it to the intake. It answers at once: a receipt once the message is durable, or a fault.
 */
@WebService(endpointInterface = "nl.ketenhub.soap.Overdracht", serviceName = "OverdrachtService",
        portName = "OverdrachtPort", targetNamespace = Overdracht.NS, wsdlLocation = SoapEdgeConfig.WSDL)
public class OverdrachtEndpoint implements Overdracht {

    private static final Map<String, String> POINTERS = Map.of(
            "/messageId", "/Envelope/Header/MessageID",
            "/sender", "/Envelope/Header/From",
            "/recipient", "/Envelope/Header/To",
            "/payload/student/bsn", "/dossier/huidigeschool/leerling/bsn",
            "/payload/student/onderwijsnummer", "/dossier/huidigeschool/leerling/onderwijsnummer",
            "/payload/student/birthDate", "/dossier/huidigeschool/leerling/geboortedatum",
            "/payload/student", "/dossier/huidigeschool/leerling",
            "/payload/school/brin", "/dossier/huidigeschool/brincode");

    private static final nl.ketenhub.intake.EnvelopeReader ENVELOPES = new nl.ketenhub.intake.EnvelopeReader();

    private final IntakeService intake;
    private final IntakeRejections rejections;
    private final PartnerService partners;
    private final OsoToCanonical toCanonical;
    private final ObjectMapper mapper;
    private final Clock clock;

    public OverdrachtEndpoint(IntakeService intake, IntakeRejections rejections, PartnerService partners,
            OsoToCanonical toCanonical, ObjectMapper mapper, Clock clock) {
        this.intake = intake;
        this.rejections = rejections;
        this.partners = partners;
        this.toCanonical = toCanonical;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public Receipt submitDossier(Dossier dossier) {
        Call call = call();
        OsoToCanonical.Mapped mapped = toCanonical.mapAll(dossier, call.from());
        TransferDossier canonical = mapped.dossier();
        School receiving = partners.find(call.to()).filter(p -> p.brin() != null)
                .map(p -> new School(p.brin(), null, p.name(), p.oin())).orElse(null);
        canonical = new TransferDossier(canonical.schoolYear(), canonical.school(), receiving, canonical.programme(),
                canonical.source(), canonical.consentEvidence(), canonical.student(), canonical.schoolCareer(),
                canonical.results(), canonical.transferAdvice(), canonical.supportNeeds(), canonical.attendance(),
                canonical.parentsGuardians(), canonical.attachments(), null, canonical.schoolDetails(),
                canonical.testResults(), canonical.earlyChildhood(), canonical.gradeLists(), canonical.primaryFinalTest(),
                canonical.actionPlans());
        ObjectNode envelope = envelope(call, "transfer-dossier", null, mapper.valueToTree(canonical));
        if (!mapped.problems().isEmpty()) {
            // every problem in one fault: what the mapping found and what the canonical schema finds besides
            List<Violation> all = new ArrayList<>(mapped.problems());
            Set<String> seen = new HashSet<>();
            all.forEach(v -> seen.add(v.pointer()));
            for (Violation v : intake.violations(envelope)) {
                Violation t = new Violation(translate(v.pointer(), "/dossier"), v.message());
                if (seen.add(t.pointer() + "|" + t.message()) && !seen.contains(t.pointer())) {
                    all.add(t);
                }
            }
            throw refuse(call, new IntakeOutcome.Rejected(HttpStatus.UNPROCESSABLE_ENTITY, "dossier-incomplete",
                    "Dossier lacks what the hub needs", all.size() + " problem(s) with the OSO dossier: "
                            + all.get(0).pointer() + ": " + all.get(0).message(), all, call.messageId()));
        }
        IntakeOutcome outcome = intake.submit(Channel.SOAP, call.partner(), envelope, write(envelope), call.raw(), true);
        Receipt receipt = answer(call, outcome, "/dossier");
        List<OsoToCanonical.Note> notes = new ArrayList<>(mapped.notes());
        TransferDossier.ConsentEvidence evidence = canonical.consentEvidence();
        if (evidence != null && "yes".equals(evidence.consentToTransfer()) && evidence.seenOn() != null
                && evidence.seenOn().plus(InzageConsentObserver.VALIDITY).isBefore(LocalDate.now(clock))) {
            // the ledger's note (recorded when the consent is) names the categories the policy holds
            String note = InzageConsentObserver.expiredNote(evidence.seenOn(), evidence.seenOn().plus(InzageConsentObserver.VALIDITY));
            receipt.getNote().add(receiptNote(note.substring(0, note.indexOf(':')), "/dossier/inzage/inzagedatum",
                    note.substring(note.indexOf(':') + 2) + ": the categories released only under consent are held"
                            + " until a current consent is registered"));
        }
        for (OsoToCanonical.Note n : notes) {
            if (!receipt.isRepeat()) {
                intake.note(receipt.getTrackingId(), n.code(), n.pointer(), n.detail());
            }
            receipt.getNote().add(receiptNote(n.code(), n.pointer(), n.detail()));
        }
        return receipt;
    }

    private static ReceiptNote receiptNote(String code, String element, String detail) {
        ReceiptNote note = new ReceiptNote();
        note.setCode(code);
        note.setElement(element);
        note.setDetail(detail);
        return note;
    }

    @Override
    public Receipt submitApplicationStatus(ApplicationStatus status) {
        Call call = call();
        ObjectNode payload = mapper.valueToTree(status);
        payload.put("status", status.getStatus().value());
        if (status.getStudent().isHasStartkwalificatie() != null) {
            ((ObjectNode) payload.get("student")).put("hasStartkwalificatie", status.getStudent().isHasStartkwalificatie());
        }
        return submit(call, "application-status", null, payload, "/applicationStatus");
    }

    @Override
    public Receipt submitAcknowledgement(Acknowledgement ack) {
        Call call = call();
        ObjectNode payload = mapper.createObjectNode();
        payload.put("result", ack.getResult());
        if (ack.getReason() != null) {
            payload.put("reason", ack.getReason());
        }
        if (ack.getReasonCode() != null) {
            payload.put("reasonCode", ack.getReasonCode());
        }
        return submit(call, "acknowledgement", ack.getRelatesTo(), payload, "/acknowledgement");
    }

    @Override
    public Receipt submitCanonicalEnvelope(CanonicalEnvelope envelope) {
        Call call = call();
        JsonNode node;
        try {
            String value = envelope.getValue() == null ? "" : envelope.getValue();
            node = ENVELOPES.read(value.getBytes(StandardCharsets.UTF_8)).node();
        } catch (nl.ketenhub.intake.EnvelopeReader.Refused e) {
            throw refuse(call, new IntakeOutcome.Rejected(HttpStatus.BAD_REQUEST, "invalid-json",
                    "Message is not well-formed JSON", e.getMessage(),
                    List.of(new Violation("/canonicalEnvelope", e.getMessage())), call.messageId()));
        }
        if (!node.isObject() || !call.from().equals(node.path("sender").asText()) || !call.to().equals(node.path("recipient").asText())
                || !envelope.getType().equals(node.path("type").asText())) {
            throw refuse(call, new IntakeOutcome.Rejected(HttpStatus.BAD_REQUEST, "addressing-mismatch",
                    "Envelope does not match the addressing headers",
                    "the canonical envelope's sender, recipient and type must be those of wsa:From, wsa:To and the type attribute",
                    List.of(new Violation("/canonicalEnvelope", "sender, recipient or type differ from the headers")),
                    call.messageId()));
        }
        ObjectNode e = (ObjectNode) node;
        e.put("messageId", call.messageId());
        return answer(call, intake.submit(Channel.SOAP, call.partner(), e, write(e), call.raw(), true), "/canonicalEnvelope");
    }

    // ----- the common path -----

    private Receipt submit(Call call, String type, String relatesTo, ObjectNode payload, String payloadPath) {
        ObjectNode envelope = envelope(call, type, relatesTo, payload);
        return answer(call, intake.submit(Channel.SOAP, call.partner(), envelope, write(envelope), call.raw(), true), payloadPath);
    }

    private ObjectNode envelope(Call call, String type, String relatesTo, ObjectNode payload) {
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("messageId", call.messageId());
        envelope.put("type", type);
        envelope.put("sender", call.from());
        envelope.put("recipient", call.to());
        envelope.put("sentAt", clock.instant().toString());
        if (relatesTo != null) {
            envelope.put("relatesTo", relatesTo);
        }
        envelope.set("payload", payload);
        return envelope;
    }

    private Receipt answer(Call call, IntakeOutcome outcome, String payloadPath) {
        if (outcome instanceof IntakeOutcome.Accepted a) {
            Receipt r = new Receipt();
            r.setTrackingId(a.trackingId());
            r.setMessageId(a.messageId());
            r.setRepeat(a.repeat());
            return r;
        }
        IntakeOutcome.Rejected r = (IntakeOutcome.Rejected) outcome;
        List<Violation> translated = new ArrayList<>();
        for (Violation v : r.violations()) {
            translated.add(new Violation(translate(v.pointer(), payloadPath), v.message()));
        }
        throw SoapFaults.of(r.type(), r.status().value(), r.title(), r.detail(), translated, r.messageId());
    }

    /** A canonical JSON pointer as the SOAP sender knows the place: a header, an OSO element, or the payload path. */
    static String translate(String pointer, String payloadPath) {
        String known = POINTERS.get(pointer);
        if (known != null && (pointer.startsWith("/payload/student") || pointer.startsWith("/payload/school"))
                && !payloadPath.equals("/dossier")) {
            known = null;
        }
        if (known != null) {
            return known;
        }
        if (pointer.startsWith("/payload") && !payloadPath.equals("/dossier")) {
            return payloadPath + pointer.substring("/payload".length());
        }
        return pointer.startsWith("/payload") ? "canonical:" + pointer : pointer;
    }

    private RuntimeException refuse(Call call, IntakeOutcome.Rejected r) {
        rejections.record(Channel.SOAP.wireName(), call.partner() == null ? null : call.partner().oin(), r, call.raw());
        return SoapFaults.of(r);
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One SOAP call: who sent it and the addressing headers it carried. */
    private record Call(Partner partner, String messageId, String from, String to, byte[] raw) {}

    private Call call() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        Partner partner = SoapCaller.partner();
        byte[] raw = (byte[]) message.getExchange().getInMessage().get(XmlGuardInterceptor.RAW);
        AddressingProperties maps = (AddressingProperties) message.get(JAXWSAConstants.ADDRESSING_PROPERTIES_INBOUND);
        List<Violation> missing = new ArrayList<>();
        String messageId = maps == null || maps.getMessageID() == null ? null : maps.getMessageID().getValue();
        String from = maps == null || maps.getFrom() == null || maps.getFrom().getAddress() == null ? null
                : oin(maps.getFrom().getAddress().getValue());
        String to = maps == null || maps.getTo() == null ? null : oin(maps.getTo().getValue());
        if (messageId == null) {
            missing.add(new Violation("/Envelope/Header/MessageID", "wsa:MessageID is required"));
        }
        if (from == null) {
            missing.add(new Violation("/Envelope/Header/From", "wsa:From with an address ending in ?oin=<sender OIN> is required"));
        }
        if (to == null) {
            missing.add(new Violation("/Envelope/Header/To", "wsa:To with ?oin=<recipient OIN> is required"));
        }
        String id = messageId == null ? null : stripUuidPrefix(messageId);
        if (!missing.isEmpty()) {
            IntakeOutcome.Rejected r = new IntakeOutcome.Rejected(HttpStatus.BAD_REQUEST, "addressing-header-missing",
                    "WS-Addressing headers missing", missing.size() + " WS-Addressing header(s) missing or without ?oin=",
                    missing, id);
            rejections.record(Channel.SOAP.wireName(), partner == null ? null : partner.oin(), r, raw);
            throw SoapFaults.of(r);
        }
        return new Call(partner, id, from, to, raw == null ? new byte[0] : raw);
    }

    static String stripUuidPrefix(String messageId) {
        return messageId.regionMatches(true, 0, "urn:uuid:", 0, 9) ? messageId.substring(9) : messageId;
    }

    /** The oin query parameter of an address (https://host/path?oin=00000001...). */
    static String oin(String address) {
        try {
            String query = URI.create(address.trim()).getRawQuery();
            if (query == null) {
                return null;
            }
            for (String part : query.split("&")) {
                if (part.startsWith("oin=") && part.length() > 4) {
                    return java.net.URLDecoder.decode(part.substring(4), StandardCharsets.UTF_8);
                }
            }
            return null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
