package nl.ketenhub.security;

import java.util.List;
import nl.ketenhub.partner.Partner;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated partner system (by API key). */
public class PartnerAuthentication extends AbstractAuthenticationToken {

    public static final String ROLE_PARTNER = "ROLE_PARTNER";

    private final Partner partner;

    public PartnerAuthentication(Partner partner) {
        super(List.of(new SimpleGrantedAuthority(ROLE_PARTNER),
                new SimpleGrantedAuthority("ROLE_PARTNER_" + partner.kind().name())));
        this.partner = partner;
        setAuthenticated(true);
    }

    public Partner partner() {
        return partner;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return partner;
    }

    @Override
    public String getName() {
        return "partner:" + partner.oin();
    }
}
