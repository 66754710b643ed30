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
import nl.ketenhub.canonical.Section;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.partner.Partner;
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
        TransferKind kind = TransferKind.of(senderKind, recipient.kind());
        if (envelope.type() != MessageType.TRANSFER_DOSSIER) {
            return new GateDecision(kind, policy.version(), List.of());
        }
        TransferDossier dossier = envelope.payloadAs(mapper, TransferDossier.class);
        return decide(dossier, kind, recipient, on);
    }

    /** The decision for the sections of a dossier. */
    public GateDecision decide(TransferDossier dossier, TransferKind kind, Partner recipient, LocalDate on) {
        String subject = pseudonymizer.pseudonym(dossier.student().id());
        boolean parentRequired = isUnderAgeOfConsent(dossier.student().birthDate(), on);
        List<CategoryDecision> decisions = new ArrayList<>();
        for (Section section : dossier.sections()) {
            DataCategory category = section.category();
            decisions.add(switch (policy.basis(kind, category)) {
                case LEGAL_BASIS -> CategoryDecision.forward(category, "legal-basis", null);
                case NEVER -> CategoryDecision.drop(category, "never");
                case CONSENT -> {
                    Optional<Long> consent = lookup.find(subject, category, recipient, on, parentRequired);
                    if (consent.isPresent()) {
                        yield CategoryDecision.forward(category, "consent", consent.get());
                    }
                    boolean studentConsented = parentRequired
                            && lookup.find(subject, category, recipient, on, false).isPresent();
                    yield CategoryDecision.hold(category, studentConsented ? "age-rule" : "awaiting-consent");
                }
            });
        }
        return new GateDecision(kind, policy.version(), decisions);
    }

    /** Whether the student is younger than the age of consent on the given day (a birthday counts as reached). */
    public boolean isUnderAgeOfConsent(LocalDate birthDate, LocalDate on) {
        return Period.between(birthDate, on).getYears() < policy.ageOfConsent();
    }

    /** A decision and the envelope as the recipient may see it under that decision. */
    public record Passage(GateDecision decision, Envelope forwarded) {}

    /**
     * {@link #decide} and {@link #apply} in one step, binding a dossier to the model once instead of twice: the
     * delivery route's path, where a full dossier's binding is a large part of its cost.
     */
    public Passage pass(Envelope envelope, nl.ketenhub.partner.PartnerKind senderKind, Partner recipient, LocalDate on) {
        if (envelope.type() != MessageType.TRANSFER_DOSSIER) {
            GateDecision decision = decide(envelope, senderKind, recipient, on);
            return new Passage(decision, apply(envelope, decision));
        }
        TransferDossier dossier = envelope.payloadAs(mapper, TransferDossier.class);
        GateDecision decision = decide(dossier, TransferKind.of(senderKind, recipient.kind()), recipient, on);
        return new Passage(decision, applyToDossier(envelope, dossier, decision));
    }

    /** The envelope as the recipient may see it under the decision. */
    public Envelope apply(Envelope envelope, GateDecision decision) {
        if (envelope.type() == MessageType.TRANSFER_DOSSIER) {
            return applyToDossier(envelope, envelope.payloadAs(mapper, TransferDossier.class), decision);
        }
        if (decision.transferKind() == TransferKind.TO_GEMEENTE) {
            return envelope.withPayload(minimiseForGemeente(envelope.type(), envelope.payload().deepCopy()));
        }
        return envelope;
    }

    private Envelope applyToDossier(Envelope envelope, TransferDossier dossier, GateDecision decision) {
        List<TransferDossier.Withheld> withheld = new ArrayList<>();
        decision.categories().stream()
                .filter(c -> c.outcome() != CategoryDecision.Outcome.FORWARD)
                .forEach(c -> withheld.add(new TransferDossier.Withheld(c.category(),
                        c.outcome() == CategoryDecision.Outcome.DROP ? "never" : "awaiting-consent")));
        TransferDossier forwarded = dossier.retainOnly(decision.forwarded(), withheld);
        return envelope.withPayload(mapper.valueToTree(forwarded));
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
