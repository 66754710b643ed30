package nl.ketenhub.delivery;

import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Camel's JDBC idempotent repository, keyed by (messageId, recipient): a delivery is done at most once. */
@Configuration(proxyBeanMethods = false)
public class IdempotencyConfig {

    @Bean
    JdbcMessageIdRepository deliveryIdempotency(DataSource dataSource) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, "delivery");
        // The table comes from the Flyway migrations, identical on H2 and PostgreSQL.
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}
