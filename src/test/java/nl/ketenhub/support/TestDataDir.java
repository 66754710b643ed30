package nl.ketenhub.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives every Spring test context its own data directory (broker journal and H2 database) under target/, unless
 * the test names one itself with {@code ketenhub.data-dir}.
 */
public class TestDataDir implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (context.getEnvironment().containsProperty("ketenhub.test.fixed-data-dir")) {
            return;
        }
        TestPropertyValues.of("ketenhub.data-dir=" + fresh("ctx")).applyTo(context);
    }

    public static String fresh(String prefix) {
        try {
            Path base = Paths.get("target", "test-data");
            Files.createDirectories(base);
            return Files.createTempDirectory(base, prefix + "-").toAbsolutePath().toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
