package nl.ketenhub.admin;

import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.PartnerRequest;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.web.ProblemException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The partner directory in the console: list, register (the key shown once), rotate keys, disable and enable. */
@Controller
@RequestMapping("/admin/partners")
public class PartnersConsoleController {

    private final PartnerService partners;

    public PartnersConsoleController(PartnerService partners) {
        this.partners = partners;
    }

    @GetMapping
    public String list(Model model) {
        model.addAttribute("partners", partners.list());
        model.addAttribute("kinds", PartnerKind.values());
        model.addAttribute("channels", Channel.values());
        return "admin/partners";
    }

    @PostMapping
    public String create(@RequestParam String oin, @RequestParam String name, @RequestParam PartnerKind kind,
            @RequestParam(required = false) String brin, @RequestParam(required = false) String gemeentecode,
            @RequestParam Channel channel, @RequestParam String endpoint,
            @RequestParam(required = false) Integer ackPeriodDays, Model model) {
        try {
            PartnerService.WithKey created = partners.create(new PartnerRequest(oin.trim(), name, kind, blankToNull(brin),
                    blankToNull(gemeentecode), channel, endpoint.trim(), null, ackPeriodDays, true));
            model.addAttribute("newKey", created.apiKey());
            model.addAttribute("newKeyFor", created.partner());
        } catch (ProblemException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("violations", e.violations());
        }
        return list(model);
    }

    @PostMapping("/{oin}/rotate")
    public String rotate(@PathVariable String oin, Model model) {
        PartnerService.WithKey rotated = partners.rotateKey(oin);
        model.addAttribute("newKey", rotated.apiKey());
        model.addAttribute("newKeyFor", rotated.partner());
        return list(model);
    }

    @PostMapping("/{oin}/{action:enable|disable}")
    public String enable(@PathVariable String oin, @PathVariable String action) {
        partners.setEnabled(oin, action.equals("enable"));
        return "redirect:/admin/partners";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
