package nl.ketenhub.routing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import nl.ketenhub.ledger.BodyCompression;

/**
 * The bodies on the hub's own queues (intake to core, core to a partner's delivery queue). They carry an envelope as
 * UTF-8 bytes (a text message would travel as two bytes a character), and a long one (a dossier, from
 * {@link BodyCompression#FROM_CHARS} characters on) compressed with zstd, marked by the
 * {@link Headers#BODY_ENCODING} header: the broker copies and journals about a fifth of the bytes on each of the two
 * hops, and the compressed form is the one the ledger already made. A body without the header is read as it is, so
 * messages queued before compression are read as before. A partner's own queue, outside the hub, never carries a
 * compressed body.
 */
public final class Bodies {

    /** The {@link Headers#BODY_ENCODING} of a body compressed with zstd. */
    public static final String ZSTD = "zstd";

    private Bodies() {}

    /** A body as text: UTF-8 bytes decoded, text as it is, anything else (no envelope) as its string form. */
    public static String text(Object body) {
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return body == null ? null : body.toString();
    }

    /** A queued body as plain UTF-8 bytes (or text), decompressed when {@code headers} say it is compressed. */
    public static Object plain(Object body, Map<String, Object> headers) {
        return body instanceof byte[] bytes ? utf8(bytes, headers.get(Headers.BODY_ENCODING)) : body;
    }

    private static byte[] utf8(byte[] bytes, Object encoding) {
        return ZSTD.equals(encoding) ? BodyCompression.decompress(bytes) : bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What goes on one of the hub's own queues for a body: {@code packed} when given (the ledger's compressed form of
     * the same long text), else the body compressed when it is long, its UTF-8 bytes otherwise.
     */
    public static Queued queued(String text, byte[] packed) {
        if (packed != null) {
            return new Queued(packed, true);
        }
        byte[] utf8 = utf8(text);
        byte[] compressed = BodyCompression.compressIfLong(text, utf8);
        return compressed != null ? new Queued(compressed, true) : new Queued(utf8, false);
    }

    /** A body for one of the hub's own queues, and whether it is compressed. */
    public record Queued(byte[] bytes, boolean compressed) {

        /** Names the body's encoding in the message's headers. */
        public void describeIn(Map<String, Object> headers) {
            if (compressed) {
                headers.put(Headers.BODY_ENCODING, ZSTD);
            } else {
                headers.remove(Headers.BODY_ENCODING);
            }
        }
    }
}
