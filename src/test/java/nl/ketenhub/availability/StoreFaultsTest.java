package nl.ketenhub.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

class StoreFaultsTest {

    @Test
    void shouldTakeAStoreThatIsAwayOrFullForAStoreFault() {
        assertThat(StoreFaults.isStoreFault(new IllegalStateException("wrapped",
                new CannotGetJdbcConnectionException("no connection", new SQLTransientConnectionException("timeout"))))).isTrue();
        assertThat(StoreFaults.isStoreFault(new UncategorizedSQLException("insert", "insert",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(StoreFaults.isStoreFault(new UncategorizedSQLException("insert", "insert",
                new SQLException("could not extend file: No space left on device", "53100")))).isTrue();
        assertThat(StoreFaults.isStoreFault(new SQLException("Database is already closed", "90098", 90098))).isTrue();
        assertThat(StoreFaults.isStoreFault(new RuntimeException(new IOException("No space left on device")))).isTrue();
        assertThat(StoreFaults.isStoreFault(new org.springframework.jms.UncategorizedJmsException("blocked"))).isTrue();
        assertThat(StoreFaults.isStoreFault(new org.springframework.transaction.TransactionSystemException(
                "JDBC rollback failed", new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void shouldNotTakeAFaultOfTheRequestForAStoreFault() {
        assertThat(StoreFaults.isStoreFault(new DataIntegrityViolationException("duplicate key"))).isFalse();
        assertThat(StoreFaults.isStoreFault(new IllegalArgumentException("bad input"))).isFalse();
        assertThat(StoreFaults.isStoreFault(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(StoreFaults.isStoreFault(null)).isFalse();
    }
}
