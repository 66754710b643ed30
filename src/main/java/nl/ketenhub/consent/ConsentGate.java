package nl.ketenhub.consent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.canonical.StudentId;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.delivery.CategoryDecision;
import nl.ketenhub.delivery.ForwardingGate;
import nl.ketenhub.delivery.GateDecision;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.TransferKind;
import nl.ketenhub.pseudonym.Pseudonymizer;
import org.springframework.stereotype.Component;

/**
 * Decides, at the moment of forwarding, what of a message may reach its recipient: per dossier category the
 * policy's legal basis, a valid consent (a parent's or guardian's under the age of consent), or never; and for a
 * gemeente only identity, schools, status and dates.
 */
@Component
public class ConsentGate {

    /** What a gemeente never receives of the non-dossier messages (data minimisation for its legal task). */
    private static final Map<MessageType, Set<String>> GEMEENTE_REMOVES = Map.of(
            MessageType.APPLICATION_STATUS, Set.of("programme", "reason"),
            MessageType.ENROLMENT_NOTICE, Set.of("programme", "reason"),
            MessageType.EXPECTED_TRANSFER, Set.of());

    private final ConsentPolicy policy;
    private final ConsentLookup lookup;
    private final Pseudonymizer pseudonymizer;
    private final ObjectMapper mapper;

    public ConsentGate(ConsentPolicy policy, ConsentLookup lookup, Pseudonymizer pseudonymizer, ObjectMapper mapper) {
        this.policy = policy;
        this.lookup = lookup;
        this.pseudonymizer = pseudonymizer;
        this.mapper = mapper;
    }

    public ConsentPolicy policy() {
        return policy;
    }

    /** The decision for one envelope to one recipient, on one day. */
    public GateDecision decide(Envelope envelope, nl.ketenhub.partner.PartnerKind senderKind, Partner recipient, LocalDate on) {
        if (envelope.type().isAbsence()) {
            return decideAbsence();
        }
        TransferKind kind = TransferKind.of(senderKind, recipient.kind());
        if (envelope.type() != MessageType.TRANSFER_DOSSIER) {
            return new GateDecision(kind, policy.version(), List.of());
        }
        return decide(DossierFacts.of(envelope.payload()), envelope.sender(), kind, recipient, on);
    }

    /** The decision for the sections of a dossier sent by {@code sender} (a consent it recorded releases them). */
    public GateDecision decide(TransferDossier dossier, String sender, TransferKind kind, Partner recipient, LocalDate on) {
        java.util.EnumSet<DataCategory> present = java.util.EnumSet.noneOf(DataCategory.class);
        dossier.sections().forEach(section -> present.add(section.category()));
        java.util.EnumSet<DataCategory> optional = java.util.EnumSet.noneOf(DataCategory.class);
        if (dossier.source() != null && dossier.source().optionalCategories() != null) {
            optional.addAll(dossier.source().optionalCategories());
        }
        return decide(new DossierFacts(dossier.student().id(), dossier.student().birthDate(), present, optional), sender, kind,
                recipient, on);
    }

    private GateDecision decide(DossierFacts dossier, String sender, TransferKind kind, Partner recipient, LocalDate on) {
        String subject = pseudonymizer.pseudonym(dossier.student());
        boolean parentRequired = isUnderAgeOfConsent(dossier.birthDate(), on);
        ConsentLookup lookup = this.lookup.forDecision(subject);
        List<CategoryDecision> decisions = new ArrayList<>();
        for (DataCategory category : dossier.sections()) {
            Basis basis = policy.basis(kind, category);
            // what the sending school marked optional never travels on a legal basis the hub assumed
            boolean optionalAtSource = basis == Basis.LEGAL_BASIS && dossier.optional().contains(category);
            decisions.add(switch (optionalAtSource ? Basis.CONSENT : basis) {
                case LEGAL_BASIS -> CategoryDecision.forward(category, "legal-basis", null);
                case NEVER -> CategoryDecision.drop(category, "never");
                case CONSENT -> {
                    Optional<Long> consent = lookup.find(subject, category, recipient, on, parentRequired, sender);
                    if (consent.isPresent()) {
                        yield CategoryDecision.forward(category, "consent", consent.get());
                    }
                    boolean studentConsented = parentRequired
                            && lookup.find(subject, category, recipient, on, false, sender).isPresent();
                    yield CategoryDecision.hold(category, studentConsented ? "age-rule"
                            : optionalAtSource ? "optional-at-source" : "awaiting-consent");
                }
            });
        }
        return new GateDecision(kind, policy.version(), decisions);
    }

    /**
     * An absence message carries the student's identity and the absence (attendance), each under the policy's
     * {@code absence} rules: legal basis or never (the loader allows nothing else), never waiting for consent.
     */
    private GateDecision decideAbsence() {
        List<CategoryDecision> decisions = new ArrayList<>();
        for (DataCategory category : List.of(DataCategory.IDENTITY, DataCategory.ATTENDANCE)) {
            decisions.add(policy.basis(TransferKind.ABSENCE, category) == Basis.LEGAL_BASIS
                    ? CategoryDecision.forward(category, "legal-basis", null)
                    : CategoryDecision.drop(category, "never"));
        }
        return new GateDecision(TransferKind.ABSENCE, policy.version(), decisions);
    }

    /**
     * The members an absence message may carry, by type (the student reference is identity, everything else
     * attendance). Anything else is left out, whatever reached the gate.
     */
    private static final Map<MessageType, List<String>> ABSENCE_MEMBERS = Map.of(
            MessageType.ABSENCE_REPORT, List.of("kind", "function", "period", "hoursMissed", "lessonsMissed", "school",
                    "schoolYear", "actionsTaken", "contact", "note"),
            MessageType.ABSENCE_FOLLOW_UP, List.of("status", "statusDate", "code", "note"),
            MessageType.ABSENCE_WITHDRAWAL, List.of("withdrawnOn", "reason"));

    private Envelope applyAbsence(Envelope envelope, GateDecision decision) {
        ObjectNode payload = mapper.createObjectNode();
        ObjectNode in = envelope.payload();
        if (decision.forwarded().contains(DataCategory.IDENTITY) && in.path("student").isObject()) {
            payload.set("student", in.get("student"));
        }
        if (decision.forwarded().contains(DataCategory.ATTENDANCE)) {
            for (String member : ABSENCE_MEMBERS.get(envelope.type())) {
                if (in.has(member)) {
                    payload.set(member, in.get(member));
                }
            }
        }
        return envelope.withPayload(payload);
    }

    /** Whether the student is younger than the age of consent on the given day (a birthday counts as reached). */
    public boolean isUnderAgeOfConsent(LocalDate birthDate, LocalDate on) {
        return Period.between(birthDate, on).getYears() < policy.ageOfConsent();
    }

    /** {@link #decide} and {@link #apply} in one step. */
    public ForwardingGate.Passage pass(Envelope envelope, nl.ketenhub.partner.PartnerKind senderKind, Partner recipient, LocalDate on) {
        GateDecision decision = decide(envelope, senderKind, recipient, on);
        return new ForwardingGate.Passage(decision, apply(envelope, decision));
    }

    /**
     * The envelope as the recipient may see it under the decision. A dossier's sections are left out on the JSON
     * tree itself (sections not forwarded are not copied; the forwarded ones are shared, never changed), so no
     * dossier is bound to the model and written back on this path.
     */
    public Envelope apply(Envelope envelope, GateDecision decision) {
        if (envelope.type().isAbsence()) {
            return applyAbsence(envelope, decision);
        }
        if (envelope.type() == MessageType.TRANSFER_DOSSIER) {
            java.util.Set<String> leftOut = new java.util.HashSet<>();
            ObjectNode payload = mapper.createObjectNode();
            ArrayNode withheld = mapper.createArrayNode();
            for (CategoryDecision c : decision.categories()) {
                if (c.outcome() != CategoryDecision.Outcome.FORWARD) {
                    leftOut.add(TransferDossier.SECTION_MEMBERS.get(c.category()));
                    withheld.addObject().put("category", c.category().wireName())
                            .put("reason", c.outcome() == CategoryDecision.Outcome.DROP ? "never" : "awaiting-consent");
                }
            }
            envelope.payload().fields().forEachRemaining(member -> {
                if (!leftOut.contains(member.getKey()) && !member.getKey().equals("withheld")) {
                    payload.set(member.getKey(), member.getValue());
                }
            });
            if (!withheld.isEmpty()) {
                payload.set("withheld", withheld);
            }
            return envelope.withPayload(payload);
        }
        if (decision.transferKind() == TransferKind.TO_GEMEENTE) {
            return envelope.withPayload(minimiseForGemeente(envelope.type(), envelope.payload().deepCopy()));
        }
        return envelope;
    }

    /**
     * A supplement as the recipient may see it: the gate's own notes on what it left out, and the supplement's notes
     * on the dossier's categories it never carried (delivered separately or still held), which the gate cannot know.
     */
    public Envelope keepSupplementNotes(Envelope forwarded, Envelope supplement) {
        if (forwarded.type() != MessageType.TRANSFER_DOSSIER || !supplement.payload().path("withheld").isArray()) {
            return forwarded;
        }
        ObjectNode payload = forwarded.payload().deepCopy();
        ArrayNode withheld = payload.has("withheld") ? (ArrayNode) payload.get("withheld") : payload.putArray("withheld");
        Set<String> listed = new java.util.HashSet<>();
        withheld.forEach(w -> listed.add(w.path("category").asText()));
        for (var note : supplement.payload().get("withheld")) {
            String category = note.path("category").asText();
            if (!listed.contains(category) && !payload.has(TransferDossier.SECTION_MEMBERS.get(DataCategory.fromWireName(category)))) {
                withheld.add(note.deepCopy());
            }
        }
        if (withheld.isEmpty()) {
            payload.remove("withheld");
        }
        return forwarded.withPayload(payload);
    }

    /** What the gate needs of a dossier: whose it is, their age, and which sections it carries. */
    private record DossierFacts(StudentId student, LocalDate birthDate, java.util.Set<DataCategory> sections,
            java.util.Set<DataCategory> optional) {

        static DossierFacts of(ObjectNode payload) {
            var student = payload.path("student");
            java.util.EnumSet<DataCategory> present = java.util.EnumSet.noneOf(DataCategory.class);
            TransferDossier.SECTION_MEMBERS.forEach((category, member) -> {
                if (payload.path(member).isObject()) {
                    present.add(category);
                }
            });
            java.util.EnumSet<DataCategory> optional = java.util.EnumSet.noneOf(DataCategory.class);
            payload.path("source").path("optionalCategories").forEach(c -> optional.add(DataCategory.fromWireName(c.asText())));
            return new DossierFacts(StudentId.of(student.path("bsn").isTextual() ? student.get("bsn").asText() : null,
                    student.path("onderwijsnummer").isTextual() ? student.get("onderwijsnummer").asText() : null),
                    LocalDate.parse(student.path("birthDate").asText()), present, optional);
        }
    }

    private static ObjectNode minimiseForGemeente(MessageType type, ObjectNode payload) {
        GEMEENTE_REMOVES.getOrDefault(type, Set.of()).forEach(payload::remove);
        if (type == MessageType.EXPECTED_TRANSFER && payload.path("leavers").isArray()) {
            for (var leaver : (ArrayNode) payload.get("leavers")) {
                ((ObjectNode) leaver).remove("programme");
            }
        }
        return payload;
    }
}
