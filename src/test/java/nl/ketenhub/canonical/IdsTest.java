package nl.ketenhub.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The ledger's new keys: UUIDs whose text sorts in the order they were made, so new rows land on the last pages. */
class IdsTest {

    @Test
    void shouldMakeVersion7UuidsInTheirUsualTextForm() {
        String id = Ids.next();

        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(UUID.fromString(id).version()).isEqualTo(7);
    }

    @Test
    void shouldSortIdsAsTextInTheOrderTheyWereMade() {
        // many within one millisecond, and over several
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            made.add(Ids.next());
        }

        assertThat(made).isSorted();
        assertThat(new HashSet<>(made)).hasSize(made.size());
    }

    @Test
    void shouldNeverRepeatAnIdAcrossThreads() {
        Set<String> ids = ConcurrentHashMap.newKeySet();

        IntStream.range(0, 40_000).parallel().forEach(i -> ids.add(Ids.next()));

        assertThat(ids).hasSize(40_000);
    }
}
