package nl.ketenhub.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnmappableCharacterException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a submitted envelope as RFC 8259 JSON text, once, at the edge: what it returns is the text the queues carry
 * and the core parses again, so whatever the edge accepts the core can read.
 *
 * <ul>
 *   <li>UTF-8 only (RFC 8259 section 8.1). A UTF-8 byte order mark is ignored (the RFC allows that); a UTF-16 or
 *       UTF-32 body (with or without a byte order mark) and any malformed UTF-8 sequence are refused with the
 *       offset of the first bad byte.</li>
 *   <li>Exactly one JSON value, no trailing content, no duplicate member names, no comments or other extensions.</li>
 *   <li>Numbers must be finite as an IEEE double: {@code 1e309} is refused, not turned into infinity.</li>
 *   <li>At most {@link #MAX_DEPTH} levels of nesting (envelopes are shallow).</li>
 * </ul>
 */
public final class EnvelopeReader {

    /** Deepest nesting accepted; the canonical schemas need fewer than ten levels. */
    public static final int MAX_DEPTH = 64;

    /** Why a body was refused: {@code type} is the problem type, {@code detail} says what and where. */
    public static final class Refused extends Exception {
        private final String type;

        Refused(String type, String detail) {
            super(detail, null, false, false);
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    /** The parsed envelope and the exact text it was parsed from (the byte order mark removed). */
    public record Read(JsonNode node, String text) {}

    private static final class NonFiniteNumber extends RuntimeException {
        NonFiniteNumber() {
            super(null, null, false, false);
        }
    }

    /** Builds number nodes only for finite values; everything else as Jackson does. */
    private static final class FiniteNumbers extends JsonNodeFactory {
        FiniteNumbers() {
            super(false);
        }

        @Override
        public NumericNode numberNode(double v) {
            if (!Double.isFinite(v)) {
                throw new NonFiniteNumber();
            }
            return super.numberNode(v);
        }

        @Override
        public NumericNode numberNode(float v) {
            if (!Float.isFinite(v)) {
                throw new NonFiniteNumber();
            }
            return super.numberNode(v);
        }

        @Override
        public com.fasterxml.jackson.databind.node.ValueNode numberNode(Double value) {
            if (value != null && !Double.isFinite(value)) {
                throw new NonFiniteNumber();
            }
            return super.numberNode(value);
        }
    }

    private final ObjectReader reader;

    public EnvelopeReader() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
        // duplicate member names are refused as the tree is built, where a name already in the object is known
        // anyway, rather than by the parser keeping a second set of the names of every object
        this.reader = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .reader()
                .with(new FiniteNumbers());
    }

    /** Decodes and parses a body; the node is whatever JSON value it holds (the caller checks it is an object). */
    public Read read(byte[] body) throws Refused {
        String text = decode(body);
        JsonNode node;
        try {
            node = reader.readTree(text);
        } catch (NonFiniteNumber e) {
            throw new Refused("invalid-json", "a number is too large to be a finite IEEE 754 double (RFC 8259 section 6)");
        } catch (MismatchedInputException e) {
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            String what = duplicate.lookingAt()
                    ? "duplicate member name \"" + duplicate.group(1) + "\" (names within an object must be unique)"
                    : e.getOriginalMessage();
            throw new Refused("invalid-json", "not well-formed JSON: " + printable(what) + at(e));
        } catch (JsonProcessingException e) {
            throw new Refused("invalid-json", "not well-formed JSON: " + printable(e.getOriginalMessage()) + at(e));
        }
        if (node == null || node.isMissingNode()) {
            throw new Refused("invalid-json", "the body holds no JSON value");
        }
        return new Read(node, text);
    }

    /** Jackson's words for a member name the object already has, with the name. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)' for `ObjectNode`", Pattern.DOTALL);

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** The body as text: UTF-8 with an optional byte order mark, nothing else. */
    static String decode(byte[] body) throws Refused {
        String other = otherUnicodeEncoding(body);
        if (other != null) {
            throw new Refused("unsupported-encoding", "the body is " + other + "; JSON exchanged between systems must be "
                    + "UTF-8 (RFC 8259 section 8.1)");
        }
        int start = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF
                ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, start, body.length - start);
        try {
            CharBuffer chars = decoder.decode(in);
            return chars.toString();
        } catch (MalformedInputException | UnmappableCharacterException e) {
            throw new Refused("unsupported-encoding", "the body is not valid UTF-8: malformed byte sequence at byte offset "
                    + in.position() + " (RFC 8259 section 8.1)");
        } catch (CharacterCodingException e) {
            throw new Refused("unsupported-encoding", "the body is not valid UTF-8 (RFC 8259 section 8.1)");
        }
    }

    /** Names a UTF-16 or UTF-32 body by its byte order mark or its zero bytes among the first four (RFC 4627 section 3). */
    static String otherUnicodeEncoding(byte[] b) {
        int n = b.length;
        int b0 = n > 0 ? b[0] & 0xFF : -1;
        int b1 = n > 1 ? b[1] & 0xFF : -1;
        int b2 = n > 2 ? b[2] & 0xFF : -1;
        int b3 = n > 3 ? b[3] & 0xFF : -1;
        if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) {
            return "UTF-32BE (byte order mark 00 00 FE FF)";
        }
        if (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0) {
            return "UTF-32LE (byte order mark FF FE 00 00)";
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            return "UTF-16BE (byte order mark FE FF)";
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            return "UTF-16LE (byte order mark FF FE)";
        }
        if (n >= 4 && b0 == 0 && b1 == 0 && b2 == 0 && b3 != 0) {
            return "UTF-32BE";
        }
        if (n >= 4 && b0 != 0 && b1 == 0 && b2 == 0 && b3 == 0) {
            return "UTF-32LE";
        }
        if (n >= 2 && b0 == 0 && b1 != 0) {
            return "UTF-16BE";
        }
        if (n >= 2 && b0 != 0 && b1 == 0) {
            return "UTF-16LE";
        }
        return null;
    }

    /** Control characters in a parser's message shown as code points, so the detail stays one printable line. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0xFEFF || (c >= 0xD800 && c <= 0xDFFF)) {
                out.append(String.format("U+%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
