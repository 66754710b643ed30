package nl.ketenhub.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EnvelopeReaderTest {

    private final EnvelopeReader reader = new EnvelopeReader();

    @Test
    void shouldIgnoreAUtf8ByteOrderMarkAndHandOnTheTextWithoutIt() throws Exception {
        byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8));

        EnvelopeReader.Read read = reader.read(body);

        assertThat(read.text()).isEqualTo("{\"a\":\"é\"}");
        assertThat(read.node().path("a").asText()).isEqualTo("é");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32", "UTF-32LE", "UTF-32BE"})
    void shouldRefuseUtf16AndUtf32NamingTheEncoding(String charset) {
        byte[] body = "{\"messageId\":\"x\"}".getBytes(Charset.forName(charset));

        assertThatThrownBy(() -> reader.read(body))
                .isInstanceOfSatisfying(EnvelopeReader.Refused.class, r -> {
                    assertThat(r.type()).isEqualTo("unsupported-encoding");
                    assertThat(r.getMessage()).contains(charset.substring(0, 6)).contains("must be UTF-8");
                });
    }

    @Test
    void shouldRefuseLatin1WithTheOffsetOfTheFirstBadByte() {
        byte[] body = "{\"name\":\"Zoë\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> reader.read(body))
                .isInstanceOfSatisfying(EnvelopeReader.Refused.class, r -> {
                    assertThat(r.type()).isEqualTo("unsupported-encoding");
                    assertThat(r.getMessage()).contains("byte offset 11");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e309", "-1e309", "1e999999999", "-1.7976931348623159e308"})
    void shouldRefuseNumbersBeyondADouble(String literal) {
        byte[] body = ("{\"type\": " + literal + "}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.read(body))
                .isInstanceOfSatisfying(EnvelopeReader.Refused.class, r -> {
                    assertThat(r.type()).isEqualTo("invalid-json");
                    assertThat(r.getMessage()).contains("finite");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":1} {\"b\":2}", "{\"a\":1,\"a\":2}", "{\"a\":1 /* c */}", "{\"a\":NaN}", "", "   ", "{'a':1}",
        "{\"a\":\"\u0000\"}"
    })
    void shouldRefuseWhatRfc8259DoesNotAllow(String text) {
        assertThatThrownBy(() -> reader.read(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(EnvelopeReader.Refused.class, r -> {
                    assertThat(r.type()).isEqualTo("invalid-json");
                    assertThat(r.getMessage()).doesNotContain("\u0000");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"payload\":{\"student\":{},\"x\":[{\"a\":1,\"b\":2,\"a\":1}]}}"})
    void shouldNameADuplicateMemberAndWhereItIs(String text) {
        assertThatThrownBy(() -> reader.read(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(EnvelopeReader.Refused.class, r -> {
                    assertThat(r.type()).isEqualTo("invalid-json");
                    assertThat(r.getMessage()).startsWith("not well-formed JSON: duplicate member name \"a\"")
                            .containsPattern("\\(line 1, column \\d+\\)$")
                            .doesNotContain("ObjectNode", "DeserializationFeature");
                });
    }

    @Test
    void shouldRefuseDeepNesting() {
        String deep = "[".repeat(EnvelopeReader.MAX_DEPTH + 1) + "]".repeat(EnvelopeReader.MAX_DEPTH + 1);

        assertThatThrownBy(() -> reader.read(deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EnvelopeReader.Refused.class);
    }

    @Test
    void shouldAcceptLargeButFiniteNumbers() throws Exception {
        assertThat(reader.read("{\"n\":1.7976931348623157e308,\"m\":-1e-400}".getBytes(StandardCharsets.UTF_8))
                .node().path("n").isNumber()).isTrue();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
