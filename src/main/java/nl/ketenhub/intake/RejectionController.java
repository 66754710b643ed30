package nl.ketenhub.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import nl.ketenhub.audit.IntakeRejections;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Refused messages, for the admin: when, from whom, why (the refused body itself stays in the database). */
@RestController
@RequestMapping("/api/v1/rejections")
@Tag(name = "Rejections", description = "Messages the edges refused (admin, viewer)")
public class RejectionController {

    private final IntakeRejections rejections;

    public RejectionController(IntakeRejections rejections) {
        this.rejections = rejections;
    }

    @GetMapping
    @Operation(summary = "The latest refused messages, newest first")
    public List<IntakeRejections.Entry> latest(@RequestParam(defaultValue = "100") int limit) {
        return rejections.latest(Math.min(Math.max(limit, 1), 1000));
    }
}
