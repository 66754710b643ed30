package nl.ketenhub.admin;

import java.util.List;
import java.util.stream.Collectors;
import nl.ketenhub.absence.AbsenceCounts;
import nl.ketenhub.absence.AbsenceLedger;
import nl.ketenhub.absence.AbsenceProperties;
import nl.ketenhub.absence.AbsenceReport;
import nl.ketenhub.absence.AbsenceRepository;
import nl.ketenhub.absence.AbsenceState;
import nl.ketenhub.canonical.StudentId;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.pseudonym.Pseudonymizer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Absence: per school location and per gemeente for a school year, reports per kind, the share reported on time and
 * followed up and the reports still open after a number of days (bars and tables); search by student.
 */
@Controller
@RequestMapping("/admin/absence")
public class AbsenceConsoleController {

    private final AbsenceRepository repository;
    private final AbsenceLedger ledger;
    private final AbsenceProperties properties;
    private final PartnerService partners;
    private final Pseudonymizer pseudonymizer;

    public AbsenceConsoleController(AbsenceRepository repository, AbsenceLedger ledger, AbsenceProperties properties,
            PartnerService partners, Pseudonymizer pseudonymizer) {
        this.repository = repository;
        this.ledger = ledger;
        this.properties = properties;
        this.partners = partners;
        this.pseudonymizer = pseudonymizer;
    }

    @GetMapping
    public String overview(@RequestParam(required = false) String schoolYear, @RequestParam(required = false) Integer days,
            Model model) {
        List<String> years = repository.schoolYears();
        String year = schoolYear != null && schoolYear.matches("\\d{4}-\\d{4}") ? schoolYear
                : years.isEmpty() ? TransfersConsoleController.currentSchoolYear(ledger.today()) : years.get(0);
        int n = days == null || days < 0 || days > 3650 ? properties.openAfterDays() : days;
        AbsenceRepository.Filter filter = new AbsenceRepository.Filter(null, null, null, null, year, null, null, null,
                null, null);
        List<AbsenceReport> reports = repository.all(filter);
        model.addAttribute("years", years);
        model.addAttribute("year", year);
        model.addAttribute("days", n);
        model.addAttribute("kinds", AbsenceCounts.KINDS);
        model.addAttribute("states", AbsenceState.values());
        AbsenceCounts.Result perLocation = AbsenceCounts.of(reports, "location", year, n, ledger.today());
        AbsenceCounts.Result perGemeente = AbsenceCounts.of(reports, "gemeente", year, n, ledger.today());
        model.addAttribute("perLocation", perLocation);
        model.addAttribute("perGemeente", perGemeente);
        model.addAttribute("maxLocation", max(perLocation));
        model.addAttribute("maxGemeente", max(perGemeente));
        model.addAttribute("names", partners.list().stream().collect(Collectors.toMap(Partner::oin, Partner::name)));
        model.addAttribute("results", repository.list(filter, 50, 0));
        return "admin/absence";
    }

    /** One report with its history (the student as a pseudonym only). */
    @GetMapping("/{id}")
    public String report(@org.springframework.web.bind.annotation.PathVariable String id, Model model) {
        AbsenceReport report = repository.find(id)
                .orElseThrow(() -> nl.ketenhub.web.ProblemException.notFound("absence report " + id));
        model.addAttribute("r", report);
        model.addAttribute("history", repository.history(id));
        return "admin/absence-report";
    }

    /** The largest group's report count: the bars' full width (at least 1). */
    private static long max(AbsenceCounts.Result result) {
        return Math.max(1, result.groups().stream().mapToLong(AbsenceCounts.Group::reports).max().orElse(1));
    }

    /** Searching is a POST: a student's BSN travels in the form body, never in a URL. */
    @PostMapping
    public String search(@RequestParam(required = false) String schoolYear, @RequestParam(required = false) Integer days,
            @RequestParam(required = false) String student, @RequestParam(required = false) String state,
            @RequestParam(required = false) String kind, Model model) {
        overview(schoolYear, days, model);
        model.addAttribute("searched", true);
        String pseudonym = null;
        if (student != null && !student.isBlank()) {
            var id = StudentId.parse(student, problem -> model.addAttribute("error", problem));
            if (id.isEmpty()) {
                model.addAttribute("results", List.of());
                return "admin/absence";
            }
            pseudonym = pseudonymizer.pseudonym(id.get());
        }
        AbsenceRepository.Filter filter = new AbsenceRepository.Filter(null, null, null, null,
                pseudonym == null ? (String) model.getAttribute("year") : null,
                state == null ? null : AbsenceState.parse(state).orElse(null),
                kind != null && AbsenceCounts.KINDS.contains(kind) ? kind : null, null, pseudonym, null);
        model.addAttribute("results", repository.list(filter, 200, 0));
        return "admin/absence";
    }
}
