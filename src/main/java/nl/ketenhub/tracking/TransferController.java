package nl.ketenhub.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.ketenhub.canonical.Identifiers;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.security.PartnerAuthentication;
import nl.ketenhub.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The query API of the transfer ledger: transfers by VO school, MBO institution, state, overdue and school year; one
 * transfer with its history; counts per state for dashboards. Partners see only the transfers they take part in.
 * Students appear only as their keyed pseudonym.
 */
@RestController
@RequestMapping("/api/v1/transfers")
@Tag(name = "Transfers", description = "VO-to-MBO transfers with their state history")
public class TransferController {

    /** A school in a transfer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SchoolRef(String oin, String brin) {}

    /**
     * One transfer as the API shows it.
     *
     * @param student the student's keyed pseudonym
     * @param heldForConsent dossier categories waiting for consent (the legal-basis part went to the MBO)
     * @param overdue delivered, and not acknowledged by its due date
     * @param rejectionReason the MBO's reason (admins and the two schools only)
     * @param history every transition and fact with its cause (the single-transfer answer only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TransferView(
            String id,
            String student,
            String schoolYear,
            SchoolRef voSchool,
            SchoolRef mbo,
            String state,
            String dossierState,
            String applicationStatus,
            LocalDate statusDate,
            List<String> heldForConsent,
            LocalDate expectedLeavingDate,
            String dossierMessageId,
            Instant dossierReceivedAt,
            Instant forwardedAt,
            Instant deliveredAt,
            LocalDate acknowledgementDue,
            boolean overdue,
            Instant acknowledgedAt,
            Instant rejectedAt,
            String rejectionCode,
            String rejectionReason,
            Instant reminderSentAt,
            LocalDate escalationDue,
            Instant escalatedAt,
            Instant signalledAt,
            String rmcOutcome,
            Instant createdAt,
            Instant updatedAt,
            List<TransferEvent> history) {}

    /** A page of transfers. */
    public record TransferPage(long total, int limit, int offset, List<TransferView> items) {}

    /**
     * Counts for a dashboard, under the same filters as the list.
     *
     * @param byState every state, with zero for those without transfers
     * @param unmatchedStatuses application statuses still waiting for their transfer (admins and viewers only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TransferCounts(long total, Map<String, Long> byState, long overdue, long heldForConsent, long signalled,
            Long unmatchedStatuses) {}

    private final TransferRepository repository;
    private final TransferDeadlines deadlines;

    public TransferController(TransferRepository repository, TransferDeadlines deadlines) {
        this.repository = repository;
        this.deadlines = deadlines;
    }

    @GetMapping
    @Operation(summary = "Transfers, filtered (partners: their own)",
            description = "voSchool and mbo take an OIN or a BRIN; state takes a state name such as delivered or "
                    + "aanmelding-ontvangen; overdue=true lists delivered dossiers past their acknowledgement due date.")
    public TransferPage list(
            @Parameter(description = "OIN or BRIN of the VO school") @RequestParam(required = false) String voSchool,
            @Parameter(description = "OIN or BRIN of the MBO institution") @RequestParam(required = false) String mbo,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) Boolean heldForConsent,
            @RequestParam(required = false) Boolean signalled,
            @RequestParam(required = false) String schoolYear,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset,
            Authentication authentication) {
        List<Violation> violations = new ArrayList<>();
        if (limit < 1 || limit > 500) {
            violations.add(new Violation("/limit", "limit must lie between 1 and 500"));
        }
        if (offset < 0) {
            violations.add(new Violation("/offset", "offset must not be negative"));
        }
        TransferRepository.Filter filter = filter(voSchool, mbo, state, overdue, heldForConsent, signalled, schoolYear,
                authentication, violations);
        boolean showReason = !isViewer(authentication);
        List<TransferView> items = repository.list(filter, limit, offset).stream()
                .map(t -> view(t, filter.today(), showReason, null)).toList();
        return new TransferPage(repository.count(filter), limit, offset, items);
    }

    @GetMapping("/counts")
    @Operation(summary = "Counts per state, overdue, held for consent and signalled (partners: their own)")
    public TransferCounts counts(
            @RequestParam(required = false) String voSchool,
            @RequestParam(required = false) String mbo,
            @RequestParam(required = false) String schoolYear,
            Authentication authentication) {
        TransferRepository.Filter filter = filter(voSchool, mbo, null, null, null, null, schoolYear, authentication,
                new ArrayList<>());
        Map<String, Long> byState = new LinkedHashMap<>();
        repository.countByState(filter).forEach((s, n) -> byState.put(s.wireName(), n));
        long total = byState.values().stream().mapToLong(Long::longValue).sum();
        Long unmatched = authentication instanceof PartnerAuthentication ? null : repository.countPending();
        return new TransferCounts(total, byState, repository.count(filter.withOverdue(true)),
                repository.count(filter.withHeldForConsent(true)), repository.count(filter.withSignalled(true)), unmatched);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One transfer with its full history (partners: their own)")
    public TransferView get(@PathVariable String id, Authentication authentication) {
        Transfer t = repository.find(id).orElseThrow(() -> ProblemException.notFound("transfer " + id));
        if (authentication instanceof PartnerAuthentication pa) {
            String oin = pa.partner().oin();
            if (!oin.equals(t.voOin()) && !oin.equals(t.mboOin())) {
                throw ProblemException.notFound("transfer " + id);
            }
        }
        return view(t, deadlines.today(), !isViewer(authentication), repository.history(id));
    }

    private TransferRepository.Filter filter(String voSchool, String mbo, String state, Boolean overdue,
            Boolean heldForConsent, Boolean signalled, String schoolYear, Authentication authentication,
            List<Violation> violations) {
        TransferState parsedState = null;
        if (state != null && !state.isBlank()) {
            parsedState = TransferState.parse(state).orElse(null);
            if (parsedState == null) {
                violations.add(new Violation("/state", "unknown state '" + state + "'; one of " + Arrays.stream(
                        TransferState.values()).map(TransferState::wireName).collect(Collectors.joining(", "))));
            }
        }
        if (schoolYear != null && !schoolYear.isBlank()) {
            Identifiers.checkSchoolYear(schoolYear).ifPresent(m -> violations.add(new Violation("/schoolYear", m)));
        }
        School vo = school(voSchool, "/voSchool", violations);
        School m = school(mbo, "/mbo", violations);
        if (!violations.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Request is not valid",
                    violations.size() + " violation(s)", violations);
        }
        String partnerOin = authentication instanceof PartnerAuthentication pa ? pa.partner().oin() : null;
        return new TransferRepository.Filter(vo.oin(), vo.brin(), m.oin(), m.brin(), parsedState, overdue, heldForConsent,
                signalled, blankToNull(schoolYear), partnerOin, deadlines.today());
    }

    /** An OIN (20 characters) or a BRIN given as a filter. */
    private record School(String oin, String brin) {}

    private static School school(String value, String pointer, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            return new School(null, null);
        }
        if (value.length() == 20) {
            Identifiers.checkOin(value).ifPresent(m -> violations.add(new Violation(pointer, m)));
            return new School(value, null);
        }
        Identifiers.checkBrin(value).ifPresent(m -> violations.add(new Violation(pointer, "an OIN or a BRIN: " + m)));
        return new School(null, value);
    }

    private static boolean isViewer(Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_VIEWER"));
    }

    private static TransferView view(Transfer t, LocalDate today, boolean showReason, List<TransferEvent> history) {
        return new TransferView(t.id(), t.studentPseudonym(), t.schoolYear(), new SchoolRef(t.voOin(), t.voBrin()),
                t.mboOin() == null && t.mboBrin() == null ? null : new SchoolRef(t.mboOin(), t.mboBrin()),
                t.state().wireName(), t.dossierState() == null ? null : t.dossierState().wireName(),
                t.applicationStatus() == null ? null : t.applicationStatus().wireName(), t.statusDate(),
                t.heldCategoryList().isEmpty() ? null : t.heldCategoryList(), t.expectedLeavingDate(), t.dossierMessageId(),
                t.dossierReceivedAt(), t.forwardedAt(), t.deliveredAt(), t.ackDueDate(), t.isOverdue(today),
                t.acknowledgedAt(), t.rejectedAt(), t.rejectionCode(), showReason ? t.rejectionReason() : null,
                t.reminderSentAt(), t.escalationDueDate(), t.escalatedAt(), t.signalledAt(), t.rmcOutcome(), t.createdAt(),
                t.updatedAt(), history);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
