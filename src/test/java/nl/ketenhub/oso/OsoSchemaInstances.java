package nl.ketenhub.oso;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import org.apache.ws.commons.schema.XmlSchema;
import org.apache.ws.commons.schema.XmlSchemaAttribute;
import org.apache.ws.commons.schema.XmlSchemaAttributeOrGroupRef;
import org.apache.ws.commons.schema.XmlSchemaChoice;
import org.apache.ws.commons.schema.XmlSchemaChoiceMember;
import org.apache.ws.commons.schema.XmlSchemaCollection;
import org.apache.ws.commons.schema.XmlSchemaComplexContent;
import org.apache.ws.commons.schema.XmlSchemaComplexContentExtension;
import org.apache.ws.commons.schema.XmlSchemaComplexType;
import org.apache.ws.commons.schema.XmlSchemaElement;
import org.apache.ws.commons.schema.XmlSchemaEnumerationFacet;
import org.apache.ws.commons.schema.XmlSchemaFacet;
import org.apache.ws.commons.schema.XmlSchemaMaxInclusiveFacet;
import org.apache.ws.commons.schema.XmlSchemaMaxLengthFacet;
import org.apache.ws.commons.schema.XmlSchemaMinInclusiveFacet;
import org.apache.ws.commons.schema.XmlSchemaMinLengthFacet;
import org.apache.ws.commons.schema.XmlSchemaObject;
import org.apache.ws.commons.schema.XmlSchemaParticle;
import org.apache.ws.commons.schema.XmlSchemaPatternFacet;
import org.apache.ws.commons.schema.XmlSchemaSequence;
import org.apache.ws.commons.schema.XmlSchemaSequenceMember;
import org.apache.ws.commons.schema.XmlSchemaSimpleContent;
import org.apache.ws.commons.schema.XmlSchemaSimpleContentExtension;
import org.apache.ws.commons.schema.XmlSchemaSimpleType;
import org.apache.ws.commons.schema.XmlSchemaSimpleTypeRestriction;
import org.apache.ws.commons.schema.XmlSchemaType;
import org.apache.ws.commons.schema.XmlSchemaUse;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * OSO dossiers generated from the hub's OSO schema itself ({@value OsoXml#SCHEMA}, read with Apache XmlSchema). The
 * generator walks the schema's element declarations, content models (sequences, choices, extensions, simple content
 * with attributes) and facets (enumerations, patterns, lengths, ranges), so an element the schema gains is generated
 * without a change here.
 *
 * <ul>
 *   <li>Every choice site takes its branches in turn (and, where the choice is optional, none of them), so a corpus
 *       of a few dozen instances takes every branch; every enumeration gives its values in turn.</li>
 *   <li>In a full instance every optional element and attribute is present; otherwise each is present with a
 *       probability of 60%. Repeatable elements occur once to three times (within their bounds).</li>
 *   <li>Texts are Dutch with diacritics and the characters XML escapes ({@code & < > ' "}); one text in eight has
 *       the schema's maximum length. Names carry tussenvoegsels and diacritics. Dates lie in the school years
 *       2018-2019 to 2027-2028; attachments are random bytes, base64.</li>
 * </ul>
 *
 * <p>What a schema cannot say and a real dossier still gets right is supplied per element name ({@link #domain}):
 * a BSN passes the 11-proef, an onderwijsnummer its check, a gemeente is one of the bundled list (current name, a
 * common other spelling, a former gemeente, or a CBS code, in any letter case), a GBA birth date and a school year
 * are real, a postcode is Dutch. Everything else comes from the schema.
 */
public final class OsoSchemaInstances {

    private static final String XS = "http://www.w3.org/2001/XMLSchema";
    private static final DateTimeFormatter GBA_DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final String[] GIVEN = {"Zoë", "Chloé", "Noël", "Anaïs", "Jesús", "Eliška", "Fenna", "Mehmet",
        "Jan-Willem", "Ruth", "Ilse", "Ömer"};
    private static final String[] INFIX = {"van", "van der", "de", "'t", "van den", "in 't", "ter", "d'", "van 't",
        "op den"};
    private static final String[] FAMILY = {"Çelik", "Öztürk", "Bakker-de Wit", "Hoëvenaars", "Nguyễn", "Jansen",
        "Müller", "Ødegård", "El Idrissi", "Dijkstra"};
    private static final String[] WORDS = {"leerling", "begeleiding", "ondersteuning", "één", "café", "reünie", "coördinatie",
        "&", "<geen>", "'t", "\"citaat\"", "naïef", "Zoë", "groep", "rekenen", "taal", "afspraak", "Ærø", "–", "2e"};

    private final XmlSchemaCollection collection = new XmlSchemaCollection();
    private final XmlSchema schema;
    private final String namespace;
    private final Map<String, int[]> turns = new HashMap<>();
    private final List<String[]> gemeenten;
    private Random random;
    private boolean full;
    private LocalDate birth;

    public OsoSchemaInstances() {
        try (InputStream in = OsoSchemaInstances.class.getResourceAsStream("/" + OsoXml.SCHEMA)) {
            schema = collection.read(new StreamSource(in));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        namespace = schema.getTargetNamespace();
        gemeenten = gemeenten();
    }

    /** An instance of the schema's root element {@code dossier}; {@code full} puts every optional part in. */
    public Document instance(Random random, boolean full) {
        this.random = random;
        this.full = full;
        this.birth = LocalDate.of(2004 + random.nextInt(12), 1 + random.nextInt(12), 1 + random.nextInt(28));
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document doc = f.newDocumentBuilder().newDocument();
            XmlSchemaElement root = schema.getElementByName("dossier");
            Element e = doc.createElementNS(namespace, root.getName());
            doc.appendChild(e);
            content(e, type(root), "/" + root.getName());
            return doc;
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every element path the schema declares below the root (every branch of every choice), e.g.
     * {@code /dossier/huidigeschool/leerling/bsn}.
     */
    public Set<String> declaredPaths() {
        Set<String> out = new TreeSet<>();
        XmlSchemaElement root = schema.getElementByName("dossier");
        declared(type(root), "/" + root.getName(), out);
        return out;
    }

    /** The enumerated values the schema allows per element name (only names whose type is an enumeration). */
    public Map<String, Set<String>> enumerations() {
        Map<String, Set<String>> out = new HashMap<>();
        XmlSchemaElement root = schema.getElementByName("dossier");
        enumerations(type(root), out, new java.util.HashSet<>());
        return out;
    }

    // ---- walking the schema

    private XmlSchemaType type(XmlSchemaElement e) {
        if (e.getSchemaType() != null) {
            return e.getSchemaType();
        }
        return collection.getTypeByQName(e.getSchemaTypeName());
    }

    private XmlSchemaType type(QName name) {
        return collection.getTypeByQName(name);
    }

    private void content(Element target, XmlSchemaType type, String path) {
        if (type instanceof XmlSchemaSimpleType simple) {
            target.setTextContent(value(simple, target.getLocalName(), path));
            endsAfterItsStart(target, simple);
            return;
        }
        XmlSchemaComplexType complex = (XmlSchemaComplexType) type;
        if (complex.getContentModel() instanceof XmlSchemaComplexContent cc
                && cc.getContent() instanceof XmlSchemaComplexContentExtension ext) {
            content(target, type(ext.getBaseTypeName()), path);
            particle(target, ext.getParticle(), path);
            attributes(target, ext.getAttributes(), path);
            return;
        }
        if (complex.getContentModel() instanceof XmlSchemaSimpleContent sc
                && sc.getContent() instanceof XmlSchemaSimpleContentExtension ext) {
            target.setTextContent(value((XmlSchemaSimpleType) type(ext.getBaseTypeName()), target.getLocalName(), path));
            attributes(target, ext.getAttributes(), path);
            return;
        }
        if (complex.getContentModel() != null) {
            throw new IllegalStateException("content model not supported by the generator at " + path);
        }
        particle(target, complex.getParticle(), path);
        attributes(target, complex.getAttributes(), path);
    }

    /**
     * An end date (an element named *einddatum*) lies after the dates before it in its parent, as in any real
     * dossier (the canonical schema refuses an end before its start).
     */
    private void endsAfterItsStart(Element target, XmlSchemaSimpleType type) {
        if (!target.getLocalName().contains("einddatum") || !"date".equals(facets(type).base)) {
            return;
        }
        LocalDate start = null;
        for (org.w3c.dom.Node n = target.getPreviousSibling(); n != null; n = n.getPreviousSibling()) {
            try {
                LocalDate d = LocalDate.parse(n.getTextContent());
                start = start == null || d.isAfter(start) ? d : start;
            } catch (java.time.format.DateTimeParseException notADate) {
                // not a date
            }
        }
        if (start != null && LocalDate.parse(target.getTextContent()).isBefore(start)) {
            target.setTextContent(date(facets(type), start, 4 * 365));
        }
    }

    private void attributes(Element target, List<XmlSchemaAttributeOrGroupRef> attributes, String path) {
        for (XmlSchemaAttributeOrGroupRef a : attributes) {
            XmlSchemaAttribute attribute = (XmlSchemaAttribute) a;
            if (attribute.getUse() == XmlSchemaUse.REQUIRED || present()) {
                XmlSchemaSimpleType t = attribute.getSchemaType() != null ? attribute.getSchemaType()
                        : (XmlSchemaSimpleType) type(attribute.getSchemaTypeName());
                target.setAttribute(attribute.getName(), value(t, attribute.getName(), path + "/@" + attribute.getName()));
            }
        }
    }

    private void particle(Element target, XmlSchemaParticle particle, String path) {
        if (particle == null) {
            return;
        }
        int times = occurrences(particle.getMinOccurs(), particle.getMaxOccurs());
        for (int i = 0; i < times; i++) {
            if (particle instanceof XmlSchemaElement e) {
                Element child = target.getOwnerDocument().createElementNS(namespace, e.getName());
                target.appendChild(child);
                content(child, type(e), path + "/" + e.getName());
            } else if (particle instanceof XmlSchemaSequence s) {
                for (XmlSchemaSequenceMember m : s.getItems()) {
                    particle(target, (XmlSchemaParticle) m, path);
                }
            } else if (particle instanceof XmlSchemaChoice c) {
                List<XmlSchemaChoiceMember> items = c.getItems();
                // the choice's own occurrence was decided above; an optional choice also takes "none" in turn
                int branches = items.size() + (c.getMinOccurs() == 0 ? 1 : 0);
                int branch = turn(path + "/choice" + c.getLineNumber(), branches);
                if (branch < items.size()) {
                    XmlSchemaParticle p = (XmlSchemaParticle) items.get(branch);
                    particle(target, p, path);
                }
            } else {
                throw new IllegalStateException("particle not supported by the generator at " + path + ": " + particle);
            }
        }
    }

    /** How often a particle occurs: optional ones in every full instance; choices always (their branch decides). */
    private int occurrences(long min, long max) {
        if (min == 0 && !present()) {
            return 0;
        }
        long upper = Math.min(max, 3);
        long lower = Math.max(min, 1);
        return (int) (lower + random.nextInt((int) (upper - lower + 1)));
    }

    private boolean present() {
        return full || random.nextInt(10) < 6;
    }

    /**
     * One of {@code of} alternatives at a site (a choice, an enumeration): one taken least often so far, at random
     * among those, so every alternative comes in turn while sites stay independent of each other.
     */
    private int turn(String site, int of) {
        int[] counts = turns.computeIfAbsent(site, k -> new int[of]);
        int least = java.util.Arrays.stream(counts).min().orElseThrow();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < of; i++) {
            if (counts[i] == least) {
                candidates.add(i);
            }
        }
        int pick = candidates.get(random.nextInt(candidates.size()));
        counts[pick]++;
        return pick;
    }

    // ---- values

    private String value(XmlSchemaSimpleType type, String name, String path) {
        String domain = domain(name);
        if (domain != null) {
            return domain;
        }
        Facets facets = facets(type);
        if (!facets.enumeration.isEmpty()) {
            List<String> values = new ArrayList<>(facets.enumeration);
            return values.get(turn("enum:" + path, values.size()));
        }
        return switch (facets.base) {
            case "string", "normalizedString", "token" -> facets.patterns.isEmpty() ? text(name, facets)
                    : new PatternValues(random).matching(facets.patterns.get(0));
            case "int", "integer", "long", "short" -> Long.toString(integer(facets));
            case "decimal" -> new BigDecimal(random.nextInt(1000)).add(new BigDecimal(1 + random.nextInt(9))
                    .movePointLeft(1)).toPlainString();
            case "boolean" -> turn("bool:" + path, 2) == 0 ? "true" : "false";
            case "date" -> date(facets);
            case "base64Binary" -> {
                byte[] bytes = new byte[Math.max(facets.minLength, 1) + random.nextInt(300)];
                random.nextBytes(bytes);
                yield Base64.getEncoder().encodeToString(bytes);
            }
            default -> throw new IllegalStateException("built-in type " + facets.base + " not supported at " + path);
        };
    }

    private long integer(Facets f) {
        long min = f.minInclusive == null ? 0 : f.minInclusive;
        long max = f.maxInclusive == null ? 9999 : f.maxInclusive;
        return min + (long) random.nextInt((int) (max - min + 1));
    }

    private String date(Facets f) {
        return date(f, LocalDate.of(2018, 8, 1), 10 * 365);
    }

    /** A date from the given day on, within the given number of days, matching the type's patterns. */
    private String date(Facets f, LocalDate from, int days) {
        for (int i = 0; i < 100_000; i++) {
            String d = from.plusDays(random.nextInt(days)).toString();
            if (f.patterns.stream().allMatch(p -> Pattern.matches(p, d))) {
                return d;
            }
        }
        throw new IllegalStateException("no date matches " + f.patterns);
    }

    private String text(String name, Facets f) {
        int max = f.maxLength == null ? 4000 : f.maxLength;
        String value = switch (name) {
            case "voornaam", "gbavoornaam", "roepnaam" -> pick(GIVEN);
            case "voorvoegsel", "gbavoorvoegsel" -> pick(INFIX);
            case "achternaam", "gbaachternaam" -> pick(FAMILY);
            default -> random.nextInt(8) == 0 ? longText(max) : words(1 + random.nextInt(6));
        };
        return value.length() > max ? value.substring(0, max).strip() : value;
    }

    private String longText(int length) {
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            b.append(pick(WORDS)).append(' ');
        }
        String text = b.substring(0, length);
        // no space at either end: an XML reader may keep it, a person would not have typed it
        return text.charAt(length - 1) == ' ' ? text.substring(0, length - 1) + "x" : text;
    }

    private String words(int n) {
        StringBuilder b = new StringBuilder(pick(WORDS));
        for (int i = 1; i < n; i++) {
            b.append(' ').append(pick(WORDS));
        }
        return b.toString();
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** The elements whose values {@link #domain} supplies. */
    static final Set<String> DOMAIN = Set.of("bsn", "onderwijsnummer", "gemeente", "gbageboortedatum", "geboortedatum",
            "geboortemaand", "schooljaar", "postcode");

    /** Values of elements whose rules lie beyond the schema; null where the schema says it all. */
    private String domain(String name) {
        return switch (name) {
            case "bsn" -> nineDigits(0, '0');
            case "onderwijsnummer" -> nineDigits(5, '1');
            case "gemeente" -> gemeente();
            case "gbageboortedatum" -> birth.format(GBA_DATE);
            case "geboortedatum" -> birth.toString();
            case "geboortemaand" -> birth.toString().substring(0, 7);
            case "schooljaar" -> {
                int start = 2018 + random.nextInt(10);
                yield start + "-" + (start + 1);
            }
            case "postcode" -> (1000 + random.nextInt(9000)) + (random.nextBoolean() ? " " : "")
                    + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
            default -> null;
        };
    }

    /** Nine digits whose weighted sum (9..2, last -1) leaves the given remainder modulo 11, starting with a digit. */
    private String nineDigits(int remainder, char first) {
        while (true) {
            char[] d = new char[9];
            d[0] = first == '0' ? (char) ('1' + random.nextInt(9)) : first;
            for (int i = 1; i < 9; i++) {
                d[i] = (char) ('0' + random.nextInt(10));
            }
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (9 - i) * (d[i] - '0');
            }
            sum -= d[8] - '0';
            if (Math.floorMod(sum, 11) == remainder) {
                return new String(d);
            }
        }
    }

    private String gemeente() {
        String[] g = gemeenten.get(random.nextInt(gemeenten.size()));
        return switch (random.nextInt(4)) {
            case 0 -> g[0];
            case 1 -> g[1].toUpperCase(java.util.Locale.ROOT);
            default -> g[1];
        };
    }

    /** Code and name of every gemeente name that resolves to one gemeente (current, alias, former). */
    private static List<String[]> gemeenten() {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = OsoSchemaInstances.class.getResourceAsStream("/gemeenten/gemeenten.csv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(";", -1);
                if (!line.startsWith("#") && f.length >= 3 && !f[2].equals("split")) {
                    out.add(new String[] {f[0], f[1]});
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    // ---- facets

    private static final class Facets {
        String base;
        final Set<String> enumeration = new LinkedHashSet<>();
        final List<String> patterns = new ArrayList<>();
        Integer maxLength;
        int minLength;
        Long minInclusive;
        Long maxInclusive;
    }

    /** The facets of a simple type and the types it restricts, down to its built-in base. */
    private Facets facets(XmlSchemaSimpleType type) {
        Facets f = new Facets();
        XmlSchemaSimpleType t = type;
        while (true) {
            if (t.getQName() != null && XS.equals(t.getQName().getNamespaceURI())) {
                f.base = t.getQName().getLocalPart();
                return f;
            }
            XmlSchemaSimpleTypeRestriction r = (XmlSchemaSimpleTypeRestriction) t.getContent();
            for (XmlSchemaFacet facet : r.getFacets()) {
                String v = String.valueOf(facet.getValue());
                if (facet instanceof XmlSchemaEnumerationFacet && f.enumeration.isEmpty()) {
                    r.getFacets().stream().filter(x -> x instanceof XmlSchemaEnumerationFacet)
                            .forEach(x -> f.enumeration.add(String.valueOf(x.getValue())));
                } else if (facet instanceof XmlSchemaPatternFacet) {
                    f.patterns.add(v);
                } else if (facet instanceof XmlSchemaMaxLengthFacet && f.maxLength == null) {
                    f.maxLength = Integer.valueOf(v);
                } else if (facet instanceof XmlSchemaMinLengthFacet) {
                    f.minLength = Math.max(f.minLength, Integer.parseInt(v));
                } else if (facet instanceof XmlSchemaMinInclusiveFacet && f.minInclusive == null) {
                    f.minInclusive = Long.valueOf(v);
                } else if (facet instanceof XmlSchemaMaxInclusiveFacet && f.maxInclusive == null) {
                    f.maxInclusive = Long.valueOf(v);
                }
            }
            QName base = r.getBaseTypeName();
            if (XS.equals(base.getNamespaceURI())) {
                f.base = base.getLocalPart();
                return f;
            }
            t = (XmlSchemaSimpleType) type(base);
        }
    }

    // ---- what the schema declares

    private void declared(XmlSchemaType type, String path, Set<String> out) {
        if (!(type instanceof XmlSchemaComplexType complex)) {
            return;
        }
        if (complex.getContentModel() instanceof XmlSchemaComplexContent cc
                && cc.getContent() instanceof XmlSchemaComplexContentExtension ext) {
            declared(type(ext.getBaseTypeName()), path, out);
            declaredParticle(ext.getParticle(), path, out);
            return;
        }
        declaredParticle(complex.getParticle(), path, out);
    }

    private void declaredParticle(XmlSchemaObject particle, String path, Set<String> out) {
        if (particle instanceof XmlSchemaElement e) {
            String p = path + "/" + e.getName();
            out.add(p);
            declared(type(e), p, out);
        } else if (particle instanceof XmlSchemaSequence s) {
            s.getItems().forEach(m -> declaredParticle((XmlSchemaObject) m, path, out));
        } else if (particle instanceof XmlSchemaChoice c) {
            c.getItems().forEach(m -> declaredParticle((XmlSchemaObject) m, path, out));
        }
    }

    private void enumerations(XmlSchemaType type, Map<String, Set<String>> out, Set<XmlSchemaType> seen) {
        if (!seen.add(type) || !(type instanceof XmlSchemaComplexType complex)) {
            return;
        }
        List<XmlSchemaObject> particles = new ArrayList<>();
        if (complex.getContentModel() instanceof XmlSchemaComplexContent cc
                && cc.getContent() instanceof XmlSchemaComplexContentExtension ext) {
            enumerations(type(ext.getBaseTypeName()), out, seen);
            particles.add(ext.getParticle());
        } else {
            particles.add(complex.getParticle());
        }
        while (!particles.isEmpty()) {
            XmlSchemaObject p = particles.remove(particles.size() - 1);
            if (p instanceof XmlSchemaElement e) {
                XmlSchemaType t = type(e);
                if (t instanceof XmlSchemaSimpleType simple && !DOMAIN.contains(e.getName())) {
                    Set<String> values = facets(simple).enumeration;
                    if (!values.isEmpty()) {
                        out.put(e.getName(), values);
                    }
                } else {
                    enumerations(t, out, seen);
                }
            } else if (p instanceof XmlSchemaSequence s) {
                s.getItems().forEach(m -> particles.add((XmlSchemaObject) m));
            } else if (p instanceof XmlSchemaChoice c) {
                c.getItems().forEach(m -> particles.add((XmlSchemaObject) m));
            }
        }
    }
}
