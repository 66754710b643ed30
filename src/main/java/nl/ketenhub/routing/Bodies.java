package nl.ketenhub.routing;

import java.nio.charset.StandardCharsets;
import org.apache.camel.Message;

/**
 * The hub's own queues carry envelopes as UTF-8 bytes (a text message would travel as two bytes a character); this
 * reads either form back as text, whatever the platform's default charset.
 */
public final class Bodies {

    private Bodies() {}

    public static String text(Message message) {
        Object body = message.getBody();
        return body instanceof byte[] ? text(body) : message.getBody(String.class);
    }

    /** A body as text: UTF-8 bytes decoded, text as it is, anything else (no envelope) as its string form. */
    public static String text(Object body) {
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return body == null ? null : body.toString();
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
