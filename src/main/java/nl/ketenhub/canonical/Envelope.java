package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The canonical envelope every message travels in, whatever edge it came through.
 *
 * @param payload the type-specific payload; bind it with {@link #payloadAs(ObjectMapper, Class)}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(
        String messageId,
        MessageType type,
        String sender,
        String recipient,
        Instant sentAt,
        String relatesTo,
        ObjectNode payload) {

    /**
     * An envelope over an already parsed and schema-valid tree, without copying its payload (binding the tree would
     * copy every node of a dossier once more).
     */
    public static Envelope fromTree(JsonNode node) {
        return new Envelope(
                node.path("messageId").asText(),
                MessageType.fromWireName(node.path("type").asText()),
                node.path("sender").asText(),
                node.path("recipient").asText(),
                java.time.OffsetDateTime.parse(node.path("sentAt").asText()).toInstant(),
                node.path("relatesTo").isTextual() ? node.get("relatesTo").asText() : null,
                (ObjectNode) node.get("payload"));
    }

    public <T> T payloadAs(ObjectMapper mapper, Class<T> payloadType) {
        try {
            return mapper.treeToValue(payload, payloadType);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("payload of " + type.wireName() + " does not bind: " + e.getOriginalMessage(), e);
        }
    }

    public Envelope withPayload(JsonNode newPayload) {
        return new Envelope(messageId, type, sender, recipient, sentAt, relatesTo, (ObjectNode) newPayload);
    }

    public Envelope withRecipient(String newRecipient) {
        return new Envelope(messageId, type, sender, newRecipient, sentAt, relatesTo, payload);
    }
}
