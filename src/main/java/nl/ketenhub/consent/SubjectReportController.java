package nl.ketenhub.consent;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.ketenhub.audit.AuditLog;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.Identifiers;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.DeliveryState;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageRecord;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.pseudonym.Pseudonymizer;
import nl.ketenhub.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** For one student: who received which categories of their data, when and why; what was withheld; their consents. */
@RestController
@RequestMapping("/api/v1/subjects")
@Tag(name = "Subjects", description = "Accountability per student (admin)")
public class SubjectReportController {

    /** One category as a recipient received it, and on what ground. */
    public record CategoryGround(DataCategory category, String reason, Long consentId) {}

    /** One delivery the student's data went out in. */
    public record Received(
            String recipient,
            String recipientName,
            String trackingId,
            String messageId,
            String type,
            String deliveryKind,
            Instant deliveredAt,
            String policyVersion,
            List<CategoryGround> categories) {}

    /** A category that did not go (held, never, expired), per delivery. */
    public record NotForwarded(String recipient, String trackingId, DataCategory category, String outcome, String reason,
            Instant at) {}

    /** The whole report. */
    public record SubjectReport(
            String subject,
            Instant generatedAt,
            List<Received> received,
            List<NotForwarded> notForwarded,
            List<HeldPart> heldParts,
            List<ConsentController.ConsentView> consents) {}

    private final Pseudonymizer pseudonymizer;
    private final MessageLedger ledger;
    private final DecisionAudit audit;
    private final HeldParts held;
    private final ConsentRegistry registry;
    private final PartnerService partners;
    private final AuditLog auditLog;
    private final Clock clock;

    public SubjectReportController(Pseudonymizer pseudonymizer, MessageLedger ledger, DecisionAudit audit, HeldParts held,
            ConsentRegistry registry, PartnerService partners, AuditLog auditLog, Clock clock) {
        this.pseudonymizer = pseudonymizer;
        this.ledger = ledger;
        this.audit = audit;
        this.held = held;
        this.registry = registry;
        this.partners = partners;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @PostMapping("/report")
    @Operation(summary = "Who received which categories of one student's data, when and why (BSN or onderwijsnummer in the body)")
    public SubjectReport report(@RequestBody ConsentController.StudentLookup student) {
        String pointer = student.bsn() != null ? "/bsn" : "/onderwijsnummer";
        var problem = student.bsn() != null ? Identifiers.checkBsn(student.bsn())
                : student.onderwijsnummer() != null ? Identifiers.checkOnderwijsnummer(student.onderwijsnummer())
                : java.util.Optional.of("give a bsn or an onderwijsnummer");
        if (problem.isPresent()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-identifier", "Student identifier is not valid",
                    problem.get(), List.of(new Violation(pointer, problem.get())));
        }
        String subject = pseudonymizer.pseudonym(student.bsn(), student.onderwijsnummer());
        auditLog.record("subject.report", Pseudonymizer.shortForm(subject), "subject report requested");
        return build(subject);
    }

    /** The report for a pseudonymous subject. */
    public SubjectReport build(String subject) {
        Map<String, List<DecisionAudit.Row>> decisionsByDelivery = audit.forSubject(subject).stream()
                .collect(Collectors.groupingBy(DecisionAudit.Row::deliveryId));
        List<Received> received = new ArrayList<>();
        List<NotForwarded> notForwarded = new ArrayList<>();
        for (MessageRecord m : ledger.findBySubject(subject)) {
            for (DeliveryRecord d : ledger.deliveries(m.trackingId())) {
                List<DecisionAudit.Row> rows = decisionsByDelivery.getOrDefault(d.id(), List.of());
                rows.stream().filter(r -> !"FORWARD".equals(r.outcome()))
                        .forEach(r -> notForwarded.add(new NotForwarded(r.recipientOin(), r.trackingId(), r.category(),
                                r.outcome(), r.reason(), r.decidedAt())));
                if (d.state() != DeliveryState.DELIVERED) {
                    continue;
                }
                List<CategoryGround> grounds = rows.stream().filter(r -> "FORWARD".equals(r.outcome()))
                        .map(r -> new CategoryGround(r.category(), r.reason(), r.consentId())).toList();
                String type = rows.isEmpty() ? m.type() : rows.get(0).messageType();
                String messageId = rows.isEmpty() ? m.messageId() : rows.get(0).messageId();
                received.add(new Received(d.recipient(), partners.find(d.recipient()).map(Partner::name).orElse(null),
                        m.trackingId(), messageId, type, d.kind().code(), d.deliveredAt(),
                        rows.isEmpty() ? null : rows.get(0).policyVersion(), grounds));
            }
        }
        var today = java.time.LocalDate.now(clock);
        return new SubjectReport(Pseudonymizer.shortForm(subject), clock.instant(), received, notForwarded,
                held.allFor(subject), registry.forSubject(subject).stream()
                        .map(c -> ConsentController.ConsentView.of(c, today)).toList());
    }
}
