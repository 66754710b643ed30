package nl.ketenhub.partner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin API of the partner directory. */
@RestController
@RequestMapping("/api/v1/partners")
@Tag(name = "Partners", description = "The partner directory (admin)")
public class PartnerController {

    /** A partner and, on creation or rotation only, its API key. */
    public record PartnerWithKey(Partner partner, String apiKey) {}

    private final PartnerService partners;

    public PartnerController(PartnerService partners) {
        this.partners = partners;
    }

    @GetMapping
    @Operation(summary = "List every partner")
    public List<Partner> list() {
        return partners.list();
    }

    @GetMapping("/{oin}")
    @Operation(summary = "One partner")
    public Partner get(@PathVariable String oin) {
        return partners.get(oin);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a partner; the answer carries its API key, shown this once")
    public PartnerWithKey create(@RequestBody PartnerRequest request) {
        PartnerService.WithKey created = partners.create(request);
        return new PartnerWithKey(created.partner(), created.apiKey());
    }

    @PutMapping("/{oin}")
    @Operation(summary = "Change a partner's name, channel, endpoint, format, acknowledgement period or enabled flag")
    public Partner update(@PathVariable String oin, @RequestBody PartnerRequest request) {
        return partners.update(oin, request);
    }

    @PostMapping("/{oin}/rotate-key")
    @Operation(summary = "Issue a new API key; the old one stops working at once")
    public PartnerWithKey rotate(@PathVariable String oin) {
        PartnerService.WithKey rotated = partners.rotateKey(oin);
        return new PartnerWithKey(rotated.partner(), rotated.apiKey());
    }

    @PostMapping("/{oin}/disable")
    @Operation(summary = "Disable a partner: its key stops working and deliveries to it wait on its queue")
    public Partner disable(@PathVariable String oin) {
        return partners.setEnabled(oin, false);
    }

    @PostMapping("/{oin}/enable")
    @Operation(summary = "Enable a partner again")
    public Partner enable(@PathVariable String oin) {
        return partners.setEnabled(oin, true);
    }
}
