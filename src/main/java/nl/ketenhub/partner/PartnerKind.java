package nl.ketenhub.partner;

/** What kind of organisation a partner is. */
public enum PartnerKind {
    VO,
    MBO,
    GEMEENTE
}
