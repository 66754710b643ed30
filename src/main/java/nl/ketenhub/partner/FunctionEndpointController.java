package nl.ketenhub.partner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A gemeente's endpoints per function (Leerplicht, RMC) for absence messages. */
@RestController
@RequestMapping("/api/v1/partners/{oin}/functions")
@Tag(name = "Partners")
public class FunctionEndpointController {

    /** The endpoint of one function, on the partner's own channel. */
    public record FunctionEndpoint(String endpoint) {}

    private final FunctionEndpoints endpoints;

    public FunctionEndpointController(FunctionEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @GetMapping
    @Operation(summary = "A gemeente's endpoints per function")
    public Map<String, String> list(@PathVariable String oin) {
        return endpoints.all(oin);
    }

    @PutMapping("/{function}")
    @Operation(summary = "Sets the endpoint of one function (leerplicht, rmc) of a gemeente")
    public Map<String, String> set(@PathVariable String oin, @PathVariable String function,
            @RequestBody(required = false) FunctionEndpoint body) {
        if (body == null || body.endpoint() == null || body.endpoint().isBlank()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request", "Request is not valid",
                    "the body is {\"endpoint\": \"…\"}", List.of(new Violation("/endpoint", "required")));
        }
        return endpoints.set(oin, function, body.endpoint());
    }

    @DeleteMapping("/{function}")
    @Operation(summary = "Removes the endpoint of one function: its messages go to the partner's endpoint again")
    public Map<String, String> remove(@PathVariable String oin, @PathVariable String function) {
        return endpoints.remove(oin, function);
    }
}
