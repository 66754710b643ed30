package nl.ketenhub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import nl.ketenhub.canonical.Identifiers;
import org.junit.jupiter.api.Test;

class DemoTrafficTest {

    @Test
    void shouldOnlyMakeUpBsnsThatPassTheElevenProef() {
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(Identifiers.checkBsn(DemoTraffic.bsn(random))).isEmpty();
        }
    }
}
