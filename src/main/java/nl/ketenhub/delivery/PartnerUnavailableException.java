package nl.ketenhub.delivery;

/** The recipient cannot take deliveries now (disabled): retried, then parked. */
public class PartnerUnavailableException extends RuntimeException {

    public PartnerUnavailableException(String message) {
        super(message);
    }
}
