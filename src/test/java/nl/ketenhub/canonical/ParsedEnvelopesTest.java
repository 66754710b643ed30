package nl.ketenhub.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The next hop gets an envelope only when it was parsed from the very text it read, and only once. */
class ParsedEnvelopesTest {

    private final ParsedEnvelopes parsed = new ParsedEnvelopes();

    @Test
    void shouldHandTheEnvelopeParsedFromTheSameTextOnce() {
        Envelope envelope = envelope("m-1");
        parsed.offer("trk-1", text("m-1"), envelope);

        assertThat(parsed.take("trk-1", new String(text("m-1")))).containsSame(envelope);
        assertThat(parsed.take("trk-1", text("m-1"))).as("taken already: the next attempt parses").isEmpty();
    }

    @Test
    void shouldNotHandAnEnvelopeParsedFromOtherText() {
        parsed.offer("trk-1", text("m-1"), envelope("m-1"));

        assertThat(parsed.take("trk-1", text("m-2"))).isEmpty();
        assertThat(parsed.size()).as("let go, not kept for a later match").isZero();
        assertThat(parsed.take("trk-unknown", text("m-1"))).isEmpty();
    }

    @Test
    void shouldLetTheOldestGoBeyondItsNumberOfEntries() {
        for (int i = 0; i <= ParsedEnvelopes.MAX_ENTRIES; i++) {
            parsed.offer("trk-" + i, text("m-" + i), envelope("m-" + i));
        }

        assertThat(parsed.size()).isEqualTo(ParsedEnvelopes.MAX_ENTRIES);
        assertThat(parsed.take("trk-0", text("m-0"))).as("the oldest").isEmpty();
        assertThat(parsed.take("trk-1", text("m-1"))).isPresent();
        assertThat(parsed.take("trk-" + ParsedEnvelopes.MAX_ENTRIES, text("m-" + ParsedEnvelopes.MAX_ENTRIES))).isPresent();
    }

    @Test
    void shouldLetTheOldestGoBeyondItsCharacters() {
        String large = "x".repeat((int) (ParsedEnvelopes.MAX_CHARS / 4) - 10);
        for (int i = 0; i < 5; i++) {
            parsed.offer("trk-" + i, large + i, envelope("m-" + i));
        }

        assertThat(parsed.size()).as("four fit").isEqualTo(4);
        assertThat(parsed.take("trk-0", large + 0)).isEmpty();
        assertThat(parsed.take("trk-1", large + 1)).isPresent();
        assertThat(parsed.take("trk-4", large + 4)).isPresent();
    }

    @Test
    void shouldCountAReplacedEntryOnce() {
        String large = "x".repeat((int) (ParsedEnvelopes.MAX_CHARS / 2));
        parsed.offer("trk-1", large, envelope("m-1"));
        parsed.offer("trk-1", large, envelope("m-1"));
        parsed.offer("trk-2", "{}", envelope("m-2"));

        assertThat(parsed.take("trk-1", large)).as("one copy of its text counted, so nothing had to go").isPresent();
    }

    private static String text(String messageId) {
        return "{\"messageId\":\"" + messageId + "\"}";
    }

    private static Envelope envelope(String messageId) {
        return new Envelope(messageId, MessageType.APPLICATION_STATUS, "00000099800000000002", "00000099800000000001",
                Instant.parse("2026-12-01T10:00:00Z"), null, JsonNodeFactory.instance.objectNode());
    }
}
