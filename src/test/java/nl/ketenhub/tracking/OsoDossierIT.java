package nl.ketenhub.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.consent.ConsentGate;
import nl.ketenhub.consent.ConsentPolicyLoader;
import nl.ketenhub.delivery.GateDecision;
import nl.ketenhub.oso.OsoCorpus;
import nl.ketenhub.oso.OsoFixtures;
import nl.ketenhub.oso.OsoSchemaInstances;
import nl.ketenhub.oso.OsoToCanonical;
import nl.ketenhub.oso.OsoXml;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.PartnerRequest;
import nl.ketenhub.partner.TransferKind;
import nl.ketenhub.pseudonym.Pseudonymizer;
import nl.ketenhub.soap.FakeSoapPartner;
import nl.ketenhub.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * OSO dossiers as schools send them, over SOAP: the gemeente of residence named by CBS code, by current name or by
 * the name of a former gemeente. Each is accepted, and the RMC signal for its student goes to the gemeente partner
 * that gemeente is now. A gemeente the hub cannot resolve is accepted with a named note; a dossier with several
 * problems is answered with one fault naming all of them; a consent to the transfer given long ago says why the
 * consent categories are still held.
 */
class OsoDossierIT extends TrackingIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FIXTURE_BSN = "507529170";

    private final Student byName = new Student("BY-NAME", Fixtures.BSNS[0], "2010-05-14", "0200", false);
    private final Student byFormerName = new Student("BY-FORMER-NAME", Fixtures.BSNS[1], "2010-05-14", "1980", false);
    private final Student byCode = new Student("BY-CODE", Fixtures.BSNS[3], "2010-05-14", "0518", false);
    private final Student unknown = new Student("UNKNOWN", Fixtures.BSNS[4], "2010-05-14", null, false);
    private final List<Student> students = List.of(byName, byFormerName, byCode, unknown);

    @Autowired
    private Pseudonymizer pseudonymizer;

    @Test
    void shouldSignalTheGemeenteADossierNamesByCodeCurrentNameOrFormerName() {
        School vo = school(PartnerKind.VO, "01AA", null);
        School mbo = school(PartnerKind.MBO, "31XA", 10);
        School apeldoorn = gemeente("0200");
        School dijkEnWaard = gemeente("1980");
        School denHaag = gemeente("0518");
        School heerhugowaard = gemeente("0398"); // a partner still registered under the former code gets nothing

        clock.setDay("2027-04-19");
        assertThat(receipt(submit(vo, mbo, byName, "Apeldoorn"))).isEmpty();
        assertThat(receipt(submit(vo, mbo, byFormerName, "Heerhugowaard"))).isEmpty();
        assertThat(receipt(submit(vo, mbo, byCode, "0518"))).isEmpty();
        HttpResponse<String> atlantis = submit(vo, mbo, unknown, "Atlantis");
        assertThat(receipt(atlantis)).containsExactly("gemeente-unknown");
        assertThat(field(atlantis.body(), "detail")).startsWith("'Atlantis' is neither a CBS code nor the name of a"
                + " Dutch gemeente in the gemeente list of 2025");
        await().atMost(WAIT).until(() -> mbo.system().accepted().size() == 4);
        assertThat(received(mbo, students)).containsExactlyInAnyOrder("dossier BY-NAME", "dossier BY-FORMER-NAME",
                "dossier BY-CODE", "dossier UNKNOWN");
        // the admin sees why the last one has no gemeente
        JsonNode history = read(adminGet("/api/v1/messages/" + field(atlantis.body(), "trackingId")).body()).path("history");
        assertThat(history.findValuesAsText("state")).contains("NOTE");
        assertThat(history.findValuesAsText("detail")).anyMatch(d -> d.startsWith("gemeente-unknown"
                + " (/dossier/huidigeschool/leerling/adreslijst/adres/gemeente): 'Atlantis' is neither"));
        // the MBO receives the dossier as the school wrote it: the gemeente's name, not a code the hub chose
        JsonNode delivered = mbo.system().accepted().stream().map(r -> read(r.body()))
                .filter(m -> byFormerName.bsn().equals(m.at("/payload/student/bsn").asText())).findFirst().orElseThrow();
        assertThat(delivered.at("/payload/student/gemeentecode").asText()).isEqualTo("1980");
        assertThat(delivered.at("/payload/student/addresses").findValuesAsText("municipality")).contains("Heerhugowaard");

        // nobody enrols: on the RMC deadline each student is signalled to the gemeente the dossier named
        clock.setDay("2027-10-01");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(received(apeldoorn, students)).containsExactly("notification rmc-signal BY-NAME");
            assertThat(received(dijkEnWaard, students)).containsExactly("notification rmc-signal BY-FORMER-NAME");
            assertThat(received(denHaag, students)).containsExactly("notification rmc-signal BY-CODE");
        });
        JsonNode signal = read(dijkEnWaard.system().accepted().get(0).body());
        assertThat(signal.at("/payload/student/gemeentecode").asText()).isEqualTo("1980");
        assertThat(heerhugowaard.system().accepted()).isEmpty();
        // the one without a gemeente is pending, with the reason on its transfer
        await().atMost(WAIT).until(() -> transferEvents(unknown).contains("rmc-signal-pending"));
    }

    @Test
    void shouldAnswerADossierWithSeveralProblemsWithOneFaultNamingEachOfThem() {
        School vo = school(PartnerKind.VO, "01AA", null);
        School mbo = school(PartnerKind.MBO, "31XA", 10);
        clock.setDay("2027-04-19");
        String dossier = OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE)
                .replace("<geboortedatum>2010-05-14</geboortedatum>", "<geboortemaand>2010-05</geboortemaand>")
                .replace("<bsn>" + FIXTURE_BSN + "</bsn>", "")
                .replaceAll("<gemeente>0998</gemeente>", "<gemeente>Atlantis</gemeente>");

        HttpResponse<String> answer = post(vo, mbo, dossier);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(500);
        assertThat(field(answer.body(), "code")).isEqualTo("dossier-incomplete");
        assertThat(paths(answer.body())).containsExactly("/dossier/huidigeschool/leerling/geboortedatum",
                "/dossier/huidigeschool/leerling");
        Matcher noId = Pattern.compile("path=\"/dossier/huidigeschool/leerling\"[^>]*>([^<]*)<").matcher(answer.body());
        assertThat(noId.find()).isTrue();
        assertThat(noId.group(1)).contains("bsn");
        assertThat(field(answer.body(), "detail")).startsWith("2 problem(s) with the OSO dossier");
        JsonNode rejections = read(adminGet("/api/v1/rejections?limit=20").body());
        assertThat(rejections.findValuesAsText("problemType")).contains("dossier-incomplete");
        assertThat(mbo.system().accepted()).isEmpty();
    }

    @Test
    void shouldSayWhyTheConsentCategoriesAreHeldWhenTheDossiersConsentIsOld() {
        School vo = school(PartnerKind.VO, "01AA", null);
        School mbo = school(PartnerKind.MBO, "31XA", 10);
        clock.setDay("2027-04-19");
        String dossier = OsoFixtures.text(OsoFixtures.FULL)
                .replace("<bsn>628194821</bsn>", "<bsn>" + Fixtures.BSNS[5] + "</bsn>")
                .replace("<inzagedatum>2026-11-12</inzagedatum>", "<inzagedatum>2025-01-10</inzagedatum>");

        HttpResponse<String> answer = post(vo, mbo, dossier);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(receipt(answer)).containsExactly("inzage-consent-expired");
        assertThat(field(answer.body(), "detail")).isEqualTo("the dossier's consent to the transfer (inzage toestemming"
                + " Ja, recorded on 2025-01-10) counts for 1 year, until 2026-01-10, which has passed: the categories"
                + " released only under consent are held until a current consent is registered");
        await().atMost(WAIT).until(() -> mbo.system().accepted().size() == 1);
        JsonNode delivered = read(mbo.system().accepted().get(0).body());
        assertThat(delivered.at("/payload/withheld").findValuesAsText("category")).contains("support-needs");
        String trackingId = field(answer.body(), "trackingId");
        await().atMost(WAIT).untilAsserted(() -> assertThat(read(adminGet("/api/v1/messages/" + trackingId).body())
                .path("history").findValuesAsText("detail")).anyMatch(d -> d.startsWith("inzage-consent-expired:")
                        && d.contains("until 2026-01-10, which has passed") && d.contains("support-needs")
                        && d.endsWith("are held until a current consent is registered")));
    }

    @Test
    void shouldFlagWhatADeliveryAndItsSupplementDoNotCarryAsVerbodenAndNameTheFirstDeliveryInTheSupplement()
            throws Exception {
        School vo = school(PartnerKind.VO, "01AA", null);
        try (FakeSoapPartner mboSystem = new FakeSoapPartner()) {
            School mbo = soapMbo(mboSystem, "31XA");
            String mboOin = mbo.oin();
            clock.setDay("2027-04-19");
            String dossier = OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE)
                    .replace("<bsn>" + FIXTURE_BSN + "</bsn>", "<bsn>" + Fixtures.BSNS[6] + "</bsn>");
            HttpResponse<String> answer = post(vo, mbo, dossier);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            String firstMessageId = field(answer.body(), "messageId");

            // the first delivery: the consent categories are held (toestemming Nee), so VERBODEN and without blocks
            await().atMost(WAIT).until(() -> mboSystem.accepted().size() == 1);
            String first = mboSystem.accepted().get(0);
            for (String withheld : List.of("toetsresultaten", "overstapadvies", "onderwijsondersteuning",
                    "handelingsplannen", "verzuim", "oudersverzorgers", "bijlagedocs")) {
                assertThat(first).contains("<cat_" + withheld + ">VERBODEN</cat_" + withheld + ">");
            }
            assertThat(first).contains("<cat_schoolloopbaan>VERPLICHT</cat_schoolloopbaan>").contains("schoolloopbaanlijst>")
                    .doesNotContain("<overstapadvies>").doesNotContain("verzorger>");
            // test results (an intelligence test among them) never go to an MBO on a legal basis; grade lists do
            assertThat(first).contains("<cat_cijferlijsten>VERPLICHT</cat_cijferlijsten>", "<cijferlijstlijst>")
                    .doesNotContain("<toetslijst>");

            // consent for transfer advice and parents only: a supplement with those two
            ObjectNode consent = Fixtures.template("consent").with("payload").deepCopy();
            ((ObjectNode) consent.get("student")).put("bsn", Fixtures.BSNS[6]);
            consent.put("validFrom", "2027-04-19");
            consent.put("validUntil", "2028-04-19");
            consent.set("recipient", mapper.createObjectNode().put("oin", mboOin));
            consent.putArray("categories").add("transfer-advice").add("parents-guardians");
            HttpResponse<String> recorded = send(HttpRequest.newBuilder(uri("/api/v1/consents"))
                    .header("Authorization", "Bearer " + vo.apiKey()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(consent.toString())).build());
            assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);

            await().atMost(WAIT).until(() -> mboSystem.accepted().size() == 2);
            String supplement = mboSystem.accepted().get(1);
            assertThat(supplement).contains("<cat_overstapadvies>VERPLICHT</cat_overstapadvies>", "<overstapadvies>",
                    "<cat_oudersverzorgers>VERPLICHT</cat_oudersverzorgers>", "verzorger>",
                    "<cat_leerling>VERPLICHT</cat_leerling>");
            // what it does not carry is VERBODEN: sent before (school career, results) or still held (the rest)
            for (String notCarried : List.of("schoolloopbaan", "cijferlijsten", "toetsresultaten", "onderwijsondersteuning",
                    "handelingsplannen", "verzuim", "bijlagedocs")) {
                assertThat(supplement).contains("<cat_" + notCarried + ">VERBODEN</cat_" + notCarried + ">");
            }
            assertThat(supplement).doesNotContain("schoolloopbaanlijst>").doesNotContain("<onderwijsondersteuning>");
            assertThat(supplement).containsPattern("<(\\w+:)?relatesTo>" + firstMessageId + "</(\\w+:)?relatesTo>");
        }
    }

    @Test
    void shouldDeliverCorpusDossiersOverSoapLeafForLeafAsThePolicySays() throws Exception {
        School vo = school(PartnerKind.VO, "01AA", null);
        try (FakeSoapPartner mboSystem = new FakeSoapPartner()) {
            School mbo = soapMbo(mboSystem, "31XA");
            nl.ketenhub.partner.Partner mboPartner = partners.find(mbo.oin()).orElseThrow();
            clock.setDay("2027-04-19");
            ConsentGate policy = policyWithoutConsents();
            Random random = new Random(Long.getLong("ketenhub.corpus.seed", 20270419L));
            OsoXml xml = new OsoXml();
            int sent = 0;
            for (int i = 0; sent < Integer.getInteger("ketenhub.corpus.soap", 8) && i < 100; i++) {
                OsoCorpus.Instance instance = OsoCorpus.instance(random, OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE));
                TransferDossier mapped;
                try {
                    OsoToCanonical.Mapped m = new OsoToCanonical().mapAll(
                            xml.read(instance.sent().getBytes(StandardCharsets.UTF_8)), vo.oin());
                    if (!m.problems().isEmpty()) {
                        continue;
                    }
                    mapped = m.dossier();
                } catch (IllegalArgumentException notValid) {
                    continue;
                }
                // no consent on record (inzage toestemming Nee): the policy alone decides what the MBO may see
                GateDecision decision = policy.decide(mapped, vo.oin(), TransferKind.VO_MBO, mboPartner, LocalDate.of(2027, 4, 19));
                Set<DataCategory> withheld = EnumSet.noneOf(DataCategory.class);
                withheld.addAll(decision.held());
                HttpResponse<String> answer = post(vo, mbo, instance.sent());
                if (answer.statusCode() == 500 && "schema-violation".equals(field(answer.body(), "code"))) {
                    continue; // a replaced text longer than the canonical model allows: refused with its path
                }
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                sent++;
                int expectedCount = sent;
                await().atMost(WAIT).until(() -> mboSystem.accepted().size() == expectedCount);
                String delivered = dossierOf(mboSystem.accepted().get(expectedCount - 1));
                assertThat(OsoCorpus.leaves(delivered)).as("instance %d (withheld %s, excluded %s)", i, withheld,
                        instance.excluded()).containsExactlyElementsOf(OsoCorpus.leaves(
                                OsoCorpus.expected(instance.sent(), instance.excluded(), withheld)));
            }
            assertThat(sent).isEqualTo(Integer.getInteger("ketenhub.corpus.soap", 8));
        }
    }

    @Test
    void shouldDeliverDossiersGeneratedFromTheSchemaOverSoapLeafForLeaf() throws Exception {
        School vo = school(PartnerKind.VO, "01AA", null);
        try (FakeSoapPartner mboSystem = new FakeSoapPartner()) {
            School mbo = soapMbo(mboSystem, "31XB");
            nl.ketenhub.partner.Partner mboPartner = partners.find(mbo.oin()).orElseThrow();
            clock.setDay("2027-04-19");
            ConsentGate policy = policyWithoutConsents();
            OsoSchemaInstances generator = new OsoSchemaInstances();
            Random random = new Random(Long.getLong("ketenhub.conformance.seed", 20261201L));
            OsoXml xml = new OsoXml();
            int wanted = Integer.getInteger("ketenhub.conformance.soap", 6);
            int delivered = 0;
            int refused = 0;
            for (int i = 0; delivered < wanted; i++) {
                assertThat(i).as("instances tried").isLessThan(20 * wanted);
                org.w3c.dom.Document doc = generator.instance(random, i % 2 == 0);
                // the dossier speaks for the sending school; no consent on record, so the policy alone decides
                doc.getElementsByTagNameNS(OsoXml.NAMESPACE, "brincode").item(0).setTextContent("01AA");
                var toestemming = doc.getElementsByTagNameNS(OsoXml.NAMESPACE, "toestemming");
                for (int t = 0; t < toestemming.getLength(); t++) {
                    toestemming.item(t).setTextContent("Nee");
                }
                List<String> excluded = OsoCorpus.releaseAll(doc, random);
                String sent = OsoCorpus.serialize(doc);
                OsoToCanonical.Mapped m = new OsoToCanonical().mapAll(xml.read(sent.getBytes(StandardCharsets.UTF_8)), vo.oin());
                boolean identified = doc.getElementsByTagNameNS(OsoXml.NAMESPACE, "bsn").getLength()
                        + doc.getElementsByTagNameNS(OsoXml.NAMESPACE, "onderwijsnummer").getLength() > 0;
                HttpResponse<String> answer = post(vo, mbo, sent);
                if (!m.problems().isEmpty() || !identified) {
                    // refused by the hub's rules beyond the schema (a birth month only, no identifier): a fault that
                    // names the element, and nothing reaches the MBO
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(500);
                    assertThat(answer.body()).contains("soap:Client").containsPattern(
                            m.problems().isEmpty() ? "bsn|onderwijsnummer" : "geboortedatum");
                    refused++;
                    continue;
                }
                GateDecision decision = policy.decide(m.dossier(), vo.oin(), TransferKind.VO_MBO, mboPartner,
                        LocalDate.of(2027, 4, 19));
                Set<DataCategory> withheld = EnumSet.noneOf(DataCategory.class);
                withheld.addAll(decision.held());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                delivered++;
                int expectedCount = delivered;
                await().atMost(WAIT).until(() -> mboSystem.accepted().size() == expectedCount);
                String received = dossierOf(mboSystem.accepted().get(expectedCount - 1));
                assertThat(OsoCorpus.leaves(received)).as("instance %d (withheld %s, excluded %s)", i, withheld, excluded)
                        .containsExactlyElementsOf(OsoCorpus.leaves(OsoCorpus.expected(sent, excluded, withheld)));
            }
            assertThat(mboSystem.accepted()).as("only the dossiers the hub took reached the MBO").hasSize(wanted);
            assertThat(refused).as("instances refused for the hub's rules, among those tried").isPositive();
        }
    }

    /** Registers an MBO whose system is the given SOAP partner. */
    private School soapMbo(FakeSoapPartner system, String brin) {
        String oin = newOin();
        partners.create(new PartnerRequest(oin, "Test MBO on SOAP", PartnerKind.MBO, brin, null, Channel.SOAP,
                system.url(), null, 10, true));
        return new School(oin, null, PartnerKind.MBO, brin, null, null);
    }

    /** The shipped consent policy with no consent on record: what the policy alone lets through. */
    private ConsentGate policyWithoutConsents() throws java.io.IOException {
        try (var in = getClass().getResourceAsStream("/policy/consent-policy.yaml")) {
            return new ConsentGate(ConsentPolicyLoader.parse(in), (subject, c, r, on, parent, sender) -> Optional.empty(),
                    new Pseudonymizer("k".repeat(32)), OsoFixtures.jsonMapper());
        }
    }

    /** The OSO dossier in a SOAP request a partner received. */
    private static String dossierOf(String soap) throws Exception {
        var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var doc = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(soap.getBytes(StandardCharsets.UTF_8)));
        var dossier = doc.getElementsByTagNameNS(OsoXml.NAMESPACE, "dossier").item(0);
        var out = new java.io.StringWriter();
        javax.xml.transform.TransformerFactory.newInstance().newTransformer().transform(
                new javax.xml.transform.dom.DOMSource(dossier), new javax.xml.transform.stream.StreamResult(out));
        return out.toString();
    }

    // ----- helpers -----

    private HttpResponse<String> submit(School vo, School mbo, Student s, String gemeente) {
        String dossier = OsoFixtures.text(OsoFixtures.TOESTEMMING_NEE)
                .replace("<bsn>" + FIXTURE_BSN + "</bsn>", "<bsn>" + s.bsn() + "</bsn>")
                .replaceAll("<gemeente>0998</gemeente>", "<gemeente>" + gemeente + "</gemeente>");
        HttpResponse<String> answer = post(vo, mbo, dossier);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private HttpResponse<String> post(School vo, School mbo, String dossier) {
        String body = dossier.substring(dossier.indexOf("<dossier "));
        String soap = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Header xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">"
                + "<wsa:Action>https://ketenhub.nl/ws/overdracht/v1/Dossier</wsa:Action>"
                + "<wsa:MessageID>urn:uuid:" + UUID.randomUUID() + "</wsa:MessageID>"
                + "<wsa:To>" + uri("/ws/overdracht") + "?oin=" + mbo.oin() + "</wsa:To>"
                + "<wsa:From><wsa:Address>https://school.invalid/ws?oin=" + vo.oin() + "</wsa:Address></wsa:From>"
                + "<wsa:ReplyTo><wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address></wsa:ReplyTo>"
                + "</soap:Header><soap:Body>" + body + "</soap:Body></soap:Envelope>";
        return send(HttpRequest.newBuilder(uri("/ws/overdracht"))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"https://ketenhub.nl/ws/overdracht/v1/Dossier\"")
                .header("Authorization", "Bearer " + vo.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(soap, StandardCharsets.UTF_8))
                .build());
    }

    /** The codes of a receipt's notes. */
    private static List<String> receipt(HttpResponse<String> answer) {
        List<String> codes = new ArrayList<>();
        Matcher m = Pattern.compile("<(?:\\w+:)?note>\\s*<(?:\\w+:)?code>([^<]*)<").matcher(answer.body());
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    private static List<String> paths(String xml) {
        List<String> paths = new ArrayList<>();
        Matcher m = Pattern.compile("path=\"([^\"]*)\"").matcher(xml);
        while (m.find()) {
            paths.add(m.group(1));
        }
        return paths;
    }

    private static String field(String xml, String name) {
        Matcher m = Pattern.compile("<(?:\\w+:)?" + name + ">([^<]*)</(?:\\w+:)?" + name + ">").matcher(xml);
        return m.find() ? m.group(1).replace("&apos;", "'") : null;
    }

    private List<String> transferEvents(Student s) {
        String pseudonym = pseudonymizer.pseudonym(s.bsn(), null);
        JsonNode page = read(adminGet("/api/v1/transfers?schoolYear=" + SCHOOL_YEAR + "&limit=50").body());
        List<String> events = new ArrayList<>();
        for (JsonNode t : page.path("items")) {
            if (pseudonym.equals(t.path("student").asText())) {
                JsonNode detail = read(adminGet("/api/v1/transfers/" + t.path("id").asText()).body());
                detail.path("history").forEach(e -> events.add(e.path("event").asText()));
            }
        }
        return events;
    }
}
