package nl.ketenhub.oso;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import nl.ketenhub.canonical.CanonicalValidator;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerFormat;
import nl.ketenhub.partner.PartnerKind;
import org.junit.jupiter.api.Test;

/**
 * A corpus of OSO dossiers through the whole way a dossier goes: OSO intake mapping, the canonical JSON the hub
 * stores, the consent gate of the shipped vo-mbo policy (with consent on record for a random set of categories) and
 * the OSO rendering for the MBO. Each instance varies the synthetic dossiers: names with tussenvoegsels and
 * diacritics, dossier dates over several school years, optional elements dropped, texts replaced, and every category
 * VERPLICHT, OPTIONEEL, VERBODEN or OPT-UIT. Every leaf the MBO may see must arrive unchanged; nothing the school
 * excluded or the gate withheld may arrive, and what was withheld must be flagged VERBODEN. Variations the OSO schema
 * or the canonical schema refuse (the intake answers those with a fault naming the element) are tried and left out;
 * {@code -Dketenhub.corpus.size} instances (default 200) are carried the whole way; the seed is
 * {@code -Dketenhub.corpus.seed}.
 */
class OsoCorpusTest {

    private final OsoXml xml = new OsoXml();
    private final OsoToCanonical toCanonical = new OsoToCanonical();
    private final ObjectMapper json = OsoFixtures.jsonMapper();
    private final CanonicalValidator validator = new CanonicalValidator(
            java.time.Clock.fixed(Instant.parse("2027-04-19T09:00:00Z"), java.time.ZoneOffset.UTC));
    private final Instant now = Instant.parse("2027-04-19T09:00:00Z");
    private final Partner mbo = new Partner("00000099700000000101", "MBO", PartnerKind.MBO, "25XA", null, Channel.SOAP,
            "http://localhost/x", PartnerFormat.OSO_XML, "kh_x", 10, true, false, now, now, now);

    @Test
    void shouldCarryEveryInstanceFromIntakeThroughTheGateToDeliveryWithoutLossOrLeak() throws Exception {
        int size = Integer.getInteger("ketenhub.corpus.size", 200);
        Random random = new Random(Long.getLong("ketenhub.corpus.seed", 20270419L));
        String small = OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE);
        String full = OsoFixtures.text(OsoFixtures.FULL);
        int carried = 0;
        Set<DataCategory> everWithheld = EnumSet.noneOf(DataCategory.class);
        Set<String> everExcluded = new java.util.HashSet<>();
        int tried = 0;
        for (int i = 0; carried < size && i < 5 * size; i++) {
            tried++;
            OsoCorpus.Instance instance = OsoCorpus.instance(random, i % 25 == 0 ? full : small);
            String sent = instance.sent();
            List<String> excluded = instance.excluded();
            LocalDate dated = instance.dated();
            nl.ketenhub.oso.xml.Dossier original;
            try {
                original = xml.read(sent.getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notValid) {
                continue;
            }
            OsoToCanonical.Mapped mapped = toCanonical.mapAll(original, "00000099700000000001");
            if (!mapped.problems().isEmpty()) {
                continue;
            }
            String stored = json.writeValueAsString(mapped.dossier());
            ObjectNode submitted = json.createObjectNode().put("messageId", "corpus-message-" + i).put("type", "transfer-dossier")
                    .put("sender", "00000099700000000001").put("recipient", mbo.oin()).put("sentAt", now.toString());
            submitted.set("payload", json.readTree(stored));
            if (!validator.validate(submitted).isEmpty()) {
                continue; // a replaced text longer than the canonical model allows: the intake refuses it with its path
            }
            assertThat(mapped.dossier().schoolYear()).isEqualTo(OsoToCanonical.schoolYear(dated));

            Set<DataCategory> consented = EnumSet.noneOf(DataCategory.class);
            for (DataCategory c : DataCategory.values()) {
                if (random.nextBoolean()) {
                    consented.add(c);
                }
            }
            OsoCorpus.Delivered delivery = OsoCorpus.throughGate(stored, consented, "00000099700000000001", mbo, now);
            String rendered = delivery.rendered();
            Set<DataCategory> withheld = delivery.withheld();
            String expectedXml = OsoCorpus.expected(sent, excluded, withheld);
            assertThat(OsoLeaves.of(rendered)).as("instance %d (withheld %s, excluded %s)", i, withheld, excluded)
                    .containsExactlyElementsOf(OsoLeaves.of(expectedXml));
            carried++;
            everWithheld.addAll(withheld);
            everExcluded.addAll(excluded);
        }
        // the corpus is only as good as what it covered
        assertThat(carried).as("instances carried the whole way (of %d tried)", tried).isEqualTo(size);
        assertThat(everWithheld).as("sections the gate withheld somewhere in the corpus")
                .containsAll(EnumSet.complementOf(EnumSet.of(DataCategory.IDENTITY)));
        assertThat(everExcluded).as("categories a school excluded somewhere in the corpus").hasSizeGreaterThan(10);
    }
}
