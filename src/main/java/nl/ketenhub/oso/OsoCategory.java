package nl.ketenhub.oso;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import nl.ketenhub.canonical.DataCategory;

/**
 * The categories of OSO's categorie_uitlevering, and the canonical section(s) each one's blocks land in. A category the
 * source marks VERBODEN or OPT-UIT is never mapped, so its content cannot be forwarded whatever consent says.
 */
public enum OsoCategory {
    METADATA(EnumSet.noneOf(DataCategory.class)),
    OUDERINZAGE(EnumSet.noneOf(DataCategory.class)),
    SCHOOL(EnumSet.noneOf(DataCategory.class)),
    LEERLING(EnumSet.of(DataCategory.IDENTITY)),
    OUDERSVERZORGERS(EnumSet.of(DataCategory.PARENTS_GUARDIANS)),
    VVE(EnumSet.of(DataCategory.EARLY_CHILDHOOD)),
    SCHOOLLOOPBAAN(EnumSet.of(DataCategory.SCHOOL_CAREER)),
    OVERSTAPADVIES(EnumSet.of(DataCategory.TRANSFER_ADVICE)),
    ONDERWIJSONDERSTEUNING(EnumSet.of(DataCategory.SUPPORT_NEEDS)),
    VERZUIM(EnumSet.of(DataCategory.ATTENDANCE)),
    EINDTOETSBO(EnumSet.of(DataCategory.PRIMARY_FINAL_TEST)),
    TOETSRESULTATEN(EnumSet.of(DataCategory.TEST_RESULTS)),
    HANDELINGSPLANNEN(EnumSet.of(DataCategory.ACTION_PLANS)),
    CIJFERLIJSTEN(EnumSet.of(DataCategory.GRADE_LISTS)),
    VOMBO(EnumSet.of(DataCategory.RESULTS)),
    BIJLAGEDOCS(EnumSet.of(DataCategory.ATTACHMENTS));

    private final Set<DataCategory> canonical;

    OsoCategory(Set<DataCategory> canonical) {
        this.canonical = canonical;
    }

    /** The canonical sections this category's blocks are mapped into. */
    public Set<DataCategory> canonical() {
        return canonical;
    }

    /** The name without prefix, as listed in source.excludedBySource (e.g. onderwijsondersteuning). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The element name in categorie_uitlevering (e.g. cat_onderwijsondersteuning). */
    public String element() {
        return "cat_" + code();
    }
}
