package nl.ketenhub.delivery;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin API of parked deliveries and governed replay. */
@RestController
@RequestMapping("/api/v1/deliveries")
@Tag(name = "Deliveries", description = "Parked deliveries and replay (admin)")
public class DeliveryController {

    private final ParkedDeliveries parked;
    private final ReplayService replay;

    public DeliveryController(ParkedDeliveries parked, ReplayService replay) {
        this.parked = parked;
        this.replay = replay;
    }

    @GetMapping("/parked")
    @Operation(summary = "Parked deliveries, newest first (without payloads)")
    public List<ParkedDelivery> parked(
            @RequestParam(required = false) String recipient,
            @RequestParam(required = false, defaultValue = ParkedDeliveries.PARKED) String state,
            @RequestParam(required = false, defaultValue = "200") int limit) {
        return parked.list(recipient, "all".equalsIgnoreCase(state) ? null : state, Math.min(Math.max(limit, 1), 1000));
    }

    @PostMapping("/{id}/replay")
    @Operation(summary = "Replay a parked delivery; dryRun=true shows what the consent gate would let through now")
    public ReplayService.ReplayResult replay(@PathVariable String id, @RequestParam(defaultValue = "false") boolean dryRun) {
        return replay.replay(id, dryRun);
    }
}
