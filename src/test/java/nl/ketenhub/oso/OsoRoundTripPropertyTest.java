package nl.ketenhub.oso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.oso.xml.Dossier;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * OSO -> canonical (through its JSON form, as the hub stores it) -> OSO keeps every field of every forwarded
 * category. The dossiers are variations of a synthetic dossier with every block: optional elements dropped at random,
 * text values replaced at random, categories released or excluded at random; variations the schema refuses are
 * skipped. Given names are single words: the canonical model carries them as one space-separated string.
 */
class OsoRoundTripPropertyTest {

    static final String NS = OsoXml.NAMESPACE;
    private static final String TEXT_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéëï'.,-() ";
    /** Blocks of the leerling element per excludable OSO category (the handelingsplannen sit inside onderwijsondersteuning). */
    static final Map<String, Set<String>> BLOCKS = Map.ofEntries(
            Map.entry("cat_oudersverzorgers", Set.of("verzorger", "verzorgersaansprakelijk", "aansprakelijkeinstelling")),
            Map.entry("cat_vve", Set.of("vanpeuterspeelzaal", "naampeuterspeelzaal", "voorschools", "vroegschools")),
            Map.entry("cat_schoolloopbaan", Set.of("schoolloopbaanlijst", "bevorderd", "teruggeplaatstnaarbrin")),
            Map.entry("cat_overstapadvies", Set.of("overstapadvies")),
            // leerlinggewicht, nnca, tehuis, huisarts and the enrolment dates are the student's (cat_leerling)
            Map.entry("cat_onderwijsondersteuning", Set.of()),
            Map.entry("cat_verzuim", Set.of("verzuim")),
            Map.entry("cat_eindtoetsbo", Set.of("eindtoets_basisonderwijs")),
            Map.entry("cat_toetsresultaten", Set.of("toetslijst")),
            Map.entry("cat_cijferlijsten", Set.of("cijferlijstlijst")),
            Map.entry("cat_vombo", Set.of("examenresultaat", "resultaatvakkenvo", "certificaat", "competenties", "stage",
                    "overigvombo")),
            Map.entry("cat_bijlagedocs", Set.of("overigdocumentlijst")));

    private final OsoXml xml = new OsoXml();
    private final OsoToCanonical toCanonical = new OsoToCanonical();
    private final CanonicalToOso toOso = new CanonicalToOso();
    private final ObjectMapper json = OsoFixtures.jsonMapper();

    @Property(tries = 150)
    void shouldKeepEveryFieldOfEveryForwardedCategory(@ForAll Random random) throws Exception {
        Document doc = parse(OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE));
        Element leerling = (Element) doc.getElementsByTagNameNS(NS, "leerling").item(0);
        dropSomeOptionalElements(leerling, random);
        replaceSomeTexts(leerling, random);
        List<String> excluded = new ArrayList<>();
        Element release = (Element) doc.getElementsByTagNameNS(NS, "categorie_uitlevering").item(0);
        for (Node c = release.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element cat && BLOCKS.containsKey(cat.getLocalName()) || c instanceof Element cat2
                    && cat2.getLocalName().equals("cat_handelingsplannen") || c instanceof Element cat3
                    && cat3.getLocalName().equals("cat_ouderinzage")) {
                String value = new String[] {"VERPLICHT", "OPTIONEEL", "VERBODEN", "OPT-UIT"}[random.nextInt(4)];
                c.setTextContent(value);
                if (value.equals("VERBODEN") || value.equals("OPT-UIT")) {
                    excluded.add(((Element) c).getLocalName());
                }
            }
        }
        String sent = serialize(doc);
        Dossier original;
        try {
            original = xml.read(sent.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notValid) {
            Assume.that(false);
            return;
        }
        TransferDossier canonical;
        try {
            canonical = toCanonical.map(original, OsoMappingTest.VO_OIN);
        } catch (OsoMappingException refused) {
            Assume.that(false);
            return;
        }
        TransferDossier stored = json.readValue(json.writeValueAsString(canonical), TransferDossier.class);

        String back = xml.write(toOso.render(stored, LocalDate.of(2026, 11, 28)));

        assertThat(OsoLeaves.of(back)).containsExactlyElementsOf(OsoLeaves.of(xml.write(
                xml.read(serialize(withoutExcluded(parse(sent), excluded)).getBytes(StandardCharsets.UTF_8)))));
    }

    /** What the dossier should come back as: the blocks of the excluded categories removed. */
    static Document withoutExcluded(Document doc, List<String> excluded) {
        Element leerling = (Element) doc.getElementsByTagNameNS(NS, "leerling").item(0);
        for (String cat : excluded) {
            if (cat.equals("cat_ouderinzage")) {
                Node inzage = doc.getElementsByTagNameNS(NS, "inzage").item(0);
                if (inzage != null) {
                    inzage.getParentNode().removeChild(inzage);
                }
                continue;
            }
            if (cat.equals("cat_handelingsplannen") || cat.equals("cat_onderwijsondersteuning")) {
                Node support = child(leerling, "onderwijsondersteuning");
                if (support != null) {
                    for (Node n : children(support)) {
                        boolean plan = n.getLocalName().equals("handelingsplan");
                        if (plan == cat.equals("cat_handelingsplannen")) {
                            support.removeChild(n);
                        }
                    }
                    if (children(support).isEmpty()) {
                        leerling.removeChild(support);
                    }
                }
            }
            for (String block : BLOCKS.getOrDefault(cat, Set.of())) {
                for (Node n : children(leerling)) {
                    if (n.getLocalName().equals(block)) {
                        leerling.removeChild(n);
                    }
                }
            }
        }
        return doc;
    }

    /** What the hub needs to map a dossier at all (the student's birth date and residence): never dropped or changed. */
    private static final Set<String> KEPT = Set.of("geboortedatum", "adreslijst", "adres", "soortadres", "gemeente", "achternaam");

    /** Element names the hub's OSO schema declares optional wherever they occur. */
    private static final Set<String> OPTIONAL = optionalElements();

    private static Set<String> optionalElements() {
        try {
            Document xsd = parse(new String(OsoFixtures.class.getClassLoader().getResourceAsStream(OsoXml.SCHEMA).readAllBytes(),
                    StandardCharsets.UTF_8));
            Set<String> optional = new java.util.HashSet<>();
            Set<String> required = new java.util.HashSet<>();
            var elements = xsd.getElementsByTagNameNS("http://www.w3.org/2001/XMLSchema", "element");
            for (int i = 0; i < elements.getLength(); i++) {
                Element e = (Element) elements.item(i);
                (e.getAttribute("minOccurs").equals("0") ? optional : required).add(e.getAttribute("name"));
            }
            optional.removeAll(required);
            return optional;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void dropSomeOptionalElements(Element parent, Random random) {
        for (Node n : children(parent)) {
            if (random.nextInt(8) == 0 && OPTIONAL.contains(n.getLocalName()) && !KEPT.contains(n.getLocalName())) {
                parent.removeChild(n);
            } else {
                dropSomeOptionalElements((Element) n, random);
            }
        }
    }

    static void replaceSomeTexts(Element parent, Random random) {
        for (Node n : children(parent)) {
            Element e = (Element) n;
            if (children(e).isEmpty()) {
                String text = e.getTextContent();
                if (random.nextInt(5) == 0 && text.matches("[\\p{L} .,'()-]+") && !text.matches("true|false") && !KEPT.contains(e.getLocalName())) {
                    boolean word = e.getLocalName().equals("voornaam");
                    e.setTextContent(randomText(random, word));
                }
            } else {
                replaceSomeTexts(e, random);
            }
        }
    }

    private static String randomText(Random random, boolean singleWord) {
        StringBuilder s = new StringBuilder();
        int length = 1 + random.nextInt(30);
        for (int i = 0; i < length; i++) {
            char c = TEXT_ALPHABET.charAt(random.nextInt(TEXT_ALPHABET.length() - (singleWord ? 1 : 0)));
            s.append(c);
        }
        return s.toString();
    }

    static List<Node> children(Node parent) {
        List<Node> out = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element) {
                out.add(c);
            }
        }
        return out;
    }

    private static Node child(Node parent, String name) {
        return children(parent).stream().filter(n -> n.getLocalName().equals(name)).findFirst().orElse(null);
    }

    static Document parse(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String serialize(Document doc) throws Exception {
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toString();
    }
}
