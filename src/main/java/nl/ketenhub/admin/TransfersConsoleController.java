package nl.ketenhub.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import nl.ketenhub.canonical.StudentId;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.pseudonym.Pseudonymizer;
import nl.ketenhub.tracking.Transfer;
import nl.ketenhub.tracking.TransferFunnel;
import nl.ketenhub.tracking.TransferRepository;
import nl.ketenhub.tracking.TransferState;
import nl.ketenhub.web.ProblemException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Transfers: the funnel per VO school and per MBO for a school year (chart and table), search, and one transfer. */
@Controller
@RequestMapping("/admin/transfers")
public class TransfersConsoleController {

    private final TransferFunnel funnel;
    private final TransferRepository transfers;
    private final PartnerService partners;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;

    public TransfersConsoleController(TransferFunnel funnel, TransferRepository transfers, PartnerService partners,
            Pseudonymizer pseudonymizer, Clock clock) {
        this.funnel = funnel;
        this.transfers = transfers;
        this.partners = partners;
        this.pseudonymizer = pseudonymizer;
        this.clock = clock;
    }

    @GetMapping
    public String overview(@RequestParam(required = false) String schoolYear, Model model) {
        LocalDate today = LocalDate.now(clock);
        List<String> years = funnel.schoolYears();
        String year = schoolYear != null && !schoolYear.isBlank() ? schoolYear
                : years.isEmpty() ? currentSchoolYear(today) : years.get(0);
        model.addAttribute("years", years);
        model.addAttribute("year", year);
        model.addAttribute("perVo", funnel.perVoSchool(year, today));
        model.addAttribute("perMbo", funnel.perMbo(year, today));
        model.addAttribute("names", partners.list().stream().collect(Collectors.toMap(Partner::oin, Partner::name)));
        model.addAttribute("states", TransferState.values());
        model.addAttribute("results", transfers.list(filter(null, null, year, today), 50, 0));
        return "admin/transfers";
    }

    /** Searching is a POST: a student's BSN travels in the form body, never in a URL. */
    @PostMapping
    public String search(@RequestParam(required = false) String schoolYear, @RequestParam(required = false) String school,
            @RequestParam(required = false) String state, @RequestParam(required = false) String student, Model model) {
        overview(schoolYear, model);
        model.addAttribute("searched", true);
        if (student != null && !student.isBlank()) {
            var id = StudentId.parse(student, problem -> model.addAttribute("error", problem));
            model.addAttribute("results", id.map(s -> transfers.forStudent(pseudonymizer.pseudonym(s))).orElse(List.of()));
            return "admin/transfers";
        }
        model.addAttribute("results", transfers.list(filter(blank(school), TransferState.parse(state).orElse(null),
                blank(schoolYear), LocalDate.now(clock)), 200, 0));
        return "admin/transfers";
    }

    @GetMapping("/{id}")
    public String detail(@PathVariable String id, Model model) {
        Transfer t = transfers.find(id).orElseThrow(() -> ProblemException.notFound("transfer " + id));
        model.addAttribute("t", t);
        model.addAttribute("history", transfers.history(id));
        model.addAttribute("names", partners.list().stream().collect(Collectors.toMap(Partner::oin, Partner::name)));
        model.addAttribute("overdue", t.isOverdue(LocalDate.now(clock)));
        return "admin/transfer";
    }

    private static TransferRepository.Filter filter(String schoolOin, TransferState state, String year, LocalDate today) {
        return new TransferRepository.Filter(null, null, null, null, state, null, null, null, year, schoolOin, today);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String currentSchoolYear(LocalDate today) {
        int start = today.getMonthValue() >= 8 ? today.getYear() : today.getYear() - 1;
        return start + "-" + (start + 1);
    }
}
