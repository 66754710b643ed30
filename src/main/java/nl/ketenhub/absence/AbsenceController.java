package nl.ketenhub.absence;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * The query API of the absence ledger: reports by school location, gemeente, school year, state, kind, timeliness
 * and student (keyed pseudonym); one report with its history; the figures per school location or per gemeente.
 * Partners see only the reports they sent (schools) or received (gemeenten).
 */
@RestController
@RequestMapping("/api/v1/absence")
@Tag(name = "Absence", description = "Absence reports and their follow-up")
public class AbsenceController {

    /**
     * One report as the API shows it (no personal data: the student is the keyed pseudonym).
     *
     * @param ackOverdue delivered, and not followed up by its acknowledgement due date
     * @param history every step with its cause (the single-report answer only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AbsenceView(String id, String reportMessageId, String reportTrackingId, String school,
            String schoolLocation, String gemeente, String gemeentecode, String function, String kind, String student,
            String schoolYear, LocalDate periodStart, LocalDate periodEnd, LocalDate thresholdReachedOn,
            BigDecimal hoursMissed, Integer lessonsMissed, LocalDate reportedOn, LocalDate reportDue, boolean late,
            String state, Instant deliveredAt, LocalDate acknowledgementDue, boolean ackOverdue, Instant acknowledgedAt,
            Instant reminderSentAt, String followUpStatus, LocalDate followUpDate, String followUpCode, Instant closedAt,
            Instant withdrawnAt, Instant createdAt, Instant updatedAt, List<AbsenceEvent> history) {}

    public record AbsencePage(long total, int limit, int offset, List<AbsenceView> items) {}

    private final AbsenceRepository repository;
    private final AbsenceLedger ledger;
    private final AbsenceProperties properties;

    public AbsenceController(AbsenceRepository repository, AbsenceLedger ledger, AbsenceProperties properties) {
        this.repository = repository;
        this.ledger = ledger;
        this.properties = properties;
    }

    @GetMapping
    @Operation(summary = "Absence reports, filtered (partners: their own)",
            description = "school takes an OIN or a BRIN, location a BRIN with its vestigingscode (e.g. 01AA01), "
                    + "student a keyed pseudonym.")
    public AbsencePage list(
            @Parameter(description = "OIN or BRIN of the school") @RequestParam(required = false) String school,
            @Parameter(description = "BRIN + vestigingscode") @RequestParam(required = false) String location,
            @Parameter(description = "OIN of the gemeente") @RequestParam(required = false) String gemeente,
            @RequestParam(required = false) String schoolYear,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) Boolean late,
            @Parameter(description = "the student's keyed pseudonym") @RequestParam(required = false) String student,
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
        AbsenceRepository.Filter filter = filter(school, location, gemeente, schoolYear, state, kind, late, student,
                authentication, violations);
        LocalDate today = ledger.today();
        return new AbsencePage(repository.count(filter), limit, offset,
                repository.list(filter, limit, offset).stream().map(r -> view(r, today, null)).toList());
    }

    @GetMapping("/counts")
    @Operation(summary = "Figures per school location or per gemeente (partners: their own)",
            description = "by=location (default) or gemeente; days: open reports older than this many days "
                    + "(default ketenhub.absence.open-after-days).")
    public AbsenceCounts.Result counts(
            @RequestParam(defaultValue = "location") String by,
            @RequestParam(required = false) String schoolYear,
            @RequestParam(required = false) String school,
            @RequestParam(required = false) String gemeente,
            @RequestParam(required = false) Integer days,
            Authentication authentication) {
        List<Violation> violations = new ArrayList<>();
        if (!by.equals("location") && !by.equals("gemeente")) {
            violations.add(new Violation("/by", "by must be location or gemeente"));
        }
        int n = days == null ? properties.openAfterDays() : days;
        if (n < 0 || n > 3650) {
            violations.add(new Violation("/days", "days must lie between 0 and 3650"));
        }
        AbsenceRepository.Filter filter = filter(school, null, gemeente, schoolYear, null, null, null, null,
                authentication, violations);
        return AbsenceCounts.of(repository.all(filter), by, filter.schoolYear(), n, ledger.today());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One absence report with its history (partners: their own)")
    public AbsenceView get(@PathVariable String id, Authentication authentication) {
        AbsenceReport r = repository.find(id).orElseThrow(() -> ProblemException.notFound("absence report " + id));
        if (authentication instanceof PartnerAuthentication pa) {
            String oin = pa.partner().oin();
            if (!oin.equals(r.schoolOin()) && !oin.equals(r.gemeenteOin())) {
                throw ProblemException.notFound("absence report " + id);
            }
        }
        return view(r, ledger.today(), repository.history(id));
    }

    private static AbsenceRepository.Filter filter(String school, String location, String gemeente, String schoolYear,
            String state, String kind, Boolean late, String student, Authentication authentication,
            List<Violation> violations) {
        String schoolOin = null;
        String brin = null;
        String vestiging = null;
        if (school != null && !school.isBlank()) {
            if (school.length() == 20) {
                Identifiers.checkOin(school).ifPresent(m -> violations.add(new Violation("/school", m)));
                schoolOin = school;
            } else {
                Identifiers.checkBrin(school).ifPresent(m -> violations.add(new Violation("/school",
                        "an OIN or a BRIN: " + m)));
                brin = school;
            }
        }
        if (location != null && !location.isBlank()) {
            if (location.length() != 6 || !location.substring(4).matches("[0-9]{2}")) {
                violations.add(new Violation("/location", "a BRIN followed by its two-digit vestigingscode, e.g. 01AA01"));
            } else {
                Identifiers.checkBrin(location.substring(0, 4)).ifPresent(m -> violations.add(new Violation("/location", m)));
                brin = location.substring(0, 4);
                vestiging = location.substring(4);
            }
        }
        if (gemeente != null && !gemeente.isBlank()) {
            Identifiers.checkOin(gemeente).ifPresent(m -> violations.add(new Violation("/gemeente", m)));
        }
        if (schoolYear != null && !schoolYear.isBlank()) {
            Identifiers.checkSchoolYear(schoolYear).ifPresent(m -> violations.add(new Violation("/schoolYear", m)));
        }
        AbsenceState parsedState = null;
        if (state != null && !state.isBlank()) {
            parsedState = AbsenceState.parse(state).orElse(null);
            if (parsedState == null) {
                violations.add(new Violation("/state", "unknown state '" + state + "'; one of " + Arrays.stream(
                        AbsenceState.values()).map(AbsenceState::wireName).collect(Collectors.joining(", "))));
            }
        }
        if (kind != null && !kind.isBlank() && !AbsenceCounts.KINDS.contains(kind)) {
            violations.add(new Violation("/kind", "unknown kind '" + kind + "'; one of "
                    + String.join(", ", AbsenceCounts.KINDS)));
        }
        if (student != null && !student.isBlank() && !student.matches("[0-9a-f]{64}")) {
            violations.add(new Violation("/student", "a keyed pseudonym: 64 hexadecimal characters (never a BSN)"));
        }
        if (!violations.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Request is not valid",
                    violations.size() + " violation(s)", violations);
        }
        String partnerOin = authentication instanceof PartnerAuthentication pa ? pa.partner().oin() : null;
        return new AbsenceRepository.Filter(schoolOin, blank(gemeente), brin, vestiging, blank(schoolYear), parsedState,
                blank(kind), late, blank(student), partnerOin);
    }

    static AbsenceView view(AbsenceReport r, LocalDate today, List<AbsenceEvent> history) {
        return new AbsenceView(r.id(), r.reportMessageId(), r.reportTrackingId(), r.schoolOin(),
                r.brin() + r.vestigingscode(), r.gemeenteOin(), r.gemeentecode(), r.function(), r.kind(),
                r.studentPseudonym(), r.schoolYear(), r.periodStart(), r.periodEnd(), r.thresholdDate(), r.hoursMissed(),
                r.lessonsMissed(), r.reportedOn(), r.reportDueDate(), r.late(), r.state().wireName(), r.deliveredAt(),
                r.ackDueDate(), r.isAckOverdue(today), r.acknowledgedAt(), r.reminderSentAt(), r.followUpStatus(),
                r.followUpDate(), r.followUpCode(), r.closedAt(), r.withdrawnAt(), r.createdAt(), r.updatedAt(), history);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
