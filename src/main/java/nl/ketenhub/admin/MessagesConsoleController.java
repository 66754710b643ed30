package nl.ketenhub.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import nl.ketenhub.canonical.StudentId;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.consent.DecisionAudit;
import nl.ketenhub.consent.HeldParts;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageRecord;
import nl.ketenhub.ledger.MessageState;
import nl.ketenhub.pseudonym.Pseudonymizer;
import nl.ketenhub.web.ProblemException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Message search (a BSN is matched through its pseudonym and never shown) and message detail. */
@Controller
@RequestMapping("/admin/messages")
public class MessagesConsoleController {

    /** One delivery with its consent decisions. */
    public record DeliveryDetail(DeliveryRecord delivery, List<DecisionAudit.Row> decisions) {}

    private final MessageLedger ledger;
    private final DecisionAudit decisions;
    private final HeldParts held;
    private final Pseudonymizer pseudonymizer;
    private final ObjectMapper mapper;

    public MessagesConsoleController(MessageLedger ledger, DecisionAudit decisions, HeldParts held, Pseudonymizer pseudonymizer,
            ObjectMapper mapper) {
        this.ledger = ledger;
        this.decisions = decisions;
        this.held = held;
        this.pseudonymizer = pseudonymizer;
        this.mapper = mapper;
    }

    @GetMapping
    public String latest(Model model) {
        model.addAttribute("results", ledger.search(new MessageLedger.Search(null, null, null, null, null, null, null, null), 50));
        return page(model);
    }

    @PostMapping
    public String search(@RequestParam(required = false) String trackingId, @RequestParam(required = false) String messageId,
            @RequestParam(required = false) String partner, @RequestParam(required = false) String type,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
            @RequestParam(required = false) String student, Model model) {
        String subject = null;
        if (student != null && !student.isBlank()) {
            var id = StudentId.parse(student, problem -> model.addAttribute("error", problem));
            if (id.isEmpty()) {
                model.addAttribute("results", List.of());
                return page(model);
            }
            subject = pseudonymizer.pseudonym(id.get());
        }
        model.addAttribute("results", ledger.search(new MessageLedger.Search(trackingId, messageId, partner, type, state,
                from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                until == null ? null : until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), subject), 200));
        model.addAttribute("q", new MessageLedger.Search(trackingId, messageId, partner, type, state, null, null, null));
        model.addAttribute("from", from);
        model.addAttribute("until", until);
        model.addAttribute("searchedByStudent", subject != null);
        return page(model);
    }

    @GetMapping("/{trackingId}")
    public String detail(@PathVariable String trackingId, Model model) throws Exception {
        MessageRecord m = ledger.find(trackingId).orElseThrow(() -> ProblemException.notFound("message " + trackingId));
        model.addAttribute("m", m);
        model.addAttribute("history", ledger.history(trackingId));
        model.addAttribute("deliveries", ledger.deliveries(trackingId).stream()
                .map(d -> new DeliveryDetail(d, decisions.forDelivery(d.id()))).toList());
        model.addAttribute("held", held.forTracking(trackingId));
        if (Boolean.TRUE.equals(model.getAttribute("isAdmin"))) {
            String body = ledger.body(trackingId).orElse("");
            model.addAttribute("payload", mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(body)));
        }
        return "admin/message";
    }

    private String page(Model model) {
        model.addAttribute("types", java.util.Arrays.stream(MessageType.values()).map(MessageType::wireName).toList());
        model.addAttribute("states", java.util.Arrays.stream(MessageState.values()).map(Enum::name).toList());
        if (!model.containsAttribute("q")) {
            model.addAttribute("q", new MessageLedger.Search(null, null, null, null, null, null, null, null));
        }
        return "admin/messages";
    }
}
