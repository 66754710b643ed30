package nl.ketenhub.delivery;

/**
 * The partner refused the delivery in a way that retrying cannot change (a SOAP Client fault, an HTTP 4xx other than
 * 408/425/429 from a channel that is not Camel's HTTP component): the delivery is parked at once.
 */
public class PermanentDeliveryException extends RuntimeException {

    public PermanentDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
