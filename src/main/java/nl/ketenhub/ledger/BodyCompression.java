package nl.ketenhub.ledger;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * Large message bodies, in the ledger and on the hub's own queues: written with zstd, read back from zstd or, for
 * ledger rows written before migration V22, from gzip.
 *
 * <p>zstd at its fast level 1 compresses a dossier's JSON in about half the time gzip takes at its fastest level, and
 * a little smaller (the benchmark's 180 KB dossier: 0.47 against 1.0 ms, 33 against 36 KB); the ledger writes every
 * received body once, in the request's transaction, and reads few of them back. The same compressed bytes travel on
 * the hub's own queues (see {@code Bodies}).
 */
public final class BodyCompression {

    /** Bodies of this many characters or more are compressed: a status stays text, a dossier shrinks fivefold. */
    public static final int FROM_CHARS = 8192;

    private static final int LEVEL = 1;

    private BodyCompression() {}

    /** A body's UTF-8 bytes, compressed. */
    public static byte[] compress(byte[] utf8) {
        return Zstd.compress(utf8, LEVEL);
    }

    /** A body's UTF-8 bytes compressed when the body is {@linkplain #FROM_CHARS long}; null when it is short. */
    public static byte[] compressIfLong(String text, byte[] utf8) {
        return text.length() >= FROM_CHARS ? compress(utf8) : null;
    }

    /** The UTF-8 bytes {@link #compress} was given; a damaged or foreign body is an {@link UncheckedIOException}. */
    public static byte[] decompress(byte[] packed) {
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(packed))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("a message body is not valid zstd", e);
        }
    }

    static String fromZstd(byte[] packed) {
        return new String(decompress(packed), StandardCharsets.UTF_8);
    }

    static String fromGzip(byte[] gzipped) {
        try {
            return read(new GZIPInputStream(new ByteArrayInputStream(gzipped), 8192));
        } catch (IOException e) {
            throw new UncheckedIOException("a stored message body is not valid gzip", e);
        }
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
