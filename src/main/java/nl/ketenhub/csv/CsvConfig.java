package nl.ketenhub.csv;

import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The CSV exchange's settings and the idempotent repository that makes sure a dropped file is read once. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CsvProperties.class)
public class CsvConfig {

    @Bean
    org.apache.camel.spi.IdempotentRepository csvInboxIdempotency(DataSource dataSource) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, "csv-intake");
        repository.setCreateTableIfNotExists(false);
        return new HashedKeyRepository(repository);
    }
}
