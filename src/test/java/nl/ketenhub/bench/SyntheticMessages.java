package nl.ketenhub.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The benchmark's payloads: synthetic canonical envelopes built from seeded random values, so every run sends the
 * same bytes. Students are invented; their BSNs pass the 11-proef and belong to nobody.
 *
 * <p>An envelope is built once per content variant as a {@link Template} with placeholders for the messageId and the
 * student's BSN; each message is the template with its own messageId and a BSN from a {@link StudentPool} put in,
 * which costs one string concatenation at send time. So a few templates serve many thousands of students, and no
 * student collects thousands of messages (which real traffic never does, and which would make every per-student
 * lookup in the hub slower the longer the run lasts).
 */
public final class SyntheticMessages {

    /** Stands in for the messageId in a template. */
    static final String ID_PLACEHOLDER = "@@MESSAGE-ID@@";
    /** Stands in for the student's BSN in a template. */
    static final String BSN_PLACEHOLDER = "@@BSN@@";
    /** A BSN, for sizing. */
    static final String TYPICAL_BSN = "123456782";
    /** A messageId as long as the harness's real ones, for sizing. */
    static final String TYPICAL_ID = "abcd.small.bridge.t1-0001234-000123456789012";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] WORDS = {
        "de", "het", "een", "leerling", "werkt", "zelfstandig", "aan", "opdrachten", "en", "vraagt", "hulp", "bij",
        "planning", "toetsen", "mentor", "gesprek", "ouders", "motivatie", "goed", "voldoende", "rekenen", "taal",
        "lezen", "begeleiding", "extra", "tijd", "rustige", "werkplek", "stage", "bedrijf", "praktijk", "vakken",
        "inzet", "huiswerk", "aanwezig", "afspraken", "doel", "periode", "resultaat", "advies", "vervolg", "opleiding",
        "niveau", "samenwerken", "groep", "presentatie", "feedback", "oefenen", "structuur", "overzicht"
    };
    private static final String[] SUBJECTS = {
        "Nederlands", "Engels", "Wiskunde", "Economie", "Biologie", "Natuurkunde", "Scheikunde", "Aardrijkskunde",
        "Geschiedenis", "Maatschappijleer", "Lichamelijke opvoeding", "Kunstvakken", "Informatica", "Duits"
    };

    private SyntheticMessages() {}

    /** A canonical envelope with placeholders for the messageId and the student's BSN, split around them. */
    public record Template(String prefix, String middle, String suffix) {

        /** The envelope with its messageId and student. */
        public String render(String messageId, String bsn) {
            return prefix + messageId + middle + bsn + suffix;
        }

        /** Size in UTF-8 bytes with a messageId of typical length. */
        public int typicalBytes() {
            return render(TYPICAL_ID, TYPICAL_BSN).getBytes(StandardCharsets.UTF_8).length;
        }

        static Template of(ObjectNode envelope) {
            String json = json(envelope);
            int id = json.indexOf(ID_PLACEHOLDER);
            int bsn = json.indexOf(BSN_PLACEHOLDER);
            if (id < 0 || bsn < id || json.indexOf(BSN_PLACEHOLDER, bsn + 1) >= 0) {
                throw new IllegalStateException("a template needs one messageId placeholder before one BSN placeholder");
            }
            return new Template(json.substring(0, id), json.substring(id + ID_PLACEHOLDER.length(), bsn),
                    json.substring(bsn + BSN_PLACEHOLDER.length()));
        }
    }

    /**
     * The n-th synthetic BSN: 9 digits whose weighted sum (9, 8, ..., 2, -1) is divisible by 11. Each n has its own
     * block of eleven candidate prefixes (a bijection spreads them over all eight-digit numbers), of which the first
     * whose check digit is not 10 is taken, so different n never give the same BSN.
     */
    public static String bsn(int n) {
        for (int j = 0; j < 11; j++) {
            long eight = 10_000_000L + Math.floorMod((11L * n + j) * 7_919L + 1_234_567L, 89_999_999L);
            String digits = Long.toString(eight);
            int sum = 0;
            for (int k = 0; k < 8; k++) {
                sum += (9 - k) * (digits.charAt(k) - '0');
            }
            int check = sum % 11;
            if (check < 10) {
                return digits + check;
            }
        }
        throw new IllegalStateException("no BSN in the block of " + n);
    }

    /**
     * An application status (the MBO reports the state of an application to the VO school) of about
     * {@code targetBytes}, padded with its free-text reason.
     */
    public static Template status(String sender, String recipient, int student, LocalDate today, Instant sentAt,
            int targetBytes) {
        ObjectNode envelope = envelope("application-status", sender, recipient, sentAt);
        ObjectNode p = envelope.putObject("payload");
        ObjectNode s = p.putObject("student");
        s.put("bsn", BSN_PLACEHOLDER);
        s.put("birthDate", today.minusYears(16).minusDays(37L * student % 300).toString());
        s.put("gemeentecode", "0998");
        s.put("hasStartkwalificatie", false);
        p.put("status", "aanmelding-ontvangen");
        p.put("statusDate", today.toString());
        p.put("schoolYear", schoolYear(today, 0));
        ObjectNode programme = p.putObject("programme");
        programme.put("crebo", "25180");
        programme.put("name", "Medewerker ICT");
        programme.put("level", 3);
        programme.put("learningPath", "BOL");
        programme.put("location", "Hoofdlocatie Benchstad");
        programme.put("startDate", nextSeptember(today).toString());
        school(p.putObject("mboSchool"), "25XA", "Bench MBO College", sender);
        school(p.putObject("voSchool"), "01AA", "Bench VO School", recipient);
        int withoutReason = Template.of(envelope).typicalBytes() + ",\"reason\":\"\"".length();
        p.put("reason", text(new Random(student), Math.max(1, targetBytes - withoutReason)));
        return Template.of(envelope);
    }

    /**
     * A full transfer dossier with every section filled (a long school career, exam subjects, grade lists, tests,
     * advice, support needs with diagnoses and arrangements, attendance, parents, documents), grown with grade lists
     * until it is at least {@code targetBytes}.
     */
    public static Template dossier(String sender, String recipient, int student, LocalDate today, Instant sentAt,
            int targetBytes) {
        Random random = new Random(1_000L + student);
        ObjectNode envelope = envelope("transfer-dossier", sender, recipient, sentAt);
        ObjectNode p = envelope.putObject("payload");
        p.put("schoolYear", schoolYear(today, 0));
        school(p.putObject("school"), "01AA", "Bench VO School", sender).put("vestigingscode", "00");
        school(p.putObject("receivingSchool"), "25XA", "Bench MBO College", recipient);
        ObjectNode programme = p.putObject("programme");
        programme.put("crebo", "25180");
        programme.put("name", "Medewerker ICT");
        programme.put("level", 3);
        programme.put("learningPath", "BOL");
        programme.put("location", "Hoofdlocatie Benchstad");
        programme.put("startDate", nextSeptember(today).toString());
        ObjectNode source = p.putObject("source");
        source.put("format", "canonical-json");
        source.put("packageName", "Bench leerlingvolgsysteem");
        source.put("packageVersion", "1.0");
        source.put("standardVersion", "canonical-v1");
        source.put("createdAt", today.toString());
        source.put("provisional", false);
        ObjectNode evidence = p.putObject("consentEvidence");
        evidence.put("seenByParentsOrStudent", true);
        evidence.put("seenOn", today.minusDays(14).toString());
        evidence.put("agreesWithContent", "yes");
        evidence.put("consentToTransfer", "yes");
        evidence.put("givenBy", "student");

        LocalDate born = today.minusYears(17).minusDays(37L * student % 300);
        studentSection(p.putObject("student"), student, born, today, random);
        ObjectNode career = p.putObject("schoolCareer");
        ObjectNode results = p.putObject("results");
        careerSection(career, results, today, random);
        ObjectNode gradeListsSection = p.putObject("gradeLists");
        gradeListsSection.put("category", "grade-lists");
        ObjectNode finalTest = p.putObject("primaryFinalTest");
        finalTest.put("category", "primary-final-test");
        ObjectNode testResults = p.putObject("testResults");
        testResults.put("category", "test-results");
        resultsSection(results, gradeListsSection, finalTest, testResults, today, random);
        adviceSection(p.putObject("transferAdvice"), random);
        ObjectNode support = p.putObject("supportNeeds");
        supportSection(support, p.putObject("actionPlans"), today, random);
        attendanceSection(p.putObject("attendance"), random);
        parentsSection(p.putObject("parentsGuardians"), random);
        attachmentsSection(p.putObject("attachments"), random);

        ArrayNode gradeLists = (ArrayNode) gradeListsSection.get("lists");
        int n = gradeLists.size();
        while (Template.of(envelope).typicalBytes() < targetBytes) {
            gradeLists.add(gradeList(n++, today, random));
        }
        return Template.of(envelope);
    }

    /** {@code variants} different status templates. */
    public static List<Template> statuses(String sender, String recipient, int variants, LocalDate today, Instant sentAt,
            int targetBytes) {
        return java.util.stream.IntStream.range(0, variants)
                .mapToObj(i -> status(sender, recipient, i, today, sentAt, targetBytes)).toList();
    }

    /** {@code variants} different dossier templates. */
    public static List<Template> dossiers(String sender, String recipient, int variants, LocalDate today, Instant sentAt,
            int targetBytes) {
        return java.util.stream.IntStream.range(0, variants)
                .mapToObj(i -> dossier(sender, recipient, i, today, sentAt, targetBytes)).toList();
    }

    private static ObjectNode envelope(String type, String sender, String recipient, Instant sentAt) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("messageId", ID_PLACEHOLDER);
        e.put("type", type);
        e.put("sender", sender);
        e.put("recipient", recipient);
        e.put("sentAt", sentAt.truncatedTo(ChronoUnit.SECONDS).toString());
        return e;
    }

    private static ObjectNode school(ObjectNode s, String brin, String name, String oin) {
        s.put("brin", brin);
        s.put("name", name);
        s.put("oin", oin);
        return s;
    }

    private static void studentSection(ObjectNode s, int student, LocalDate born, LocalDate today, Random r) {
        s.put("category", "identity");
        s.put("bsn", BSN_PLACEHOLDER);
        s.put("schoolStudentId", "B-" + (100_000 + student));
        s.put("givenNames", "Bench Leerling " + student);
        s.put("initials", "B.L.");
        s.put("nameInfix", "van");
        s.put("familyName", "Proefhuizen");
        s.put("preferredName", "Bench");
        s.put("birthDate", born.toString());
        s.put("birthPlace", "Benchstad");
        s.put("gender", "unknown");
        s.putArray("nationalities").add("Nederlandse");
        s.put("gemeentecode", "0998");
        s.put("addressConfidential", false);
        ArrayNode addresses = s.putArray("addresses");
        address(addresses.addObject(), "residential", student);
        address(addresses.addObject(), "postal", student + 1);
        ArrayNode contacts = s.putArray("contacts");
        contact(contacts.addObject(), "mobile", "0600000" + String.format("%03d", student % 1000));
        contact(contacts.addObject(), "email", "leerling" + student + "@example.invalid");
        contact(contacts.addObject(), "phone", "0100000000");
        s.put("inEducationSince", born.plusYears(4).toString());
        s.put("hasStartkwalificatie", false);
    }

    private static void address(ObjectNode a, String kind, int n) {
        a.put("kind", kind);
        a.put("street", "Proefstraat");
        a.put("houseNumber", Integer.toString(1 + n % 200));
        a.put("postcode", "9999 AA");
        a.put("city", "Benchstad");
        a.put("gemeentecode", "0998");
        a.put("country", "NL");
    }

    private static void contact(ObjectNode c, String kind, String value) {
        c.put("kind", kind);
        c.put("value", value);
        c.put("label", kind + " contact");
        c.put("confidential", false);
        c.put("emergency", false);
    }

    private static void careerSection(ObjectNode c, ObjectNode vombo, LocalDate today, Random r) {
        c.put("category", "school-career");
        int year = today.getMonthValue() >= 8 ? today.getYear() : today.getYear() - 1;
        c.put("enrolledOn", LocalDate.of(year - 3, 8, 22).toString());
        c.put("currentEducationSince", LocalDate.of(year - 3, 8, 22).toString());
        ArrayNode entries = c.putArray("entries");
        for (int y = year - 11; y <= year; y++) {
            for (int period = 0; period < 3; period++) {
                ObjectNode e = entries.addObject();
                e.put("schoolYear", y + "-" + (y + 1));
                ObjectNode school = e.putObject("school");
                school.put("brin", y < year - 3 ? "07PO" : "01AA");
                school.put("vestigingscode", "00");
                school.put("name", y < year - 3 ? "Bench Basisschool" : "Bench VO School");
                e.put("schoolType", y < year - 3 ? "PO" : "VMBO-KB");
                e.put("schoolTypeDescription", y < year - 3 ? "Primair onderwijs" : "VMBO kaderberoepsgerichte leerweg");
                e.put("programmeCode", "P" + (y % 100) + period);
                e.put("programmeDescription", "Programma " + text(r, 40));
                e.put("yearGroup", Math.min(8, Math.max(0, 8 - (year - y))));
                e.put("groupCode", (8 - (year - y)) + "K" + (period + 1));
                e.put("groupName", "Groep " + text(r, 30));
                LocalDate start = LocalDate.of(y, 8 + period, 1 + period);
                e.put("startDate", start.toString());
                e.put("endDate", start.plusMonths(3).toString());
                e.put("promoted", period == 2);
            }
        }
        ObjectNode diploma = vombo.putObject("diploma");
        diploma.put("kind", "VMBO kaderberoepsgerichte leerweg");
        diploma.put("examYear", year + 1);
        diploma.put("outcome", "pending");
        diploma.put("startkwalificatie", false);
        ObjectNode orientation = vombo.putObject("careerOrientation");
        orientation.put("chosenProgramme", "Medewerker ICT, niveau 3, " + text(r, 200));
        orientation.put("careerTestDone", true);
        ArrayNode internships = orientation.putArray("internships");
        for (int i = 0; i < 8; i++) {
            ObjectNode in = internships.addObject();
            LocalDate start = LocalDate.of(year - 2 + i / 4, 2 + i % 4 * 2, 1);
            in.put("startDate", start.toString());
            in.put("endDate", start.plusWeeks(3).toString());
            in.put("kind", "snuffelstage");
            in.put("role", "Meeloper " + text(r, 30));
            in.put("assessment", text(r, 300));
        }
        orientation.put("notes", text(r, 800));
    }

    private static void resultsSection(ObjectNode res, ObjectNode gradeListsSection, ObjectNode eind,
            ObjectNode testResults, LocalDate today, Random r) {
        res.put("category", "results");
        ArrayNode exam = res.putArray("examSubjects");
        for (int i = 0; i < SUBJECTS.length; i++) {
            ObjectNode s = exam.addObject();
            s.put("subject", SUBJECTS[i]);
            s.put("subjectCode", SUBJECTS[i].substring(0, 2).toUpperCase());
            s.put("schoolExamGrade", grade(r));
            s.put("centralExamGrade", grade(r));
            s.put("finalGrade", Integer.toString(5 + r.nextInt(5)));
            s.put("completed", r.nextBoolean());
            s.put("completedOn", today.minusDays(30 + i).toString());
        }
        ArrayNode lists = gradeListsSection.putArray("lists");
        for (int i = 0; i < 16; i++) {
            lists.add(gradeList(i, today, r));
        }
        ArrayNode tests = testResults.putArray("tests");
        for (int i = 0; i < 20; i++) {
            ObjectNode t = tests.addObject();
            t.put("name", "Methodeonafhankelijke toets " + (i + 1));
            t.put("code", "MOT-" + i);
            t.put("version", "2024." + (i % 4));
            t.put("area", i % 2 == 0 ? "rekenen" : "taal");
            t.put("takenOn", today.minusMonths(3L * (i + 1)).toString());
            t.put("yearGroup", 1 + i % 4);
            ArrayNode scores = t.putArray("scores");
            for (int k = 0; k < 8; k++) {
                score(scores.addObject(), "Onderdeel " + (k + 1), today.minusMonths(3L * (i + 1)), r);
            }
            t.put("notes", text(r, 200));
        }
        eind.put("taken", true);
        eind.put("name", "Doorstroomtoets");
        eind.put("takenOn", today.minusYears(5).toString());
        eind.put("standardScore", "203");
        eind.put("advice", "vmbo-kader");
        ArrayNode components = eind.putArray("components");
        for (int k = 0; k < 6; k++) {
            score(components.addObject(), "Component " + (k + 1), today.minusYears(5), r);
        }
    }

    private static ObjectNode gradeList(int i, LocalDate today, Random r) {
        ObjectNode g = MAPPER.createObjectNode();
        LocalDate date = today.minusWeeks(6L * (i + 1));
        g.put("name", "Cijferlijst periode " + (i + 1));
        g.put("date", date.toString());
        g.put("yearGroup", 1 + i % 4);
        g.put("period", "P" + (1 + i % 4));
        ArrayNode grades = g.putArray("grades");
        for (String subject : SUBJECTS) {
            score(grades.addObject(), subject, date, r);
        }
        return g;
    }

    private static void score(ObjectNode s, String name, LocalDate date, Random r) {
        s.put("name", name);
        s.put("code", name.substring(0, Math.min(4, name.length())).toUpperCase());
        s.put("value", grade(r));
        s.put("level", "KB");
        s.put("date", date.toString());
        s.put("notes", text(r, 60));
    }

    private static void adviceSection(ObjectNode a, Random r) {
        a.put("category", "transfer-advice");
        a.put("advice", "MBO niveau 3, ICT. " + text(r, 1200));
        a.put("parentsWish", text(r, 400));
        a.put("studentWish", "Medewerker ICT. " + text(r, 400));
        a.put("revisedAdvice", text(r, 300));
        a.put("revisionMotivation", text(r, 600));
        a.put("profile", text(r, 1500));
        a.put("argumentation", text(r, 1500));
        a.put("attentionPoints", text(r, 1000));
        a.put("contactNeeded", true);
        a.put("contactPerson", "Mentor Bench");
        a.put("contactPhone", "0100000000");
        a.put("contactEmail", "mentor@example.invalid");
    }

    private static void supportSection(ObjectNode s, ObjectNode actionPlans, LocalDate today, Random r) {
        s.put("category", "support-needs");
        s.put("summary", text(r, 1200));
        s.put("strengths", text(r, 800));
        s.put("impediments", text(r, 800));
        s.put("socialEmotional", text(r, 1000));
        s.put("medication", text(r, 200));
        ArrayNode diagnoses = s.putArray("diagnoses");
        for (int i = 0; i < 6; i++) {
            ObjectNode d = diagnoses.addObject();
            d.put("code", "D-" + i);
            d.put("name", "Diagnose " + text(r, 30));
            d.put("date", today.minusYears(1L + i).toString());
            d.put("by", "Orthopedagoog " + (i + 1));
            d.put("institution", "Bench Expertisecentrum");
        }
        ArrayNode arrangements = s.putArray("arrangements");
        for (int i = 0; i < 8; i++) {
            ObjectNode a = arrangements.addObject();
            a.put("kind", i % 2 == 0 ? "extra tijd" : "ambulante begeleiding");
            LocalDate start = today.minusYears(3).plusMonths(i * 3L);
            a.put("startDate", start.toString());
            a.put("endDate", start.plusMonths(3).toString());
            a.put("reference", "ARR-" + i);
            a.put("provider", "Bench Zorgteam");
            a.put("details", text(r, 400));
            a.put("continue", i % 3 == 0);
        }
        actionPlans.put("category", "action-plans");
        ArrayNode plans = actionPlans.putArray("plans");
        for (int i = 0; i < 6; i++) {
            ObjectNode p = plans.addObject();
            LocalDate start = today.minusYears(2).plusMonths(i * 4L);
            p.put("startDate", start.toString());
            p.put("endDate", start.plusMonths(4).toString());
            p.put("focus", text(r, 600));
            p.put("attachment", "handelingsplan-" + i + ".pdf");
        }
        ArrayNode agencies = s.putArray("otherAgencies");
        for (int i = 0; i < 4; i++) {
            ObjectNode a = agencies.addObject();
            a.put("name", "Bench Jeugdhulp " + (i + 1));
            a.put("contactPerson", "Contactpersoon " + (i + 1));
            a.put("reason", text(r, 300));
        }
    }

    private static void attendanceSection(ObjectNode a, Random r) {
        a.put("category", "attendance");
        a.put("authorisedHalfDays", 6);
        a.put("unauthorisedHalfDays", 1);
        a.put("authorisedHours", 14);
        a.put("unauthorisedHours", 3);
        a.put("over25Percent", false);
        a.put("frequency", text(r, 300));
        a.put("leerplichtContacted", false);
        a.put("rmcReported", false);
        a.put("notes", text(r, 600));
    }

    private static void parentsSection(ObjectNode pg, Random r) {
        pg.put("category", "parents-guardians");
        ArrayNode persons = pg.putArray("persons");
        for (int i = 0; i < 2; i++) {
            ObjectNode p = persons.addObject();
            p.put("relation", "parent");
            p.put("initials", i == 0 ? "J." : "M.");
            p.put("givenNames", i == 0 ? "Jan Bench" : "Marie Bench");
            p.put("nameInfix", "van");
            p.put("familyName", "Proefhuizen");
            p.put("liable", true);
            address(p.putArray("addresses").addObject(), "residential", i);
            ArrayNode contacts = p.putArray("contacts");
            contact(contacts.addObject(), "mobile", "061111111" + i);
            contact(contacts.addObject(), "email", "ouder" + i + "@example.invalid");
        }
    }

    private static void attachmentsSection(ObjectNode a, Random r) {
        a.put("category", "attachments");
        ArrayNode documents = a.putArray("documents");
        for (int i = 0; i < 24; i++) {
            ObjectNode d = documents.addObject();
            String name = "document-" + i + ".pdf";
            d.put("fileName", name);
            d.put("description", text(r, 150));
            d.put("mediaType", "application/pdf");
            d.put("sizeBytes", 20_000 + 1_000 * i);
            d.put("sha256", sha256(name));
            d.put("kind", i % 4 == 0 ? "action-plan" : i % 4 == 1 ? "grade-list" : i % 4 == 2 ? "report" : "other");
        }
    }

    private static String grade(Random r) {
        return (4 + r.nextInt(6)) + "." + r.nextInt(10);
    }

    /** Dutch-looking filler text of exactly {@code length} characters. */
    static String text(Random r, int length) {
        StringBuilder b = new StringBuilder(length + 16);
        while (b.length() < length) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(WORDS[r.nextInt(WORDS.length)]);
        }
        b.setLength(length);
        return b.toString().strip().isEmpty() ? "x".repeat(length) : b.toString().replaceAll(" $", ".");
    }

    private static String schoolYear(LocalDate today, int offset) {
        int first = (today.getMonthValue() >= 8 ? today.getYear() : today.getYear() - 1) + offset;
        return first + "-" + (first + 1);
    }

    private static LocalDate nextSeptember(LocalDate today) {
        LocalDate sept = LocalDate.of(today.getYear(), 9, 1);
        return sept.isAfter(today) ? sept : sept.plusYears(1);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
