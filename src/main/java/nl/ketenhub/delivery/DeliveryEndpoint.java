package nl.ketenhub.delivery;

import nl.ketenhub.partner.Partner;

/**
 * Where a delivery reaches its recipient, when a partner keeps more than one endpoint (absence implements it: a
 * gemeente may take Leerplicht and RMC absence reports at separate endpoints).
 */
public interface DeliveryEndpoint {

    /** The recipient as this delivery should reach it: with another endpoint, or unchanged. */
    Partner recipientFor(Partner recipient, String type, String body);
}
