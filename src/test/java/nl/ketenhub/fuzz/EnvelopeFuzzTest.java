package nl.ketenhub.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import nl.ketenhub.canonical.CanonicalValidator;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.intake.EnvelopeReader;
import nl.ketenhub.routing.CoreEnvelopes;

/**
 * The JSON edge decides once: whatever bytes arrive, the reader refuses them with one of its problem types or hands
 * on a JSON value; the validator judges any object without failing; and an envelope it passes binds as the core binds
 * it (from the queue's UTF-8 bytes, a dossier without its sections). Any other exception is a finding.
 */
class EnvelopeFuzzTest {

    private static final EnvelopeReader READER = new EnvelopeReader();
    private static final CanonicalValidator VALIDATOR = new CanonicalValidator(Clock.systemUTC());
    /** Bound like the hub's own mapper (Spring Boot's defaults). */
    private static final ObjectMapper CORE = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final Set<String> REFUSALS = Set.of("invalid-json", "unsupported-encoding");

    @FuzzTest(maxDuration = "20s")
    void envelope(byte[] data) throws Exception {
        fuzzerTestOneInput(data);
    }

    /** Entry point of the fuzzer's standalone runs ({@code -Pfuzz}). */
    public static void fuzzerTestOneInput(byte[] data) throws Exception {
        EnvelopeReader.Read read;
        try {
            read = READER.read(data);
        } catch (EnvelopeReader.Refused refused) {
            if (!REFUSALS.contains(refused.type()) || refused.getMessage() == null) {
                throw new AssertionError("unexpected refusal " + refused.type(), refused);
            }
            return;
        }
        JsonNode node = read.node();
        if (!node.isObject()) {
            return;
        }
        List<Violation> violations = VALIDATOR.validate(node);
        if (violations.isEmpty()) {
            Envelope fromTree = Envelope.fromTree(node);
            // as the core reads it: the UTF-8 bytes the intake queue carries, a dossier without its sections
            Envelope bound = CoreEnvelopes.read(CORE, read.text().getBytes(StandardCharsets.UTF_8),
                    fromTree.type().wireName());
            if (!fromTree.messageId().equals(bound.messageId()) || fromTree.type() != bound.type()) {
                throw new AssertionError("the edge and the core read different envelopes");
            }
        }
    }
}
