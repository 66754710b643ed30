package nl.ketenhub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.delivery.CategoryDecision;
import nl.ketenhub.delivery.GateDecision;
import nl.ketenhub.oso.CanonicalToOso;
import nl.ketenhub.oso.OsoFixtures;
import nl.ketenhub.oso.OsoToCanonical;
import nl.ketenhub.oso.OsoXml;
import nl.ketenhub.oso.xml.CategorieUitlevering;
import nl.ketenhub.oso.xml.Dossier;
import nl.ketenhub.oso.xml.Uitlevering;
import nl.ketenhub.partner.TransferKind;
import org.junit.jupiter.api.Test;

/**
 * A supplement carries only what consent released later; what it says of the rest must tell "not in this part"
 * from "the school has none".
 */
class SupplementFlagsTest {

    private final OsoXml xml = new OsoXml();
    private final TransferDossier dossier = new OsoToCanonical().map(xml.read(OsoFixtures.bytes(OsoFixtures.FULL)),
            "00000099700000000001");

    @Test
    void shouldListEveryCategoryASupplementDoesNotCarryWithWhy() {
        Set<DataCategory> carried = EnumSet.of(DataCategory.IDENTITY, DataCategory.TRANSFER_ADVICE,
                DataCategory.PARENTS_GUARDIANS);
        Set<DataCategory> stillHeld = EnumSet.of(DataCategory.EARLY_CHILDHOOD, DataCategory.TEST_RESULTS, DataCategory.TRANSFER_ADVICE,
                DataCategory.PARENTS_GUARDIANS, DataCategory.SUPPORT_NEEDS, DataCategory.ATTACHMENTS);
        GateDecision now = new GateDecision(TransferKind.VO_MBO, "test", List.of(
                CategoryDecision.forward(DataCategory.TRANSFER_ADVICE, "consent", 1L),
                CategoryDecision.forward(DataCategory.PARENTS_GUARDIANS, "consent", 1L),
                CategoryDecision.hold(DataCategory.SUPPORT_NEEDS, "awaiting-consent"),
                CategoryDecision.drop(DataCategory.ATTACHMENTS, "never")));

        List<TransferDossier.Withheld> notes = ConsentEnforcement.notInSupplement(dossier, carried, stillHeld, now);

        assertThat(notes).containsExactly(
                new TransferDossier.Withheld(DataCategory.SCHOOL_CAREER, "delivered-separately"),
                new TransferDossier.Withheld(DataCategory.EARLY_CHILDHOOD, "awaiting-consent"),
                new TransferDossier.Withheld(DataCategory.RESULTS, "delivered-separately"),
                new TransferDossier.Withheld(DataCategory.GRADE_LISTS, "delivered-separately"),
                new TransferDossier.Withheld(DataCategory.PRIMARY_FINAL_TEST, "delivered-separately"),
                new TransferDossier.Withheld(DataCategory.TEST_RESULTS, "awaiting-consent"),
                new TransferDossier.Withheld(DataCategory.SUPPORT_NEEDS, "awaiting-consent"),
                new TransferDossier.Withheld(DataCategory.ACTION_PLANS, "delivered-separately"),
                new TransferDossier.Withheld(DataCategory.ATTENDANCE, "delivered-separately"),
                new TransferDossier.Withheld(DataCategory.ATTACHMENTS, "never"));
    }

    @Test
    void shouldMarkInOsoEveryCategoryASupplementDoesNotCarryAsVerbodenAndKeepTheSourcesValueForTheRest() {
        Set<DataCategory> carried = EnumSet.of(DataCategory.IDENTITY, DataCategory.TRANSFER_ADVICE,
                DataCategory.PARENTS_GUARDIANS);
        GateDecision now = new GateDecision(TransferKind.VO_MBO, "test", List.of());
        TransferDossier supplement = dossier.retainOnly(carried,
                ConsentEnforcement.notInSupplement(dossier, carried, EnumSet.of(DataCategory.SUPPORT_NEEDS), now));

        Dossier rendered = new CanonicalToOso().render(supplement, LocalDate.of(2027, 4, 20));

        CategorieUitlevering flags = rendered.getMetadata().getCategorieUitlevering();
        assertThat(flags.getCatOverstapadvies()).isEqualTo(Uitlevering.VERPLICHT);
        assertThat(flags.getCatOudersverzorgers()).isEqualTo(Uitlevering.VERPLICHT);
        assertThat(flags.getCatLeerling()).isEqualTo(Uitlevering.VERPLICHT);
        for (Uitlevering notCarried : List.of(flags.getCatOnderwijsondersteuning(), flags.getCatHandelingsplannen(),
                flags.getCatVerzuim(), flags.getCatBijlagedocs(), flags.getCatSchoolloopbaan(), flags.getCatVve(),
                flags.getCatCijferlijsten(), flags.getCatToetsresultaten(), flags.getCatEindtoetsbo(), flags.getCatVombo())) {
            assertThat(notCarried).isEqualTo(Uitlevering.VERBODEN);
        }
        var leerling = rendered.getHuidigeschool().getLeerling();
        assertThat(leerling.getOverstapadvies()).isNotNull();
        assertThat(leerling.getVerzuim()).isNull();
        assertThat(leerling.getSchoolloopbaanlijst()).isNull();
        assertThat(leerling.getOverigdocumentlijst()).isNull();
    }
}
