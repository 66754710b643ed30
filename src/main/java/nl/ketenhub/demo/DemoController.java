package nl.ketenhub.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.ketenhub.partner.PartnerService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The simulated REST partner endpoints of demo mode, and a window on what every demo partner received. */
@RestController
@RequestMapping("/demo")
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "ketenhub.demo.enabled", havingValue = "true")
public class DemoController {

    private final DemoSimulator simulator;
    private final DemoInbox inbox;
    private final PartnerService partners;
    private final DemoTraffic traffic;

    public DemoController(DemoSimulator simulator, DemoInbox inbox, PartnerService partners, DemoTraffic traffic) {
        this.simulator = simulator;
        this.inbox = inbox;
        this.partners = partners;
        this.traffic = traffic;
    }

    /** Plays a small school year (see DemoTraffic); answers its progress. */
    @PostMapping("/traffic")
    public ResponseEntity<DemoTraffic.Progress> startTraffic(@RequestParam(defaultValue = "20") int students) {
        boolean started = traffic.start(Math.max(1, Math.min(students, 500)), System.nanoTime());
        return ResponseEntity.status(started ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT).body(traffic.progress());
    }

    @GetMapping("/traffic")
    public DemoTraffic.Progress trafficProgress() {
        return traffic.progress();
    }

    @GetMapping("/partners")
    public List<Map<String, Object>> list() {
        return DemoPartners.ALL.stream().map(d -> Map.<String, Object>of(
                "oin", d.oin(), "name", d.name(), "kind", d.kind(), "channel", d.channel().wireName(),
                "apiKey", d.apiKey(), "received", inbox.list(d.oin()).size(),
                "down", simulator.downUntil(d.oin()).isPresent())).toList();
    }

    /** Where the hub delivers to a REST demo partner. */
    @PostMapping("/partners/{oin}/inbox")
    public ResponseEntity<Map<String, Object>> receive(@PathVariable String oin, @RequestBody String body,
            @RequestHeader(value = "KetenhubTrackingId", required = false) String trackingId) {
        if (partners.find(oin).isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no demo partner " + oin));
        }
        if (simulator.downUntil(oin).isPresent()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", "demo partner is down"));
        }
        simulator.receivedOverRest(oin, body, trackingId);
        return ResponseEntity.ok(Map.of("received", true));
    }

    /** What a demo partner received, oldest first. */
    @GetMapping("/partners/{oin}/inbox")
    public List<DemoInbox.Received> inbox(@PathVariable String oin) {
        return inbox.list(oin);
    }

    /** Takes a REST demo partner down for a while, to watch redelivery and recovery. */
    @PostMapping("/partners/{oin}/outage")
    public Map<String, Object> outage(@PathVariable String oin, @RequestParam(defaultValue = "60") int seconds) {
        simulator.outage(oin, Duration.ofSeconds(seconds));
        return Map.of("oin", oin, "downUntil", simulator.downUntil(oin).map(Object::toString).orElse("now"));
    }
}
