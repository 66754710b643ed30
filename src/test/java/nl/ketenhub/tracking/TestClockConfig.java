package nl.ketenhub.tracking;

import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the hub's clock with a {@link TestClock} that starts on Monday 1 March 2027. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfig {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock(Instant.parse("2027-03-01T08:00:00Z"));
    }
}
