package nl.ketenhub.gemeente;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gemeente list: the bundled one, or the file {@code ketenhub.gemeenten.file} names (same form), so a new
 * municipal reorganisation needs no release. A configured file that cannot be read or is inconsistent stops the start.
 */
@Configuration
public class GemeentenConfig {

    private static final Logger log = LoggerFactory.getLogger(GemeentenConfig.class);

    @Bean
    Gemeenten gemeenten(GemeentenProperties properties) {
        String file = properties.file();
        Gemeenten list = file == null || file.isBlank() ? Gemeenten.bundled() : Gemeenten.load(Path.of(file));
        log.info("gemeente list {} version {}: {} gemeenten", list.origin(), list.version(), list.current().size());
        return list;
    }
}
