package nl.ketenhub.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import nl.ketenhub.ledger.BodyCompression;
import org.junit.jupiter.api.Test;

class BodiesTest {

    private static final String LONG = "{\"toelichting\":\"" + "één leerling, ‘extra’ begeleiding 😀 ".repeat(400) + "\"}";
    private static final String SHORT = "{\"status\":\"aangemeld\",\"naam\":\"één\"}";

    @Test
    void shouldCompressALongBodyAndReadItBackAsTheSameBytes() {
        Map<String, Object> headers = new HashMap<>();

        Bodies.Queued queued = Bodies.queued(LONG, null);
        queued.describeIn(headers);

        assertThat(headers).containsEntry(Headers.BODY_ENCODING, Bodies.ZSTD);
        assertThat(queued.bytes().length).isLessThan(LONG.getBytes(StandardCharsets.UTF_8).length / 10);
        assertThat((byte[]) Bodies.plain(queued.bytes(), headers)).isEqualTo(LONG.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldCarryTheCompressedFormTheLedgerMadeRatherThanCompressAgain() {
        byte[] ledgers = BodyCompression.compress(LONG.getBytes(StandardCharsets.UTF_8));

        assertThat(Bodies.queued(LONG, ledgers).bytes()).isSameAs(ledgers);
    }

    @Test
    void shouldLeaveAShortBodyAsUtf8AndDropAnEncodingItsMessageCarriedBefore() {
        Map<String, Object> headers = new HashMap<>(Map.of(Headers.BODY_ENCODING, Bodies.ZSTD));

        Bodies.Queued queued = Bodies.queued(SHORT, null);
        queued.describeIn(headers);

        assertThat(headers).doesNotContainKey(Headers.BODY_ENCODING);
        assertThat(queued.bytes()).isEqualTo(SHORT.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadABodyWithoutTheHeaderAsItIsAsTheHubQueuedItBeforeCompression() {
        byte[] plain = LONG.getBytes(StandardCharsets.UTF_8);

        assertThat((byte[]) Bodies.plain(plain, Map.of())).isSameAs(plain);
        assertThat(Bodies.plain(SHORT, Map.of())).isEqualTo(SHORT);
    }
}
