package nl.ketenhub.csv;

/** No line of a CSV file could be processed: the file moves to failed/, its error file beside it. */
public class CsvFileRefusedException extends RuntimeException {

    public CsvFileRefusedException(String message) {
        super(message);
    }
}
