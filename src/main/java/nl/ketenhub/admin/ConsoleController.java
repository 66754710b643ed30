package nl.ketenhub.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.ketenhub.audit.AuditLog;
import nl.ketenhub.audit.IntakeRejections;
import nl.ketenhub.config.BrokerConfig;
import nl.ketenhub.config.BrokerStats;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.delivery.ParkedDeliveries;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.security.AppUserService;
import nl.ketenhub.web.ProblemException;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's overview, sign-in, users and audit log. */
@Controller
@RequestMapping("/admin")
public class ConsoleController {

    /** One partner on the overview. */
    public record PartnerRow(Partner partner, String queueDepth, long parked, long delivered, long retried) {}

    private final RouteStats routes;
    private final BrokerStats broker;
    private final PartnerService partners;
    private final ParkedDeliveries parked;
    private final MessageLedger ledger;
    private final IntakeRejections rejections;
    private final HealthEndpoint health;
    private final AppUserService users;
    private final AuditLog audit;
    private final Clock clock;
    private final String deliveryPrefix;

    public ConsoleController(RouteStats routes, BrokerStats broker, PartnerService partners, ParkedDeliveries parked,
            MessageLedger ledger, IntakeRejections rejections, HealthEndpoint health, AppUserService users, AuditLog audit,
            Clock clock, KetenhubProperties properties) {
        this.routes = routes;
        this.broker = broker;
        this.partners = partners;
        this.parked = parked;
        this.ledger = ledger;
        this.rejections = rejections;
        this.health = health;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.deliveryPrefix = properties.queues().deliveryPrefix();
    }

    @GetMapping("/login")
    public String login() {
        return "admin/login";
    }

    @GetMapping({"", "/"})
    public String overview(Model model) {
        Map<String, Long> delivered = ledger.deliveredPerRecipient();
        Map<String, Long> retried = ledger.retriedPerRecipient();
        List<PartnerRow> rows = new ArrayList<>();
        for (Partner p : partners.list()) {
            String depth = broker.depth(deliveryPrefix + p.oin()).map(String::valueOf).orElse("0");
            rows.add(new PartnerRow(p, depth, parked.countParked(p.oin()), delivered.getOrDefault(p.oin(), 0L),
                    retried.getOrDefault(p.oin(), 0L)));
        }
        model.addAttribute("health", health.health().getStatus().getCode());
        model.addAttribute("routes", routes.routes());
        model.addAttribute("partners", rows);
        model.addAttribute("states", ledger.countByState(clock.instant().minus(Duration.ofDays(1))));
        model.addAttribute("rejections", rejections.latest(10));
        model.addAttribute("rejectionCount", rejections.count());
        model.addAttribute("deadLetters", broker.depth(BrokerConfig.DEAD_LETTER_QUEUE).orElse(0L));
        return "admin/overview";
    }

    @GetMapping("/audit")
    public String audit(Model model) {
        model.addAttribute("entries", audit.latest(300));
        return "admin/audit";
    }

    @GetMapping("/users")
    public String users(Model model) {
        model.addAttribute("users", users.list());
        return "admin/users";
    }

    @PostMapping("/users")
    public String createUser(@RequestParam String username, @RequestParam String password,
            @RequestParam AppUserService.Role role, Model model) {
        try {
            if (!username.matches("[a-z][a-z0-9._-]{2,49}")) {
                throw new IllegalArgumentException("user names are 3-50 lower-case letters, digits, '.', '_' or '-'");
            }
            AppUserService.checkPassword(password);
            if (users.find(username).isPresent()) {
                throw new IllegalArgumentException("user " + username + " already exists");
            }
            users.create(username, password, role);
            audit.record("user.create", username, "role " + role);
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
        }
        return users(model);
    }

    @PostMapping("/users/{username}/{action:enable|disable}")
    public String enableUser(@PathVariable String username, @PathVariable String action, Model model) {
        users.find(username).orElseThrow(() -> ProblemException.notFound("user " + username));
        users.setEnabled(username, action.equals("enable"));
        audit.record("user." + action, username, null);
        return "redirect:/admin/users";
    }
}
