package nl.ketenhub.oso;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import nl.ketenhub.canonical.DataCategory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The instances of the OSO conformance corpus, and what the receiver of each should get: variations of the synthetic
 * dossiers with names with tussenvoegsels and diacritics, dossier dates over several school years, optional elements
 * dropped, texts replaced and every category VERPLICHT, OPTIONEEL, VERBODEN or OPT-UIT.
 */
public final class OsoCorpus {

    private static final String NS = OsoXml.NAMESPACE;
    private static final String[] GIVEN = {"Zoë", "Chloé", "Noël", "Anaïs", "Jesús", "Eliška", "Fenna", "Mehmet"};
    private static final String[] INFIX = {"van", "van der", "de", "'t", "van den", "in 't", "ter", "d'"};
    private static final String[] FAMILY = {"Çelik", "Öztürk", "Bakker-de Wit", "Hoëvenaars", "Nguyễn", "Jansen",
        "Müller", "Ødegård"};
    /**
     * The leerling elements of each canonical section the gate may withhold (action plans, handelingsplan, travel
     * inside onderwijsondersteuning: see {@link #withoutSupportParts}).
     */
    private static final Map<DataCategory, Set<String>> SECTION_ELEMENTS = Map.ofEntries(
            Map.entry(DataCategory.SCHOOL_CAREER, Set.of("schoolloopbaanlijst", "bevorderd", "teruggeplaatstnaarbrin")),
            Map.entry(DataCategory.EARLY_CHILDHOOD, Set.of("vanpeuterspeelzaal", "naampeuterspeelzaal", "voorschools", "vroegschools")),
            Map.entry(DataCategory.RESULTS, Set.of("examenresultaat", "resultaatvakkenvo", "certificaat", "competenties",
                    "stage", "overigvombo")),
            Map.entry(DataCategory.GRADE_LISTS, Set.of("cijferlijstlijst")),
            Map.entry(DataCategory.PRIMARY_FINAL_TEST, Set.of("eindtoets_basisonderwijs")),
            Map.entry(DataCategory.TEST_RESULTS, Set.of("toetslijst")),
            Map.entry(DataCategory.TRANSFER_ADVICE, Set.of("overstapadvies")),
            Map.entry(DataCategory.ATTENDANCE, Set.of("verzuim")),
            Map.entry(DataCategory.PARENTS_GUARDIANS, Set.of("verzorger", "verzorgersaansprakelijk", "aansprakelijkeinstelling")),
            Map.entry(DataCategory.ATTACHMENTS, Set.of("overigdocumentlijst")));

    private OsoCorpus() {}

    /** One instance: the dossier as sent, the categories it excludes, and its date. */
    public record Instance(String sent, List<String> excluded, LocalDate dated) {}

    /** An instance varied from one of the synthetic dossiers (its text); it may be one the schema refuses. */
    public static Instance instance(Random random, String dossier) throws Exception {
        Document doc = OsoRoundTripPropertyTest.parse(dossier);
        Element leerling = (Element) doc.getElementsByTagNameNS(NS, "leerling").item(0);
        name(leerling, random);
        LocalDate dated = LocalDate.of(2019 + random.nextInt(9), 1 + random.nextInt(12), 1 + random.nextInt(28));
        first(doc, "datum").setTextContent(dated.toString());
        OsoRoundTripPropertyTest.dropSomeOptionalElements(leerling, random);
        OsoRoundTripPropertyTest.replaceSomeTexts(leerling, random);
        List<String> excluded = release(doc, random);
        return new Instance(OsoRoundTripPropertyTest.serialize(doc), excluded, dated);
    }

    /**
     * The dossier a receiver should get (as written by the hub's OSO writer): the instance less what the school
     * excluded and less the sections the gate withheld, those flagged VERBODEN.
     */
    public static String expected(String sent, List<String> excluded, Set<DataCategory> withheld) throws Exception {
        Document expected = OsoRoundTripPropertyTest.withoutExcluded(OsoRoundTripPropertyTest.parse(sent), excluded);
        Element leerling = (Element) expected.getElementsByTagNameNS(NS, "leerling").item(0);
        for (DataCategory c : withheld) {
            for (Node n : OsoRoundTripPropertyTest.children(leerling)) {
                if (SECTION_ELEMENTS.getOrDefault(c, Set.of()).contains(n.getLocalName())) {
                    leerling.removeChild(n);
                }
            }
        }
        withoutSupportParts(leerling, withheld);
        Element flags = first(expected, "categorie_uitlevering");
        if (flags == null && !withheld.isEmpty()) {
            // a dossier sent without release flags gets them when the hub withholds: the rest OPTIONEEL
            flags = expected.createElementNS(NS, "categorie_uitlevering");
            for (OsoCategory c : OsoCategory.values()) {
                Element flag = expected.createElementNS(NS, c.element());
                flag.setTextContent("OPTIONEEL");
                flags.appendChild(flag);
            }
            Element overstap = first(expected, "overstap");
            first(expected, "metadata").insertBefore(flags, overstap);
        }
        for (OsoCategory c : flags == null ? new OsoCategory[0] : OsoCategory.values()) {
            if (c.canonical().stream().anyMatch(withheld::contains)) {
                ((Element) flags.getElementsByTagNameNS(NS, c.element()).item(0)).setTextContent("VERBODEN");
            }
        }
        OsoXml xml = new OsoXml();
        return xml.write(xml.read(OsoRoundTripPropertyTest.serialize(expected).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Support needs and action plans share OSO's onderwijsondersteuning block: a withheld one takes its own children
     * out, and the block goes when nothing is left in it.
     */
    private static void withoutSupportParts(Element leerling, Set<DataCategory> withheld) {
        for (Node block : OsoRoundTripPropertyTest.children(leerling)) {
            if (!"onderwijsondersteuning".equals(block.getLocalName())) {
                continue;
            }
            for (Node n : OsoRoundTripPropertyTest.children(block)) {
                boolean plan = "handelingsplan".equals(n.getLocalName());
                if (withheld.contains(plan ? DataCategory.ACTION_PLANS : DataCategory.SUPPORT_NEEDS)) {
                    block.removeChild(n);
                }
            }
            if (OsoRoundTripPropertyTest.children(block).isEmpty()) {
                leerling.removeChild(block);
            }
        }
    }

    /** Every leaf of an OSO dossier with its path, in document order. */
    public static List<String> leaves(String xml) {
        return OsoLeaves.of(xml);
    }

    /**
     * Releases every category of a dossier (one generated from the schema) as a school may: the categories with
     * blocks of their own (and the parents' inzage and the action plans) any of the four values, the dossier's own
     * categories (metadata, school, student) VERPLICHT or OPTIONEEL. Answers the excluded ones.
     */
    public static List<String> releaseAll(Document doc, Random random) {
        Element flags = first(doc, "categorie_uitlevering");
        if (flags == null) {
            return List.of();
        }
        for (Node c : OsoRoundTripPropertyTest.children(flags)) {
            c.setTextContent(random.nextBoolean() ? "VERPLICHT" : "OPTIONEEL");
        }
        return release(doc, random);
    }

    /** A dossier as text. */
    public static String serialize(Document doc) throws Exception {
        return OsoRoundTripPropertyTest.serialize(doc);
    }

    /** What reached the MBO (the hub's OSO rendering) and the sections the gate withheld. */
    public record Delivered(String rendered, Set<DataCategory> withheld) {}

    /**
     * A stored canonical dossier through the consent gate of the shipped policy (with consent on record for the
     * given categories) and the hub's OSO rendering for the MBO, on 19 April 2027.
     */
    public static Delivered throughGate(String stored, Set<DataCategory> consented, String sender,
            nl.ketenhub.partner.Partner mbo, java.time.Instant now) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = OsoFixtures.jsonMapper();
        nl.ketenhub.consent.ConsentGate gate;
        try (java.io.InputStream in = OsoCorpus.class.getResourceAsStream("/policy/consent-policy.yaml")) {
            gate = new nl.ketenhub.consent.ConsentGate(nl.ketenhub.consent.ConsentPolicyLoader.parse(in),
                    (subject, c, recipient, on, parentRequired, from) -> consented.contains(c)
                            ? java.util.Optional.of(1L) : java.util.Optional.empty(),
                    new nl.ketenhub.pseudonym.Pseudonymizer("k".repeat(32)), json);
        }
        nl.ketenhub.canonical.Envelope envelope = new nl.ketenhub.canonical.Envelope("m-corpus",
                nl.ketenhub.canonical.MessageType.TRANSFER_DOSSIER, sender, mbo.oin(), now, null,
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(stored));
        LocalDate today = LocalDate.of(2027, 4, 19);
        nl.ketenhub.delivery.GateDecision decision = gate.decide(envelope, nl.ketenhub.partner.PartnerKind.VO, mbo, today);
        nl.ketenhub.canonical.TransferDossier delivered = json.treeToValue(gate.apply(envelope, decision).payload(),
                nl.ketenhub.canonical.TransferDossier.class);
        OsoXml xml = new OsoXml();
        java.util.EnumSet<DataCategory> withheld = java.util.EnumSet.noneOf(DataCategory.class);
        withheld.addAll(decision.held());
        return new Delivered(xml.write(new CanonicalToOso().render(delivered, today)), withheld);
    }

    /** Gives the student a name with a tussenvoegsel and diacritics. */
    private static void name(Element leerling, Random random) {
        for (Node n : OsoRoundTripPropertyTest.children(leerling)) {
            switch (n.getLocalName()) {
                case "voornaam" -> n.setTextContent(GIVEN[random.nextInt(GIVEN.length)]);
                case "voorvoegsel" -> n.setTextContent(INFIX[random.nextInt(INFIX.length)]);
                case "achternaam" -> n.setTextContent(FAMILY[random.nextInt(FAMILY.length)]);
                default -> { }
            }
        }
    }

    /** Sets every category a school may release or exclude at random; answers the excluded ones. */
    static List<String> release(Document doc, Random random) {
        List<String> excluded = new ArrayList<>();
        for (Node c : OsoRoundTripPropertyTest.children(first(doc, "categorie_uitlevering"))) {
            String name = c.getLocalName();
            if (OsoRoundTripPropertyTest.BLOCKS.containsKey(name) || name.equals("cat_handelingsplannen")
                    || name.equals("cat_ouderinzage")) {
                String value = new String[] {"VERPLICHT", "OPTIONEEL", "VERBODEN", "OPT-UIT"}[random.nextInt(4)];
                c.setTextContent(value);
                if (value.equals("VERBODEN") || value.equals("OPT-UIT")) {
                    excluded.add(name);
                }
            }
        }
        return excluded;
    }

    private static Element first(Document doc, String name) {
        return (Element) doc.getElementsByTagNameNS(NS, name).item(0);
    }
}
