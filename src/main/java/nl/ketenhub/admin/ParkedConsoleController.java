package nl.ketenhub.admin;

import java.util.ArrayList;
import java.util.List;
import nl.ketenhub.delivery.ParkedDeliveries;
import nl.ketenhub.delivery.ReplayService;
import nl.ketenhub.web.ProblemException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Parked deliveries: browse, dry-run a replay under today's consent, replay one or many (admins). */
@Controller
@RequestMapping("/admin/parked")
public class ParkedConsoleController {

    /** The outcome of one replay attempt from the console. */
    public record ReplayOutcome(String parkedId, String recipient, String outcome, String error) {}

    private final ParkedDeliveries parked;
    private final ReplayService replay;

    public ParkedConsoleController(ParkedDeliveries parked, ReplayService replay) {
        this.parked = parked;
        this.replay = replay;
    }

    @GetMapping
    public String list(@RequestParam(required = false) String recipient,
            @RequestParam(required = false, defaultValue = ParkedDeliveries.PARKED) String state, Model model) {
        model.addAttribute("parked", parked.list(recipient, "all".equals(state) ? null : state, 500));
        model.addAttribute("recipient", recipient);
        model.addAttribute("state", state);
        return "admin/parked";
    }

    @PostMapping("/{id}/dry-run")
    public String dryRun(@PathVariable String id, Model model) {
        model.addAttribute("dryRun", replay.replay(id, true));
        return list(null, ParkedDeliveries.PARKED, model);
    }

    @PostMapping("/replay")
    public String replay(@RequestParam(name = "id", required = false) List<String> ids, Model model) {
        List<ReplayOutcome> outcomes = new ArrayList<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            try {
                ReplayService.ReplayResult r = replay.replay(id, false);
                outcomes.add(new ReplayOutcome(id, r.recipient(), r.outcome(), null));
            } catch (ProblemException e) {
                outcomes.add(new ReplayOutcome(id, null, "refused", e.getMessage()));
            }
        }
        model.addAttribute("outcomes", outcomes);
        return list(null, ParkedDeliveries.PARKED, model);
    }
}
