package nl.ketenhub.admin;

import nl.ketenhub.consent.ConsentController;
import nl.ketenhub.consent.SubjectReportController;
import nl.ketenhub.web.ProblemException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** One student's consents and the subject report (admins; the BSN goes in a form body and is never shown). */
@Controller
@RequestMapping("/admin/consent")
public class ConsentConsoleController {

    private final ConsentController consents;
    private final SubjectReportController reports;

    public ConsentConsoleController(ConsentController consents, SubjectReportController reports) {
        this.consents = consents;
        this.reports = reports;
    }

    @GetMapping
    public String form() {
        return "admin/consent";
    }

    @PostMapping
    public String lookup(@RequestParam String student, Model model, org.springframework.security.core.Authentication auth) {
        var id = nl.ketenhub.canonical.StudentId.parse(student, problem -> model.addAttribute("error", problem));
        if (id.isEmpty()) {
            return "admin/consent";
        }
        ConsentController.StudentLookup lookup = new ConsentController.StudentLookup(id.get().bsn(), id.get().onderwijsnummer());
        try {
            model.addAttribute("consents", consents.lookup(lookup, auth));
            model.addAttribute("report", reports.report(lookup));
        } catch (ProblemException e) {
            model.addAttribute("error", e.getMessage());
        }
        return "admin/consent";
    }
}
