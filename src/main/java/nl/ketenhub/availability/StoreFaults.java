package nl.ketenhub.availability;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure of a store the hub cannot do without (the database away or closed, the broker unreachable or
 * blocking, the disk full) from a failure of the request itself: the first is "send it again later" (503), never a
 * plain 500.
 */
public final class StoreFaults {

    /** H2: database closed, I/O errors, file corrupted or locked, out of memory (e.g. after a write to a full disk). */
    private static final Set<Integer> H2_STORE_ERRORS = Set.of(90098, 90028, 90031, 90030, 90020, 90108, 90121);

    private StoreFaults() {}

    public static boolean isStoreFault(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof CannotCreateTransactionException || t instanceof TransactionSystemException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof jakarta.jms.JMSException || t instanceof org.springframework.jms.JmsException) {
                return true;
            }
            if (t instanceof SQLException sql && isStoreState(sql)) {
                return true;
            }
            if (t instanceof IOException io && io.getMessage() != null && io.getMessage().contains("No space left")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * SQL states of a connection lost (class 08), a server shutting down or away (57P01-57P03), insufficient resources
     * such as a full disk (class 53), and H2's codes for a closed or unwritable database.
     */
    private static boolean isStoreState(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"))) {
            return true;
        }
        if (H2_STORE_ERRORS.contains(sql.getErrorCode())) {
            return true;
        }
        String message = sql.getMessage();
        return message != null && (message.contains("No space left") || message.contains("Database is already closed")
                || message.equals("Connection is closed"));
    }
}
