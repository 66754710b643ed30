package nl.ketenhub.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Synthetic test messages: one template per message type (payloads/fixtures), re-addressed per test. Every BSN in
 * them passes the 11-proef and belongs to nobody.
 */
public final class Fixtures {

    /** Synthetic BSNs that pass the 11-proef. */
    public static final String[] BSNS = {
        "628194821", "252760189", "507529170", "121547280", "385280841", "353799075", "805888718", "167868433",
        "611148936", "400376143", "304813734", "101415618"
    };

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {}

    public static ObjectNode template(String type) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/payloads/fixtures/" + type + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture for " + type);
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message of the given type from sender to recipient, with a fresh messageId. */
    public static ObjectNode message(String type, String sender, String recipient) {
        ObjectNode m = template(type);
        m.put("messageId", UUID.randomUUID().toString());
        m.put("sender", sender);
        m.put("recipient", recipient);
        return m;
    }

    /** A full transfer dossier (all sections) for the given student. */
    public static ObjectNode dossier(String sender, String recipient, String bsn) {
        ObjectNode m = message("transfer-dossier", sender, recipient);
        ((ObjectNode) m.at("/payload/student")).put("bsn", bsn);
        return m;
    }

    public static String json(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
