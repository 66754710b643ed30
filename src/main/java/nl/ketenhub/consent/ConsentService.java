package nl.ketenhub.consent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import nl.ketenhub.audit.AuditLog;
import nl.ketenhub.canonical.CanonicalValidator;
import nl.ketenhub.canonical.ConsentPayload;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.pseudonym.Pseudonymizer;
import nl.ketenhub.security.SpeakingAuthority;
import nl.ketenhub.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Records and withdraws consents, from the API, from consent messages and from OSO inzage evidence. */
@Service
public class ConsentService {

    public static final String SOURCE_API = "api";
    public static final String SOURCE_MESSAGE = "message";
    public static final String SOURCE_OSO_INZAGE = "oso-inzage";
    public static final String SOURCE_ADMIN = "admin";

    private static final Logger log = LoggerFactory.getLogger(ConsentService.class);

    private final ConsentRegistry registry;
    private final ConsentEnforcement enforcement;
    private final CanonicalValidator validator;
    private final Pseudonymizer pseudonymizer;
    private final PartnerService partners;
    private final ObjectMapper mapper;
    private final AuditLog audit;
    private final Clock clock;
    private final SpeakingAuthority authority;

    public ConsentService(ConsentRegistry registry, ConsentEnforcement enforcement, CanonicalValidator validator,
            Pseudonymizer pseudonymizer, PartnerService partners, ObjectMapper mapper, AuditLog audit, Clock clock,
            SpeakingAuthority authority) {
        this.authority = authority;
        this.registry = registry;
        this.enforcement = enforcement;
        this.validator = validator;
        this.pseudonymizer = pseudonymizer;
        this.partners = partners;
        this.mapper = mapper;
        this.audit = audit;
        this.clock = clock;
    }

    /** Validates a consent payload against schemas/canonical/v1/consent.schema.json; 400 with every violation. */
    public ConsentPayload parse(JsonNode payload) {
        List<Violation> violations = validator.validatePayload(MessageType.CONSENT, payload);
        if (!violations.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "schema-violation", "Consent does not match the canonical schema",
                    violations.size() + " violation(s) of schemas/canonical/v1/consent.schema.json", violations);
        }
        try {
            return mapper.treeToValue(payload, ConsentPayload.class);
        } catch (JsonProcessingException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "schema-violation", "Consent does not bind", e.getOriginalMessage());
        }
    }

    /**
     * Records a consent and releases whatever it now allows; idempotent per (source, sourceRef). A partner (API or
     * consent message) may do so only for a student it sent a dossier or an expected-transfer report for; an
     * admin's entry carries a reason; a dossier's inzage block speaks for the dossier's sender.
     */
    public ConsentRecord record(ConsentPayload c, String source, String sourceRef, String recordedBy, String reason) {
        String subject = pseudonymizer.pseudonym(c.student().id());
        if (SOURCE_API.equals(source) || SOURCE_MESSAGE.equals(source)) {
            authority.mayActOnConsent(recordedBy, subject).ifPresent(r -> {
                throw new ProblemException(r.status(), r.type(), r.title(), r.detail(), r.violations());
            });
        }
        if (c.recipient().oin() != null && partners.find(c.recipient().oin()).isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-recipient", "Consent names an unknown partner",
                    "no partner with OIN " + c.recipient().oin() + " is registered",
                    List.of(new Violation("/recipient/oin", "no such partner")));
        }
        EnumSet<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        categories.addAll(c.categories());
        ConsentRecord record = registry.record(new ConsentRegistry.NewConsent(subject, c.givenBy(), categories,
                c.recipient().oin(), c.recipient().kind() == null ? null : PartnerKind.valueOf(c.recipient().kind()),
                c.validFrom(), c.validUntil(), source, sourceRef, recordedBy, reason));
        if (SOURCE_ADMIN.equals(source)) {
            audit.record("consent.record", String.valueOf(record.id()), "admin entry: " + reason);
        }
        int released = enforcement.releaseFor(subject);
        log.info("consent {} recorded for subject {} ({} from {}); {} supplement(s) released", record.id(),
                Pseudonymizer.shortForm(subject), source, recordedBy, released);
        return record;
    }

    /** Withdraws a consent at once and tells every earlier recipient. */
    public ConsentRecord withdraw(long id, String by, String reason, String onlyIfRecordedBy) {
        ConsentRecord consent = registry.find(id).orElseThrow(() -> ProblemException.notFound("consent " + id));
        if (onlyIfRecordedBy != null && !onlyIfRecordedBy.equals(consent.recordedBy())) {
            throw ProblemException.notFound("consent " + id);
        }
        if (onlyIfRecordedBy != null) {
            authority.mayActOnConsent(onlyIfRecordedBy, consent.subjectPseudonym()).ifPresent(r -> {
                throw new ProblemException(r.status(), r.type(), r.title(), r.detail(), r.violations());
            });
        }
        if (!registry.withdraw(id, by, reason)) {
            throw new ProblemException(HttpStatus.CONFLICT, "already-withdrawn", "Consent already withdrawn",
                    "consent " + id + " was withdrawn at " + consent.withdrawnAt());
        }
        ConsentRecord withdrawn = registry.get(id);
        int told = enforcement.withdrawn(withdrawn);
        if (onlyIfRecordedBy == null) {
            audit.record("consent.withdraw", String.valueOf(id), reason);
        }
        log.info("consent {} withdrawn by {}; {} earlier recipient(s) notified", id, by, told);
        return withdrawn;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
