package nl.ketenhub.soap;

import nl.ketenhub.partner.Partner;
import nl.ketenhub.security.PartnerAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The partner whose API key authenticated the current SOAP request (CXF runs on the request's own thread). */
final class SoapCaller {

    private SoapCaller() {}

    static Partner partner() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a instanceof PartnerAuthentication pa ? pa.partner() : null;
    }
}
