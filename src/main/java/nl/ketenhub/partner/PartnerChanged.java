package nl.ketenhub.partner;

/** Published when a partner is created, changed, enabled or disabled. */
public record PartnerChanged(Partner partner) {}
