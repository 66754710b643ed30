package nl.ketenhub.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import nl.ketenhub.audit.AuditLog;
import nl.ketenhub.canonical.ConsentPayload;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.Identifiers;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.pseudonym.Pseudonymizer;
import nl.ketenhub.security.PartnerAuthentication;
import nl.ketenhub.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The consent API: VO schools (and admins) record, look up and withdraw consents. A student is looked up by BSN or
 * onderwijsnummer in a request body, never in a URL; answers name the student only by pseudonym.
 */
@RestController
@RequestMapping("/api/v1/consents")
@Tag(name = "Consents", description = "Record, look up and withdraw consent (VO partners, admins)")
public class ConsentController {

    /** A consent as the API shows it: the student as a short pseudonym, and whether it holds today. */
    public record ConsentView(
            long id,
            String subject,
            String givenBy,
            Set<DataCategory> categories,
            String recipientOin,
            PartnerKind recipientKind,
            LocalDate validFrom,
            LocalDate validUntil,
            String status,
            String source,
            String recordedBy,
            String reason,
            Instant createdAt,
            Instant withdrawnAt,
            String withdrawnBy,
            String withdrawalReason) {

        static ConsentView of(ConsentRecord c, LocalDate today) {
            String status = c.statusOn(today);
            return new ConsentView(c.id(), Pseudonymizer.shortForm(c.subjectPseudonym()), c.givenBy(), c.categories(),
                    c.recipientOin(), c.recipientKind(), c.validFrom(), c.validUntil(), status == null ? "active" : status,
                    c.source(), c.recordedBy(), c.reason(), c.createdAt(), c.withdrawnAt(), c.withdrawnBy(),
                    c.withdrawalReason());
        }
    }

    /** Whose consents to look up. */
    public record StudentLookup(String bsn, String onderwijsnummer) {}

    /** Why a consent is withdrawn. */
    public record Withdrawal(String reason) {}

    private final ConsentService consents;
    private final ConsentRegistry registry;
    private final Pseudonymizer pseudonymizer;

    public ConsentController(ConsentService consents, ConsentRegistry registry, Pseudonymizer pseudonymizer) {
        this.consents = consents;
        this.registry = registry;
        this.pseudonymizer = pseudonymizer;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a consent (the payload of a canonical consent message); admins add a 'reason'",
            description = "Held dossier categories that the consent now allows are released at once to their recipient "
                    + "as one supplement.")
    public ConsentView record(@RequestBody JsonNode body, Authentication auth) {
        String reason = null;
        if (body instanceof ObjectNode object && object.has("reason")) {
            reason = object.get("reason").asText();
            object.remove("reason");
        }
        ConsentPayload payload = consents.parse(body);
        ConsentRecord record;
        if (auth instanceof PartnerAuthentication partner) {
            record = consents.record(payload, ConsentService.SOURCE_API, null, partner.partner().oin(), reason);
        } else {
            if (reason == null || reason.isBlank()) {
                throw new ProblemException(HttpStatus.BAD_REQUEST, "reason-required", "An admin entry needs a reason",
                        "add a 'reason' saying where this consent comes from", List.of(new Violation("/reason", "required for admin entries")));
            }
            record = consents.record(payload, ConsentService.SOURCE_ADMIN, null, AuditLog.currentActor(), reason);
        }
        return ConsentView.of(record, consents.today());
    }

    @PostMapping("/lookup")
    @Operation(summary = "The consents of one student (BSN or onderwijsnummer in the body); partners see those they recorded")
    public List<ConsentView> lookup(@RequestBody StudentLookup student, Authentication auth) {
        if (student.bsn() != null) {
            Identifiers.checkBsn(student.bsn()).ifPresent(m -> {
                throw invalidStudent("/bsn", m);
            });
        } else if (student.onderwijsnummer() != null) {
            Identifiers.checkOnderwijsnummer(student.onderwijsnummer()).ifPresent(m -> {
                throw invalidStudent("/onderwijsnummer", m);
            });
        } else {
            throw invalidStudent("", "give a bsn or an onderwijsnummer");
        }
        String subject = pseudonymizer.pseudonym(student.bsn(), student.onderwijsnummer());
        return registry.forSubject(subject).stream()
                .filter(c -> visible(c, auth))
                .map(c -> ConsentView.of(c, consents.today()))
                .toList();
    }

    @GetMapping
    @Operation(summary = "Recent consents (partners: those they recorded), optionally for one pseudonymous subject")
    public List<ConsentView> list(@RequestParam(required = false) String subject,
            @RequestParam(defaultValue = "100") int limit, Authentication auth) {
        int n = Math.min(Math.max(limit, 1), 1000);
        List<ConsentRecord> records;
        if (subject != null && !subject.isBlank()) {
            records = registry.forSubject(subject);
        } else if (auth instanceof PartnerAuthentication partner) {
            records = registry.recordedBy(partner.partner().oin(), n);
        } else {
            records = registry.latest(n);
        }
        return records.stream().filter(c -> visible(c, auth)).limit(n).map(c -> ConsentView.of(c, consents.today())).toList();
    }

    @PostMapping("/{id}/withdraw")
    @Operation(summary = "Withdraw a consent: stops all further forwarding under it at once, queued deliveries included, "
            + "and tells every partner that received data under it")
    public ConsentView withdraw(@PathVariable long id, @RequestBody(required = false) Withdrawal withdrawal,
            Authentication auth) {
        String reason = withdrawal == null ? null : withdrawal.reason();
        String onlyIfRecordedBy = auth instanceof PartnerAuthentication p ? p.partner().oin() : null;
        String by = auth instanceof PartnerAuthentication p ? p.partner().oin() : AuditLog.currentActor();
        return ConsentView.of(consents.withdraw(id, by, reason, onlyIfRecordedBy), consents.today());
    }

    private static boolean visible(ConsentRecord c, Authentication auth) {
        return !(auth instanceof PartnerAuthentication p) || p.partner().oin().equals(c.recordedBy());
    }

    private static ProblemException invalidStudent(String pointer, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-identifier", "Student identifier is not valid",
                message, List.of(new Violation(pointer, message)));
    }
}
