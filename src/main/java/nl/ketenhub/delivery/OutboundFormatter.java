package nl.ketenhub.delivery;

import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.partner.PartnerFormat;

/** Renders what the gate let through in the format a partner asked for. */
public interface OutboundFormatter {

    PartnerFormat format();

    String contentType();

    String render(Envelope gated);
}
