package nl.ketenhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Large bodies go into the ledger compressed and come back as they were, and a damaged one is named as such. */
class BodyCompressionTest {

    @Test
    void shouldGiveBackEveryCharacterOfWhatItCompressed() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            text.append("{\"toelichting\":\"").append(i).append(": één leerling, ‘extra’ begeleiding, 😀\"},");
        }
        byte[] packed = BodyCompression.compress(text.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(packed.length).isLessThan(text.toString().getBytes(StandardCharsets.UTF_8).length / 4);
        assertThat(BodyCompression.fromZstd(packed)).isEqualTo(text.toString());
    }

    @Test
    void shouldSayWhatIsWrongWithABodyThatIsNotZstd() {
        byte[] damaged = BodyCompression.compress(("{\"a\":\"" + "b".repeat(10_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        damaged[0] ^= 0x55;

        assertThatThrownBy(() -> BodyCompression.fromZstd(damaged)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("not valid zstd");
        assertThatThrownBy(() -> BodyCompression.fromGzip("not gzip".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("not valid gzip");
    }
}
