package nl.ketenhub.oso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import nl.ketenhub.canonical.CanonicalValidator;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerFormat;
import nl.ketenhub.partner.PartnerKind;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The OSO conformance corpus: dossiers generated from the hub's OSO schema itself ({@link OsoSchemaInstances}: every
 * optional element present in every other instance, every choice branch taken in turn, every enumeration value,
 * names with tussenvoegsels and diacritics, several school years, attachments), each carried the whole way a dossier
 * goes: the OSO reader and its schema, the mapping to the canonical dossier, the canonical schema, the consent gate of
 * the shipped vo-mbo policy (consent on record for a random set of categories) and the OSO rendering for the MBO.
 *
 * <p>Every instance is valid by construction, so none may be refused, except by the hub's documented rules beyond
 * the schema: a dossier that gives only the birth month ({@code geboortemaand}) or no birth date is refused with a
 * problem at {@code geboortedatum}. Of every other instance each leaf value must reach the MBO unchanged, and nothing
 * the school marked VERBODEN or OPT-UIT, nor anything the gate withheld, may arrive (withheld categories flagged
 * VERBODEN). At the end every element the schema declares must have reached an MBO in some instance.
 * {@code -Dketenhub.conformance.size} instances carried the whole way (default 200; the instances refused by rule come on
 * top) with seed {@code -Dketenhub.conformance.seed}.
 */
class OsoConformanceTest {

    private static final String SENDER = "00000099700000000001";
    private static final String LEERLING = "/dossier/huidigeschool/leerling";
    /** Elements whose presence the hub refuses on purpose (it needs the full birth date). */
    private static final Set<String> REFUSED_BY_RULE = Set.of(LEERLING + "/geboortemaand");

    private final OsoXml xml = new OsoXml();
    private final OsoToCanonical toCanonical = new OsoToCanonical();
    private final ObjectMapper json = OsoFixtures.jsonMapper();
    private final Instant now = Instant.parse("2027-04-19T09:00:00Z");
    private final CanonicalValidator validator = new CanonicalValidator(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
    private final Partner mbo = new Partner("00000099700000000101", "MBO", PartnerKind.MBO, "25XA", null, Channel.SOAP,
            "https://localhost/x", PartnerFormat.OSO_XML, "kh_x", 10, true, false, now, now, now);

    @Test
    void shouldCarryEveryInstanceGeneratedFromTheSchemaWithoutLossOrLeak() throws Exception {
        int size = Integer.getInteger("ketenhub.conformance.size", 200);
        long seed = Long.getLong("ketenhub.conformance.seed", 20261201L);
        Random random = new Random(seed);
        OsoSchemaInstances generator = new OsoSchemaInstances();
        Set<String> generated = new TreeSet<>();
        Set<String> arrived = new TreeSet<>();
        Map<String, Set<String>> enumerationValuesSent = new HashMap<>();
        Set<String> schoolYears = new TreeSet<>();
        Set<DataCategory> everWithheld = EnumSet.noneOf(DataCategory.class);
        Set<String> everExcluded = new HashSet<>();
        int carried = 0;
        int refusedByRule = 0;
        for (int i = 0; carried < size; i++) {
            assertThat(i).as("instances tried for %d carried", size).isLessThan(10 * size);
            Document doc = generator.instance(random, i % 2 == 0);
            List<String> excluded = OsoCorpus.releaseAll(doc, random);
            String sent = OsoRoundTripPropertyTest.serialize(doc);
            String where = "instance " + i + " of seed " + seed;

            // valid by construction: the hub's reader (guard and schema) must take it
            nl.ketenhub.oso.xml.Dossier original = xml.read(sent.getBytes(StandardCharsets.UTF_8));
            Set<String> paths = paths(doc);
            generated.addAll(paths);
            OsoToCanonical.Mapped mapped = toCanonical.mapAll(original, SENDER);
            String stored = json.writeValueAsString(mapped.dossier());
            ObjectNode submitted = json.createObjectNode().put("messageId", "conformance-" + i).put("type", "transfer-dossier")
                    .put("sender", SENDER).put("recipient", mbo.oin()).put("sentAt", now.toString());
            submitted.set("payload", json.readTree(stored));
            // every problem, as the SOAP edge puts them in one fault: the mapping's and the canonical schema's
            Set<String> problems = new TreeSet<>();
            mapped.problems().forEach(v -> problems.add(v.pointer() + ": " + v.message()));
            validator.validate(submitted).forEach(v -> problems.add(v.pointer() + ": " + v.message()));
            Set<String> refusals = refusalsByRule(paths);
            if (!refusals.isEmpty()) {
                assertThat(problems).as(where + ": refused for the hub's rules beyond the schema only")
                        .containsExactlyInAnyOrderElementsOf(refusals);
                refusedByRule++;
                continue;
            }
            assertThat(problems).as(where + ": the hub takes what the OSO schema allows: " + sent).isEmpty();
            schoolYears.add(mapped.dossier().schoolYear());

            Set<DataCategory> consented = EnumSet.noneOf(DataCategory.class);
            for (DataCategory c : DataCategory.values()) {
                if (random.nextBoolean()) {
                    consented.add(c);
                }
            }
            OsoCorpus.Delivered delivery = OsoCorpus.throughGate(stored, consented, SENDER, mbo, now);
            String rendered = delivery.rendered();
            Set<DataCategory> withheld = delivery.withheld();
            String expected = OsoCorpus.expected(sent, excluded, withheld);
            assertThat(OsoLeaves.of(rendered)).as("%s (withheld %s, excluded %s)", where, withheld, excluded)
                    .containsExactlyElementsOf(OsoLeaves.of(expected));
            arrived.addAll(paths(OsoRoundTripPropertyTest.parse(rendered)));
            enumerations(doc.getDocumentElement(), enumerationValuesSent);
            everWithheld.addAll(withheld);
            everExcluded.addAll(excluded);
            carried++;
        }

        // the corpus is only as good as what it covered
        Set<String> declared = generator.declaredPaths();
        assertThat(generated).as("every element the schema declares, generated").containsAll(declared);
        Set<String> shouldArrive = new TreeSet<>(declared);
        shouldArrive.removeAll(REFUSED_BY_RULE);
        assertThat(arrived).as("every element the schema declares reached the MBO in some instance").containsAll(shouldArrive);
        generator.enumerations().forEach((name, values) -> {
            if (!name.startsWith("cat_")) {
                assertThat(enumerationValuesSent.getOrDefault(name, Set.of())).as("values of %s carried", name)
                        .containsAll(values);
            }
        });
        assertThat(refusedByRule).as("instances refused for their birth month").isPositive();
        assertThat(schoolYears).as("school years").hasSizeGreaterThanOrEqualTo(5);
        assertThat(everWithheld).as("sections the gate withheld somewhere in the corpus")
                .containsAll(EnumSet.complementOf(EnumSet.of(DataCategory.IDENTITY)));
        assertThat(everExcluded).as("categories a school excluded somewhere in the corpus")
                .containsAll(OsoRoundTripPropertyTest.BLOCKS.keySet());
    }

    /** The problems a valid instance is refused with by the hub's rules beyond the OSO schema. */
    static Set<String> refusalsByRule(Set<String> paths) {
        Set<String> out = new TreeSet<>();
        if (!paths.contains(LEERLING + "/geboortedatum")) {
            out.add(LEERLING + "/geboortedatum: " + (paths.contains(LEERLING + "/geboortemaand")
                    ? "the hub needs the full birth date (geboortedatum), not only the birth month"
                    : "the hub needs the student's birth date (geboortedatum)"));
            out.add("/payload/student/birthDate: required member 'birthDate' is missing");
        }
        if (!paths.contains(LEERLING + "/bsn") && !paths.contains(LEERLING + "/onderwijsnummer")) {
            out.add("/payload/student: give exactly one of bsn or onderwijsnummer");
        }
        return out;
    }

    /** Every element path of a document. */
    private static Set<String> paths(Document doc) {
        Set<String> out = new TreeSet<>();
        paths(doc.getDocumentElement(), "", out);
        return out;
    }

    private static void paths(Element e, String parent, Set<String> out) {
        String path = parent + "/" + e.getLocalName();
        out.add(path);
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                paths(child, path, out);
            }
        }
    }

    private static void enumerations(Element e, Map<String, Set<String>> out) {
        boolean leaf = true;
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                leaf = false;
                enumerations(child, out);
            }
        }
        if (leaf) {
            out.computeIfAbsent(e.getLocalName(), k -> new HashSet<>()).add(e.getTextContent());
        }
    }
}
