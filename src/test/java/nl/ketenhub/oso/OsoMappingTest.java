package nl.ketenhub.oso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.ketenhub.canonical.CanonicalValidator;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.oso.xml.Dossier;
import org.junit.jupiter.api.Test;

class OsoMappingTest {

    static final String VO_OIN = "00000099700000000001";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    private final OsoXml xml = new OsoXml();
    private final OsoToCanonical toCanonical = new OsoToCanonical();
    private final CanonicalToOso toOso = new CanonicalToOso();
    private final ObjectMapper json = OsoFixtures.jsonMapper();

    @Test
    void shouldMapEveryBlockOfTheFullDossierIntoAValidCanonicalDossier() {
        TransferDossier d = toCanonical.map(xml.read(OsoFixtures.bytes(OsoFixtures.FULL)), VO_OIN);

        assertThat(d.schoolYear()).isEqualTo("2026-2027");
        assertThat(d.school()).satisfies(s -> {
            assertThat(s.brin()).isEqualTo("01AA");
            assertThat(s.oin()).isEqualTo(VO_OIN);
        });
        assertThat(d.schoolDetails().headName()).isEqualTo("M. Directeur-Proef");
        assertThat(d.source().packageName()).isEqualTo("ProefLAS");
        assertThat(d.source().categoryRelease()).hasSize(16).containsEntry("cat_vve", "OPTIONEEL");
        assertThat(d.source().excludedBySource()).isNull();
        assertThat(d.consentEvidence().consentToTransfer()).isEqualTo("yes");
        assertThat(d.consentEvidence().seenOn()).isEqualTo(LocalDate.of(2026, 11, 12));
        assertThat(d.student().bsn()).isEqualTo("628194821");
        assertThat(d.student().givenNames()).isEqualTo("Sanne Marije");
        assertThat(d.student().gemeentecode()).isEqualTo("0998");
        assertThat(d.student().gender()).isEqualTo("female");
        assertThat(d.student().civilRegistry().birthDate()).isEqualTo(LocalDate.of(2010, 5, 14));
        assertThat(d.student().addresses()).hasSize(2).first().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("residential");
            assertThat(a.country()).isEqualTo("NL");
        });
        assertThat(d.parentsGuardians().persons()).extracting(TransferDossier.Person::relation)
                .containsExactly("parent", "parent", "other");
        assertThat(d.parentsGuardians().liableInstitution().name()).isEqualTo("Stichting Proefzorg");
        assertThat(d.schoolCareer().entries()).hasSize(5).first().satisfies(e -> {
            assertThat(e.yearGroup()).isEqualTo(1);
            assertThat(e.yearGroupCode()).isEqualTo("11");
        });
        assertThat(d.earlyChildhood().preschool().months()).isEqualTo(18);
        assertThat(d.results().diploma().outcome()).isEqualTo("passed");
        assertThat(d.results().careerOrientation().internships()).singleElement()
                .satisfies(i -> assertThat(i.organisation().name()).isEqualTo("Proef ICT Diensten"));
        assertThat(d.transferAdvice().advice()).isEqualTo("MBO niveau 3");
        assertThat(d.supportNeeds().diagnoses()).singleElement()
                .satisfies(g -> assertThat(g.codes()).containsExactly("DYS-01", "LEES-02"));
        assertThat(d.actionPlans().plans()).singleElement()
                .satisfies(p -> assertThat(p.document().contentBase64()).isNotBlank());
        assertThat(d.supportNeeds().arrangements()).extracting(TransferDossier.Arrangement::kind)
                .containsExactly("opp", "tlv", "arrangement-cluster12", "arrangement-pao", "lwoo");
        assertThat(d.supportNeeds().rvcAssessment().learningDelay()).isTrue();
        // leerlinggewicht, nnca, tehuis, huisarts and the enrolment dates are filed with the student, as OSO files them
        assertThat(d.student().homeSituation().culturalBackgroundCode()).isEqualTo("1");
        assertThat(d.student().generalPractitioner().familyName()).isEqualTo("Huisarts-Proef");
        assertThat(d.supportNeeds().homeSituation()).isNull();
        assertThat(d.supportNeeds().generalPractitioner()).isNull();
        assertThat(d.attendance().unauthorisedHalfDays()).isEqualTo(1);
        assertThat(d.attendance().documents()).hasSize(1);
        assertThat(d.primaryFinalTest().parts()).hasSize(2);
        assertThat(d.testResults().tests()).hasSize(3).last().satisfies(t -> {
            assertThat(t.title()).isNull();
            assertThat(t.name()).isEqualTo(t.code());
        });
        assertThat(d.gradeLists().lists()).hasSize(2).first()
                .satisfies(g -> assertThat(g.subjects()).extracting(TransferDossier.GradeSubject::name)
                        .containsExactly("Nederlands", "Wiskunde", "Lichamelijke opvoeding"));
        assertThat(d.results().examSubjects()).hasSize(7);
        assertThat(d.attachments().documents()).hasSize(2).allSatisfy(doc -> {
            assertThat(doc.sha256()).hasSize(64);
            assertThat(doc.sizeBytes()).isPositive();
        });

        assertThat(new CanonicalValidator(CLOCK).validate(envelope(d))).isEmpty();
    }

    @Test
    void shouldNeverTakeInCategoriesTheSourceOptedOut() {
        String original = OsoFixtures.text(OsoFixtures.OPT_OUT);
        assertThat(original).contains("<onderwijsondersteuning>", "<verzuim>", "<verzorger>", "<overigdocumentlijst>");

        TransferDossier d = toCanonical.map(xml.read(OsoFixtures.bytes(OsoFixtures.OPT_OUT)), VO_OIN);

        assertThat(d.supportNeeds()).isNull();
        assertThat(d.attendance()).isNull();
        assertThat(d.parentsGuardians()).isNull();
        assertThat(d.attachments()).isNull();
        assertThat(d.source().excludedBySource())
                .containsExactlyInAnyOrder("oudersverzorgers", "onderwijsondersteuning", "verzuim", "handelingsplannen",
                        "bijlagedocs");
        assertThat(d.student()).isNotNull();
        assertThat(d.results()).isNotNull();
        String canonicalJson = toJson(d);
        assertThat(canonicalJson).doesNotContain("Dyslexie", "Petra", "verzuimoverzicht", "portfolio.zip");
        // an opt-out of support needs drops exactly its elements: the student's huisarts is the student's (cat_leerling)
        assertThat(d.student().generalPractitioner().familyName()).isEqualTo("Huisarts-Proef");
        assertThat(new CanonicalValidator(CLOCK).validate(envelope(d))).isEmpty();
    }

    @Test
    void shouldCarryTheInzageBlockAsConsentEvidence() {
        TransferDossier d = toCanonical.map(xml.read(OsoFixtures.bytes(OsoFixtures.TOESTEMMING_NEE)), VO_OIN);

        assertThat(d.consentEvidence()).satisfies(e -> {
            assertThat(e.consentToTransfer()).isEqualTo("no");
            assertThat(e.agreesWithContent()).isEqualTo("no");
            assertThat(e.reasonNotAgreed()).startsWith("Ouders willen eerst");
            assertThat(e.seenByParentsOrStudent()).isTrue();
        });
        assertThat(d.source().provisional()).isFalse();
    }

    @Test
    void shouldRefuseADossierWithoutWhatTheCanonicalModelNeedsNamingEveryElement() {
        String original = OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE);
        String twoProblems = original.replace("<geboortedatum>2010-05-14</geboortedatum>", "<geboortemaand>2010-05</geboortemaand>")
                .replace("<cat_leerling>VERPLICHT</cat_leerling>", "<cat_leerling>VERBODEN</cat_leerling>");
        Dossier dossier = xml.read(twoProblems.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> toCanonical.map(dossier, VO_OIN))
                .isInstanceOfSatisfying(OsoMappingException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.pointer())
                        .containsExactly("/dossier/metadata/categorie_uitlevering/cat_leerling",
                                "/dossier/huidigeschool/leerling/geboortedatum"));
    }

    @Test
    void shouldFindTheGemeenteOfResidenceByCodeCurrentNameOtherSpellingOrFormerName() {
        String original = OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE);
        Map<String, String> named = new LinkedHashMap<>();
        named.put("0200", "0200");
        named.put("GM0200", "0200");
        named.put("Apeldoorn", "0200");
        named.put("  APELDOORN ", "0200");
        named.put("'s-Gravenhage", "0518");
        named.put("Den Haag", "0518");
        named.put("s Gravenhage", "0518");
        named.put("Den Bosch", "0796");
        named.put("Sudwest Fryslan", "1900");
        named.put("Gemeente Súdwest-Fryslân", "1900");
        named.put("St. Michielsgestel", "0845");
        named.put("Heerhugowaard", "1980");
        named.put("Weesp", "0363");
        named.put("0457", "0363");
        named.forEach((gemeente, code) -> {
            String sent = original.replaceAll("<gemeente>0998</gemeente>", "<gemeente>" + gemeente + "</gemeente>");
            Dossier dossier = xml.read(sent.getBytes(StandardCharsets.UTF_8));
            OsoToCanonical.Mapped m = toCanonical.mapAll(dossier, VO_OIN);

            assertThat(m.problems()).as(gemeente).isEmpty();
            assertThat(m.notes()).as(gemeente).isEmpty();
            assertThat(m.dossier().student().gemeentecode()).as(gemeente).isEqualTo(code);
            // the address keeps the gemeente as the school wrote it, so the dossier goes on unmodified
            String rendered = xml.write(toOso.render(m.dossier(), LocalDate.of(2026, 11, 28)));
            assertThat(OsoLeaves.of(rendered)).as(gemeente).containsExactlyElementsOf(OsoLeaves.of(xml.write(dossier)));
        });
    }

    @Test
    void shouldMapADossierWhoseGemeenteIsUnknownWithANamedNoteInsteadOfARefusal() {
        String original = OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE);
        for (String[] c : new String[][] {
            {"Xyzstad", "gemeente-unknown", "'Xyzstad' is neither a CBS code nor the name of a Dutch gemeente"},
            {"Haaren", "gemeente-split", "former gemeente Haaren was divided among Boxtel, Oisterwijk, Tilburg, Vught"}}) {
            String sent = original.replaceAll("<gemeente>0998</gemeente>", "<gemeente>" + c[0] + "</gemeente>");
            Dossier dossier = xml.read(sent.getBytes(StandardCharsets.UTF_8));

            OsoToCanonical.Mapped m = toCanonical.mapAll(dossier, VO_OIN);

            assertThat(m.problems()).isEmpty();
            assertThat(m.dossier().student().gemeentecode()).isNull();
            assertThat(m.notes()).singleElement().satisfies(n -> {
                assertThat(n.code()).isEqualTo(c[1]);
                assertThat(n.pointer()).isEqualTo("/dossier/huidigeschool/leerling/adreslijst/adres/gemeente");
                assertThat(n.detail()).startsWith(c[2]).contains("no gemeente can be told about this student");
            });
            assertThat(toCanonical.map(dossier, VO_OIN).student().familyName()).isNotBlank();
        }
    }

    @Test
    void shouldRefuseADossierWhoseStudentIsNotReleased() {
        String withheldStudent = OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE)
                .replace("<cat_leerling>VERPLICHT</cat_leerling>", "<cat_leerling>VERBODEN</cat_leerling>");
        Dossier dossier = xml.read(withheldStudent.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> toCanonical.map(dossier, VO_OIN))
                .isInstanceOfSatisfying(OsoMappingException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.pointer()).containsExactly("/dossier/metadata/categorie_uitlevering/cat_leerling"));
    }

    @Test
    void shouldWriteTheFullDossierBackAsItCame() {
        Dossier original = xml.read(OsoFixtures.bytes(OsoFixtures.FULL));
        TransferDossier canonical = fromJson(toJson(toCanonical.map(original, VO_OIN)));

        String rendered = xml.write(toOso.render(canonical, LocalDate.of(2026, 11, 28)));

        assertThat(OsoLeaves.of(rendered)).containsExactlyElementsOf(OsoLeaves.of(xml.write(original)));
    }

    @Test
    void shouldMarkWithheldCategoriesVerbodenAndLeaveTheirBlocksOut() {
        TransferDossier canonical = toCanonical.map(xml.read(OsoFixtures.bytes(OsoFixtures.FULL)), VO_OIN);
        TransferDossier gated = canonical.retainOnly(java.util.EnumSet.of(nl.ketenhub.canonical.DataCategory.IDENTITY,
                nl.ketenhub.canonical.DataCategory.SCHOOL_CAREER, nl.ketenhub.canonical.DataCategory.RESULTS,
                nl.ketenhub.canonical.DataCategory.TEST_RESULTS),
                java.util.List.of(new TransferDossier.Withheld(nl.ketenhub.canonical.DataCategory.SUPPORT_NEEDS, "awaiting-consent"),
                        new TransferDossier.Withheld(nl.ketenhub.canonical.DataCategory.ACTION_PLANS, "awaiting-consent")));

        String rendered = xml.write(toOso.render(gated, LocalDate.of(2026, 11, 28)));

        assertThat(rendered).contains("<cat_onderwijsondersteuning>VERBODEN</cat_onderwijsondersteuning>",
                "<cat_handelingsplannen>VERBODEN</cat_handelingsplannen>", "<cat_leerling>VERPLICHT</cat_leerling>",
                "<schoolloopbaanlijst>", "<toetslijst>");
        assertThat(rendered).doesNotContain("<onderwijsondersteuning>", "<verzorger>",
                "<overstapadvies>", "<verzuim>", "<overigdocumentlijst>");
        assertThat(rendered).as("the student's own fields go with the student").contains("<huisarts>", "<nnca>",
                "<datuminschrijving>");
    }

    @Test
    void shouldMapEveryOsoCategoryToACanonicalCategoryOfItsOwnAndBack() {
        var seen = new java.util.HashMap<nl.ketenhub.canonical.DataCategory, OsoCategory>();
        for (OsoCategory c : OsoCategory.values()) {
            if (c == OsoCategory.METADATA || c == OsoCategory.OUDERINZAGE || c == OsoCategory.SCHOOL) {
                assertThat(c.canonical()).as(c.element()).isEmpty();
                continue;
            }
            assertThat(c.canonical()).as(c.element()).hasSize(1);
            var canonical = c.canonical().iterator().next();
            assertThat(seen.put(canonical, c)).as(canonical + " shared by " + c.element()).isNull();
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrder(nl.ketenhub.canonical.DataCategory.values());
    }

    @Test
    void shouldKeepActionPlansAndGradeListsApartFromSupportNeedsAndExamResults() {
        TransferDossier canonical = toCanonical.map(xml.read(OsoFixtures.bytes(OsoFixtures.FULL)), VO_OIN);
        var keep = java.util.EnumSet.allOf(nl.ketenhub.canonical.DataCategory.class);
        keep.removeAll(java.util.List.of(nl.ketenhub.canonical.DataCategory.SUPPORT_NEEDS,
                nl.ketenhub.canonical.DataCategory.RESULTS, nl.ketenhub.canonical.DataCategory.PRIMARY_FINAL_TEST));
        TransferDossier gated = canonical.retainOnly(keep, java.util.List.of(
                new TransferDossier.Withheld(nl.ketenhub.canonical.DataCategory.SUPPORT_NEEDS, "awaiting-consent"),
                new TransferDossier.Withheld(nl.ketenhub.canonical.DataCategory.RESULTS, "awaiting-consent"),
                new TransferDossier.Withheld(nl.ketenhub.canonical.DataCategory.PRIMARY_FINAL_TEST, "awaiting-consent")));

        String rendered = xml.write(toOso.render(gated, LocalDate.of(2026, 11, 28)));

        // each OSO category is flagged by its own canonical category alone
        assertThat(rendered).contains("<cat_onderwijsondersteuning>VERBODEN</cat_onderwijsondersteuning>",
                "<cat_eindtoetsbo>VERBODEN</cat_eindtoetsbo>", "<cat_handelingsplannen>VERPLICHT</cat_handelingsplannen>",
                "<cat_cijferlijsten>VERPLICHT</cat_cijferlijsten>", "<cat_vombo>VERBODEN</cat_vombo>",
                "<cat_schoolloopbaan>VERPLICHT</cat_schoolloopbaan>", "<handelingsplan>", "<cijferlijstlijst>",
                "<schoolloopbaanlijst>", "<bevorderd>");
        assertThat(rendered).doesNotContain("<diagnose>", "<rvc>", "<eindtoets_basisonderwijs>", "<resultaatvakkenvo>",
                "<examenresultaat>", "<certificaat>", "<competenties>", "<stage>", "<overigvombo>");
        TransferDossier back = toCanonical.map(xml.read(rendered.getBytes(StandardCharsets.UTF_8)), VO_OIN);
        assertThat(back.actionPlans().plans()).hasSize(canonical.actionPlans().plans().size());
        assertThat(back.gradeLists()).isEqualTo(canonical.gradeLists());
        assertThat(back.supportNeeds()).isNull();
        assertThat(back.results()).isNull();
    }

    @Test
    void shouldRenderADossierBornAsCanonicalJsonAsValidOso() throws Exception {
        ObjectNode rest = (ObjectNode) json.readTree(getClass().getResourceAsStream("/payloads/fixtures/transfer-dossier.json"));
        TransferDossier d = json.treeToValue(rest.get("payload"), TransferDossier.class);

        String rendered = xml.write(toOso.render(d, LocalDate.of(2026, 11, 28)));

        assertThat(rendered).contains("<bsn>628194821</bsn>", "<achternaam>Voorbeeld</achternaam>", "<jaargroep>13</jaargroep>",
                "<advies>MBO niveau 3, ICT</advies>");
        TransferDossier back = toCanonical.map(xml.read(rendered.getBytes(StandardCharsets.UTF_8)), VO_OIN);
        assertThat(back.student().familyName()).isEqualTo("Voorbeeld");
        assertThat(back.results().examSubjects()).extracting(TransferDossier.ExamSubject::subject)
                .containsExactly("Nederlands", "Wiskunde");
    }

    private ObjectNode envelope(TransferDossier d) {
        ObjectNode e = json.createObjectNode();
        e.put("messageId", "oso-mapping-test-0001");
        e.put("type", "transfer-dossier");
        e.put("sender", VO_OIN);
        e.put("recipient", "00000099700000000101");
        e.put("sentAt", "2026-11-28T09:00:00Z");
        e.set("payload", json.valueToTree(d));
        return e;
    }

    private String toJson(TransferDossier d) {
        try {
            return json.writeValueAsString(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private TransferDossier fromJson(String s) {
        try {
            return json.readValue(s, TransferDossier.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
