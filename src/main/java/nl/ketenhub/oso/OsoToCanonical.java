package nl.ketenhub.oso;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import nl.ketenhub.canonical.Address;
import nl.ketenhub.canonical.Contact;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.School;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.canonical.TransferDossier.ActionPlan;
import nl.ketenhub.canonical.TransferDossier.Administrator;
import nl.ketenhub.canonical.TransferDossier.Arrangement;
import nl.ketenhub.canonical.TransferDossier.Attachments;
import nl.ketenhub.canonical.TransferDossier.Attendance;
import nl.ketenhub.canonical.TransferDossier.CareerEntry;
import nl.ketenhub.canonical.TransferDossier.CareerOrientation;
import nl.ketenhub.canonical.TransferDossier.Citizenship;
import nl.ketenhub.canonical.TransferDossier.CivilRegistry;
import nl.ketenhub.canonical.TransferDossier.Competence;
import nl.ketenhub.canonical.TransferDossier.ConsentEvidence;
import nl.ketenhub.canonical.TransferDossier.Diagnosis;
import nl.ketenhub.canonical.TransferDossier.Diploma;
import nl.ketenhub.canonical.TransferDossier.EarlyChildhood;
import nl.ketenhub.canonical.TransferDossier.EarlySchoolProgramme;
import nl.ketenhub.canonical.TransferDossier.ExamSubject;
import nl.ketenhub.canonical.TransferDossier.FinalTestDomain;
import nl.ketenhub.canonical.TransferDossier.FinalTestPart;
import nl.ketenhub.canonical.TransferDossier.GradeList;
import nl.ketenhub.canonical.TransferDossier.GradePart;
import nl.ketenhub.canonical.TransferDossier.GradeScore;
import nl.ketenhub.canonical.TransferDossier.GradeSubject;
import nl.ketenhub.canonical.TransferDossier.HomeSituation;
import nl.ketenhub.canonical.TransferDossier.Internship;
import nl.ketenhub.canonical.TransferDossier.NamedPerson;
import nl.ketenhub.canonical.TransferDossier.Organisation;
import nl.ketenhub.canonical.TransferDossier.Paper;
import nl.ketenhub.canonical.TransferDossier.ParentsGuardians;
import nl.ketenhub.canonical.TransferDossier.Person;
import nl.ketenhub.canonical.TransferDossier.Preschool;
import nl.ketenhub.canonical.TransferDossier.PrimaryFinalTest;
import nl.ketenhub.canonical.TransferDossier.Promotion;
import nl.ketenhub.canonical.TransferDossier.ReferenceScore;
import nl.ketenhub.canonical.TransferDossier.Results;
import nl.ketenhub.canonical.TransferDossier.RvcAssessment;
import nl.ketenhub.canonical.TransferDossier.SchoolCareer;
import nl.ketenhub.canonical.TransferDossier.SchoolDetails;
import nl.ketenhub.canonical.TransferDossier.Score;
import nl.ketenhub.canonical.TransferDossier.Source;
import nl.ketenhub.canonical.TransferDossier.Student;
import nl.ketenhub.canonical.TransferDossier.SupportNeeds;
import nl.ketenhub.canonical.TransferDossier.TestOutcome;
import nl.ketenhub.canonical.TransferDossier.TestPart;
import nl.ketenhub.canonical.TransferDossier.TestResults;
import nl.ketenhub.canonical.TransferDossier.TestResult;
import nl.ketenhub.canonical.TransferDossier.TestScore;
import nl.ketenhub.canonical.TransferDossier.TransferAdvice;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.gemeente.Gemeenten;
import nl.ketenhub.oso.xml.Adres;
import nl.ketenhub.oso.xml.Adreslijst;
import nl.ketenhub.oso.xml.CategorieUitlevering;
import nl.ketenhub.oso.xml.CijferOnderdeel;
import nl.ketenhub.oso.xml.Cijferlijst;
import nl.ketenhub.oso.xml.Communicatie;
import nl.ketenhub.oso.xml.Communicatielijst;
import nl.ketenhub.oso.xml.Document;
import nl.ketenhub.oso.xml.Dossier;
import nl.ketenhub.oso.xml.Instelling;
import nl.ketenhub.oso.xml.Inzage;
import nl.ketenhub.oso.xml.JaNeeOnbekend;
import nl.ketenhub.oso.xml.Leerling;
import nl.ketenhub.oso.xml.Metadata;
import nl.ketenhub.oso.xml.Onderwijsondersteuning;
import nl.ketenhub.oso.xml.Persoon;
import nl.ketenhub.oso.xml.Resultaat;
import nl.ketenhub.oso.xml.ResultaatVakVo;
import nl.ketenhub.oso.xml.Toets;
import nl.ketenhub.oso.xml.Uitlevering;
import nl.ketenhub.oso.xml.Verzorger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Maps an OSO gegevensset 2019 dossier to the canonical transfer dossier, block by block, each into the section of
 * its data category. Categories the source marks VERBODEN or OPT-UIT are not mapped at all (and are listed in
 * source.excludedBySource); the inzage block becomes the consent evidence.
 */
@Component
public class OsoToCanonical {

    static final String LEERLING = "/dossier/huidigeschool/leerling";
    static final String GEMEENTE = LEERLING + "/adreslijst/adres/gemeente";
    private static final DateTimeFormatter GBA_DATE = DateTimeFormatter.ofPattern("dd-MM-uuuu");

    private final Gemeenten gemeenten;

    /** A mapper with the bundled gemeente list. */
    public OsoToCanonical() {
        this(Gemeenten.bundled());
    }

    @Autowired
    public OsoToCanonical(Gemeenten gemeenten) {
        this.gemeenten = gemeenten;
    }

    /**
     * Something about a dossier the hub accepts it with, but that the admin (and the sender) should know.
     *
     * @param code short name of the matter, e.g. gemeente-unknown
     * @param pointer the OSO element it concerns
     */
    public record Note(String code, String pointer, String detail) {}

    /**
     * A dossier as far as it could be mapped: every problem that keeps it from being a canonical dossier (all of
     * them, not only the first), and the notes it is accepted with.
     */
    public record Mapped(TransferDossier dossier, List<Violation> problems, List<Note> notes) {}

    /**
     * The canonical dossier for an OSO dossier.
     *
     * @param senderOin the OIN of the sending school (the canonical school's oin)
     * @throws OsoMappingException when the dossier lacks what a canonical dossier needs (a full birth date, a
     *     releasable student)
     */
    public TransferDossier map(Dossier oso, String senderOin) {
        Mapped m = mapAll(oso, senderOin);
        if (!m.problems().isEmpty()) {
            throw new OsoMappingException(m.problems());
        }
        return m.dossier();
    }

    /**
     * Maps a dossier as far as it goes: the dossier (with the members a problem concerns left out), every problem
     * found, and the notes. A dossier with problems must not be forwarded.
     */
    public Mapped mapAll(Dossier oso, String senderOin) {
        Map<OsoCategory, Uitlevering> release = release(oso.getMetadata().getCategorieUitlevering());
        Function<OsoCategory, Boolean> allowed = c -> c == OsoCategory.METADATA || !excluded(release.get(c));
        Leerling l = oso.getHuidigeschool().getLeerling();
        List<Violation> problems = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        if (!allowed.apply(OsoCategory.LEERLING)) {
            problems.add(new Violation("/dossier/metadata/categorie_uitlevering/cat_leerling",
                    "the student's own data is marked " + release.get(OsoCategory.LEERLING).value()
                            + ": a dossier without the student cannot be transferred"));
        }
        if (l.getGeboortedatum() == null) {
            problems.add(new Violation(LEERLING + "/geboortedatum", l.getGeboortemaand() != null
                    ? "the hub needs the full birth date (geboortedatum), not only the birth month"
                    : "the hub needs the student's birth date (geboortedatum)"));
        }
        String gemeentecode = residence(l.getAdreslijst(), notes);
        if (l.getGba() != null && parseGbaDate(l.getGba().getGbageboortedatum()) == null) {
            problems.add(new Violation(LEERLING + "/gba/gbageboortedatum", "not a real date (dd-mm-yyyy)"));
        }

        Metadata md = oso.getMetadata();
        Inzage inzage = allowed.apply(OsoCategory.OUDERINZAGE) ? oso.getInzage() : null;
        List<String> excludedBySource = release.entrySet().stream().filter(e -> excluded(e.getValue()))
                .map(e -> e.getKey().code()).toList();
        Map<String, String> categoryRelease = null;
        if (md.getCategorieUitlevering() != null) {
            categoryRelease = new LinkedHashMap<>();
            for (Map.Entry<OsoCategory, Uitlevering> e : release.entrySet()) {
                categoryRelease.put(e.getKey().element(), e.getValue().value());
            }
        }
        java.util.EnumSet<DataCategory> optional = java.util.EnumSet.noneOf(DataCategory.class);
        release.forEach((c, u) -> {
            if (u == Uitlevering.OPTIONEEL && carries(c, l)) {
                optional.addAll(c.canonical());
            }
        });
        optional.remove(DataCategory.IDENTITY);
        Source source = new Source("oso-xml", md.getPakketnaam(), md.getPakketversie(), md.getStandaardversie(),
                md.getDatum(), inzage == null ? null : inzage.isVoorlopigdossier(), emptyToNull(excludedBySource),
                md.getDeeldossier(), md.getValidatieversie(), md.getOverstap(), oso.getOverdrachtsoort(), categoryRelease,
                optional.isEmpty() ? null : List.copyOf(optional));
        ConsentEvidence evidence = inzage == null ? null : new ConsentEvidence(inzage.isInzage(), inzage.getInzagedatum(),
                answer(inzage.getAkkoord()), inzage.getRedennietakkoord(), answer(inzage.getToestemming()), null);

        var hs = oso.getHuidigeschool();
        School school = new School(hs.getBrincode(), hs.getVestigingscode(), hs.getNaam(), senderOin);
        SchoolDetails details = allowed.apply(OsoCategory.SCHOOL) ? new SchoolDetails(addresses(hs.getAdreslijst()),
                contacts(hs.getCommunicatielijst()), hs.getAanleverpunt(), hs.getSoort(), hs.getType(),
                hs.getNaamdirecteur(), hs.getWebsite()) : null;

        TransferDossier dossier = new TransferDossier(schoolYear(md.getDatum()), school, null, null, source, evidence,
                student(l, gemeentecode),
                schoolCareer(l, allowed),
                results(l, allowed),
                allowed.apply(OsoCategory.OVERSTAPADVIES) ? transferAdvice(l) : null,
                supportNeeds(l, allowed),
                allowed.apply(OsoCategory.VERZUIM) ? attendance(l) : null,
                allowed.apply(OsoCategory.OUDERSVERZORGERS) ? parents(l) : null,
                allowed.apply(OsoCategory.BIJLAGEDOCS) && l.getOverigdocumentlijst() != null
                        ? new Attachments(documents(l.getOverigdocumentlijst().getDocument(), "other")) : null,
                null,
                details,
                testResults(l, allowed),
                earlyChildhood(l, allowed),
                gradeLists(l, allowed),
                primaryFinalTest(l, allowed),
                actionPlans(l, allowed));
        return new Mapped(dossier, List.copyOf(problems), List.copyOf(notes));
    }

    // ----- categories and small codes -----

    static Map<OsoCategory, Uitlevering> release(CategorieUitlevering c) {
        Map<OsoCategory, Uitlevering> m = new EnumMap<>(OsoCategory.class);
        if (c == null) {
            return m;
        }
        m.put(OsoCategory.METADATA, c.getCatMetadata());
        m.put(OsoCategory.OUDERINZAGE, c.getCatOuderinzage());
        m.put(OsoCategory.SCHOOL, c.getCatSchool());
        m.put(OsoCategory.LEERLING, c.getCatLeerling());
        m.put(OsoCategory.OUDERSVERZORGERS, c.getCatOudersverzorgers());
        m.put(OsoCategory.VVE, c.getCatVve());
        m.put(OsoCategory.SCHOOLLOOPBAAN, c.getCatSchoolloopbaan());
        m.put(OsoCategory.OVERSTAPADVIES, c.getCatOverstapadvies());
        m.put(OsoCategory.ONDERWIJSONDERSTEUNING, c.getCatOnderwijsondersteuning());
        m.put(OsoCategory.VERZUIM, c.getCatVerzuim());
        m.put(OsoCategory.EINDTOETSBO, c.getCatEindtoetsbo());
        m.put(OsoCategory.TOETSRESULTATEN, c.getCatToetsresultaten());
        m.put(OsoCategory.HANDELINGSPLANNEN, c.getCatHandelingsplannen());
        m.put(OsoCategory.CIJFERLIJSTEN, c.getCatCijferlijsten());
        m.put(OsoCategory.VOMBO, c.getCatVombo());
        m.put(OsoCategory.BIJLAGEDOCS, c.getCatBijlagedocs());
        return m;
    }

    /** Whether the dossier carries data of this OSO category (its blocks under leerling). */
    static boolean carries(OsoCategory c, Leerling l) {
        var o = l.getOnderwijsondersteuning();
        return switch (c) {
            case METADATA, OUDERINZAGE, SCHOOL, LEERLING -> false;
            case OUDERSVERZORGERS -> !l.getVerzorger().isEmpty() || l.isVerzorgersaansprakelijk() != null
                    || l.getAansprakelijkeinstelling() != null;
            case VVE -> l.isVanpeuterspeelzaal() != null || l.getNaampeuterspeelzaal() != null || l.getVoorschools() != null
                    || !l.getVroegschools().isEmpty();
            case SCHOOLLOOPBAAN -> l.getSchoolloopbaanlijst() != null || l.getBevorderd() != null
                    || l.getTeruggeplaatstnaarbrin() != null;
            case OVERSTAPADVIES -> l.getOverstapadvies() != null;
            case ONDERWIJSONDERSTEUNING -> o != null;
            case HANDELINGSPLANNEN -> o != null && !o.getHandelingsplan().isEmpty();
            case VERZUIM -> l.getVerzuim() != null;
            case EINDTOETSBO -> l.getEindtoetsBasisonderwijs() != null;
            case TOETSRESULTATEN -> l.getToetslijst() != null;
            case CIJFERLIJSTEN -> l.getCijferlijstlijst() != null;
            case VOMBO -> l.getExamenresultaat() != null || !l.getResultaatvakkenvo().isEmpty()
                    || !l.getCertificaat().isEmpty() || !l.getCompetenties().isEmpty() || !l.getStage().isEmpty()
                    || l.getOverigvombo() != null;
            case BIJLAGEDOCS -> l.getOverigdocumentlijst() != null;
        };
    }

    static boolean excluded(Uitlevering u) {
        return u == Uitlevering.VERBODEN || u == Uitlevering.OPT_UIT;
    }

    private static String answer(JaNeeOnbekend a) {
        if (a == null) {
            return null;
        }
        return switch (a) {
            case JA -> "yes";
            case NEE -> "no";
            case ONBEKEND -> "unknown";
        };
    }

    /** The school year a date falls in (a school year starts on 1 August). */
    static String schoolYear(LocalDate date) {
        int start = date.getMonthValue() >= 8 ? date.getYear() : date.getYear() - 1;
        return start + "-" + (start + 1);
    }

    /** Canonical year group (0-8) of an OSO jaargroep code: 0-8 as is, 11-16 as secondary year 1-6. */
    static Integer yearGroup(String code) {
        if (code == null || !code.matches("[0-8]|1[1-6]")) {
            return null;
        }
        int n = Integer.parseInt(code);
        return n >= 11 ? n - 10 : n;
    }

    static String gender(Integer geslacht) {
        if (geslacht == null) {
            return null;
        }
        return switch (geslacht) {
            case 1 -> "female";
            case 2 -> "male";
            default -> "unknown";
        };
    }

    /**
     * The CBS code of the student's gemeente of residence: the gemeente of the gba address, else of the bezoek
     * address, else of any address, named by code or by (current, other or former) name. When none of them leads to
     * one gemeente the dossier is still mapped, without the code, and a note says why.
     */
    private String residence(Adreslijst list, List<Note> notes) {
        Gemeenten.NotFound first = null;
        if (list != null) {
            for (String kind : new String[] {"gba", "bezoek", null}) {
                for (Adres a : list.getAdres()) {
                    if ((kind == null || kind.equals(a.getSoortadres())) && a.getGemeente() != null
                            && !a.getGemeente().isBlank()) {
                        Gemeenten.Match m = gemeenten.resolve(a.getGemeente());
                        if (m instanceof Gemeenten.Found found) {
                            return found.gemeente().code();
                        }
                        if (first == null) {
                            first = (Gemeenten.NotFound) m;
                        }
                    }
                }
            }
        }
        if (first == null) {
            notes.add(new Note("gemeente-missing", GEMEENTE, "no address of the student names a gemeente: the"
                    + " dossier is forwarded, but no gemeente can be told about this student (RMC signal)"));
        } else {
            notes.add(new Note(first.problem(), GEMEENTE, first.detail() + ": the dossier is forwarded, but no"
                    + " gemeente can be told about this student (RMC signal) until a later message names it"));
        }
        return null;
    }

    // ----- building blocks -----

    static List<Address> addresses(Adreslijst list) {
        if (list == null) {
            return null;
        }
        return list.getAdres().stream().map(OsoToCanonical::address).toList();
    }

    static Address address(Adres a) {
        String kind = switch (a.getSoortadres()) {
            case "bezoek", "gba" -> "residential";
            case "post" -> "postal";
            default -> null;
        };
        String gemeente = a.getGemeente();
        boolean code = gemeente != null && gemeente.matches("[0-9]{4}");
        String land = a.getLand() == null ? null : a.getLand().getValue();
        return new Address(kind, a.getStraat(), a.getNummer(), a.getToevoeging(), a.getPostcode(), a.getPlaats(),
                code ? gemeente : null, "6030".equals(land) ? "NL" : null, null, a.getSoortadres(), a.getAanduiding(),
                a.getLocatieomschrijving(), code ? null : gemeente, land,
                a.getLand() == null ? null : a.getLand().getOmschrijving());
    }

    static List<Contact> contacts(Communicatielijst list) {
        if (list == null) {
            return null;
        }
        return list.getCommunicatie().stream().map(OsoToCanonical::contact).toList();
    }

    static Contact contact(Communicatie c) {
        String kind = switch (c.getSoort()) {
            case "telefoon" -> "phone";
            case "mobiel" -> "mobile";
            case "e-mail", "email" -> "email";
            default -> "other";
        };
        return new Contact(kind, c.getNummer(), c.getAanduiding(), c.isGeheim(), c.isNoodnummer(), c.getSoort());
    }

    static List<TransferDossier.Document> documents(List<Document> docs, String kind) {
        return docs == null || docs.isEmpty() ? null : docs.stream().map(d -> document(d, kind)).toList();
    }

    static TransferDossier.Document document(Document d, String kind) {
        if (d == null) {
            return null;
        }
        byte[] content = d.getBestandsinhoud();
        return new TransferDossier.Document(d.getBestandsnaam(), d.getOmschrijving(), null, (long) content.length,
                sha256(content), kind, Base64.getEncoder().encodeToString(content));
    }

    static Organisation organisation(Instelling i) {
        if (i == null) {
            return null;
        }
        if (i instanceof nl.ketenhub.oso.xml.School s) {
            return new Organisation(s.getNaam(), addresses(s.getAdreslijst()), contacts(s.getCommunicatielijst()),
                    s.getBrincode(), s.getVestigingscode(), s.getAanleverpunt(), s.getSoort(), s.getType(),
                    s.getNaamdirecteur(), s.getWebsite());
        }
        return new Organisation(i.getNaam(), addresses(i.getAdreslijst()), contacts(i.getCommunicatielijst()),
                null, null, null, null, null, null, null);
    }

    static String names(List<String> given) {
        return given == null || given.isEmpty() ? null : String.join(" ", given);
    }

    static String decimal(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    // ----- sections -----

    private static Student student(Leerling l, String gemeentecode) {
        var gba = l.getGba();
        CivilRegistry registry = gba == null ? null : new CivilRegistry(List.copyOf(gba.getGbavoornaam()),
                gba.getGbavoorvoegsel(), gba.getGbaachternaam(), parseGbaDate(gba.getGbageboortedatum()));
        List<Citizenship> citizenships = l.getNationaliteit().isEmpty() ? null
                : l.getNationaliteit().stream().map(n -> new Citizenship(n.getValue(), n.getOmschrijving())).toList();
        return new Student(l.getBsn(), l.getOnderwijsnummer(), l.getLeerlingid(), names(l.getVoornaam()),
                l.getVoorletters1(), l.getVoorvoegsel(), l.getAchternaam(), l.getRoepnaam(), l.getGeboortedatum(),
                l.getGeboorteplaats(), gender(l.getGeslacht()),
                citizenships == null ? null : citizenships.stream().map(Citizenship::code).toList(), gemeentecode,
                l.isAdresgeheim(), addresses(l.getAdreslijst()), contacts(l.getCommunicatielijst()), l.getOnderwijssinds(),
                null, l.getPostcode4Adres(), registry, emptyToNull(l.getAdresbuitenland()), citizenships,
                l.getDatuminschrijving(), l.getStartdatumhuidigonderwijs(), l.getDatumuitschrijving(),
                l.getLeerlinggewicht() != null || l.getNnca() != null || l.isTehuis() != null
                        ? new HomeSituation(l.getLeerlinggewicht(), l.getNnca(), l.isTehuis()) : null,
                namedPerson(l.getHuisarts()));
    }

    private static SchoolCareer schoolCareer(Leerling l, Function<OsoCategory, Boolean> allowed) {
        boolean career = allowed.apply(OsoCategory.SCHOOLLOOPBAAN);
        List<CareerEntry> entries = career && l.getSchoolloopbaanlijst() != null
                ? l.getSchoolloopbaanlijst().getSchoolloopbaan().stream().map(s -> new CareerEntry(s.getSchooljaar(),
                        new School(s.getBrincode(), s.getVestigingscode(), null, null), s.getSchoolsoort(),
                        s.getSchoolsoortomschrijving(), s.getVoelementcode(), s.getVoelementomschrijving(),
                        yearGroup(s.getJaargroep()), s.getGroepscode(), s.getGroepsnaam(), s.getBegindatum(),
                        s.getEinddatum(), null, s.getJaargroep(), s.getSchooltype())).toList()
                : null;
        Promotion promotion = career && l.getBevorderd() != null
                ? new Promotion(l.getBevorderd().getElementcode(), l.getBevorderd().getLeerjaar()) : null;
        // the enrolment dates of the current school are the student's own data (cat_leerling): filed with the student
        String returned = career ? l.getTeruggeplaatstnaarbrin() : null;
        if (entries == null && promotion == null && returned == null) {
            return null;
        }
        return new SchoolCareer(null, null, null, entries, returned, promotion);
    }

    private static EarlyChildhood earlyChildhood(Leerling l, Function<OsoCategory, Boolean> allowed) {
        boolean vve = allowed.apply(OsoCategory.VVE);
        EarlyChildhood early = null;
        if (vve && (l.isVanpeuterspeelzaal() != null || l.getNaampeuterspeelzaal() != null || l.getVoorschools() != null
                || !l.getVroegschools().isEmpty())) {
            var v = l.getVoorschools();
            early = new EarlyChildhood(l.isVanpeuterspeelzaal(), l.getNaampeuterspeelzaal(),
                    v == null ? null : new Preschool(v.getCodevoorschoolsehistorie(), v.getCodevoorschoolsprogramma(),
                            v.getVoorschoolsemaanden(), v.getCodevoorschoolsetoeleider(), v.getCodevoorschoolsedeelname(),
                            v.getVoorschoolseaanwezigheid()),
                    l.getVroegschools().isEmpty() ? null : l.getVroegschools().stream()
                            .map(s -> new EarlySchoolProgramme(s.getCodevroegschoolsprogramma(),
                                    s.getVroegschoolsdatumingang(), s.getVroegschoolseinddatum())).toList());
        }
        return early;
    }

    private static String outcome(String examenuitslag) {
        if (examenuitslag == null) {
            return null;
        }
        return switch (examenuitslag.toLowerCase(java.util.Locale.ROOT)) {
            case "geslaagd" -> "passed";
            case "afgewezen" -> "failed";
            case "herexamen", "uitslag onbekend", "onbekend" -> "pending";
            default -> null;
        };
    }

    /** OSO cat_vombo, all of it: diploma, exam subjects, certificates, competences, internships, orientation. */
    private static Results results(Leerling l, Function<OsoCategory, Boolean> allowed) {
        if (!allowed.apply(OsoCategory.VOMBO)) {
            return null;
        }
        var e = l.getExamenresultaat();
        Diploma diploma = e == null ? null : new Diploma(e.getSoortdiploma(), e.getExamenjaar(), e.getDatumuitslag(),
                outcome(e.getExamenuitslag()), null, e.getExamenuitslag());
        List<Internship> internships = l.getStage().isEmpty() ? null : l.getStage().stream()
                .map(s -> new Internship(s.getBegindatum(), s.getEinddatum(), s.getSoortstage(), s.getFunctierol(),
                        s.getBeoordeling(), organisation(s.getInstelling()))).toList();
        var o = l.getOverigvombo();
        CareerOrientation orientation = null;
        if (o != null || internships != null) {
            orientation = o == null ? new CareerOrientation(null, null, internships, null)
                    : new CareerOrientation(o.getKeuzevervolgopleiding(), o.isBeroepskeuzetest(), internships, null,
                            o.isPortfolio(), o.isPop(), o.isMotivatiebrief(), o.isLobdossier());
        }
        List<String> certificates = emptyToNull(l.getCertificaat());
        List<Competence> competences = l.getCompetenties().isEmpty() ? null : l.getCompetenties().stream()
                .map(c -> new Competence(c.getCompetentiereferentie(), c.getCompetentiecategorie(),
                        c.getCompetentiebeschrijving(), c.getCompetentiestatus())).toList();
        List<ExamSubject> subjects = l.getResultaatvakkenvo().isEmpty() ? null
                : l.getResultaatvakkenvo().stream().map(OsoToCanonical::examSubject).toList();
        if (diploma == null && orientation == null && certificates == null && competences == null && subjects == null) {
            return null;
        }
        return new Results(diploma, certificates, competences, orientation, subjects);
    }

    private static TransferDossier.GradeLists gradeLists(Leerling l, Function<OsoCategory, Boolean> allowed) {
        return allowed.apply(OsoCategory.CIJFERLIJSTEN) && l.getCijferlijstlijst() != null
                        && !l.getCijferlijstlijst().getCijferlijst().isEmpty()
                ? new TransferDossier.GradeLists(
                        l.getCijferlijstlijst().getCijferlijst().stream().map(OsoToCanonical::gradeList).toList())
                : null;
    }

    private static PrimaryFinalTest primaryFinalTest(Leerling l, Function<OsoCategory, Boolean> allowed) {
        return allowed.apply(OsoCategory.EINDTOETSBO) && l.getEindtoetsBasisonderwijs() != null
                ? finalTest(l.getEindtoetsBasisonderwijs()) : null;
    }

    private static TransferDossier.ActionPlans actionPlans(Leerling l, Function<OsoCategory, Boolean> allowed) {
        Onderwijsondersteuning o = l.getOnderwijsondersteuning();
        return allowed.apply(OsoCategory.HANDELINGSPLANNEN) && o != null && !o.getHandelingsplan().isEmpty()
                ? new TransferDossier.ActionPlans(o.getHandelingsplan().stream().map(h -> new ActionPlan(
                        h.getStartdatum(), h.getEinddatum(), h.getIsgerichtop(), null,
                        document(h.getDocument(), "action-plan"))).toList())
                : null;
    }

    private static TestResults testResults(Leerling l, Function<OsoCategory, Boolean> allowed) {
        return allowed.apply(OsoCategory.TOETSRESULTATEN) && l.getToetslijst() != null
                ? new TestResults(l.getToetslijst().getToets().stream().map(OsoToCanonical::test).toList()) : null;
    }

    private static ExamSubject examSubject(ResultaatVakVo v) {
        String subject = v.getVakleergebied() != null ? v.getVakleergebied() : v.getVakcode();
        var w = v.getWerkstuk();
        return new ExamSubject(subject, v.getVakcode(), decimal(v.getEindcijferse()), decimal(v.getCijferce()),
                v.getExameneindcijfer() == null ? null : v.getExameneindcijfer().toString(), v.isAfgerond(),
                v.getDatumafgerond(), v.getVakleergebied(), v.isExamenvak(), v.getBeoordelingexamenvak(),
                v.getCijferse().isEmpty() ? null : v.getCijferse().stream().map(OsoToCanonical::decimal).toList(),
                decimal(v.getRapportcijfer()), w == null ? null : new Paper(w.getWerkstuktitel(), w.getWerkstukbeoordeling()));
    }

    private static GradeList gradeList(Cijferlijst c) {
        List<GradeSubject> subjects = new ArrayList<>();
        String name = null;
        List<GradePart> parts = new ArrayList<>();
        List<GradeScore> scores = new ArrayList<>();
        for (Object item : c.getCijferlijstTypelijst().getNaamAndOnderdeelAndScore()) {
            if (item instanceof String n) {
                if (name != null) {
                    subjects.add(new GradeSubject(name, emptyToNull(parts), emptyToNull(scores)));
                }
                name = n;
                parts = new ArrayList<>();
                scores = new ArrayList<>();
            } else if (item instanceof CijferOnderdeel o) {
                parts.add(new GradePart(o.getNaam(), o.getScore().getWaarde(), o.getScore().getKwalificatie(),
                        o.getAfnamedatum(), o.getJaargroep(), o.getPeriode()));
            } else if (item instanceof nl.ketenhub.oso.xml.Score s) {
                scores.add(new GradeScore(s.getWaarde(), s.getKwalificatie()));
            }
        }
        if (name != null) {
            subjects.add(new GradeSubject(name, emptyToNull(parts), emptyToNull(scores)));
        }
        List<Score> grades = subjects.stream().map(s -> new Score(s.name(), null,
                s.scores() == null ? null : s.scores().get(0).value(),
                s.scores() == null ? null : s.scores().get(0).qualification(), null, null)).toList();
        return new GradeList(subjects.get(0).name(), c.getAfnamedatum(), yearGroup(c.getJaargroep()), c.getPeriode(),
                grades, c.getJaargroep(), subjects);
    }

    private static TestResult test(Toets t) {
        var id = t.getToetsidentificatie();
        var a = t.getAfname();
        Administrator by = null;
        if (a.getAfgenomendoor() != null) {
            var d = a.getAfgenomendoor();
            var w = d.getWerktbijinstelling();
            by = new Administrator(d.getNaammedewerker(), d.getFunctie(),
                    w == null ? null : organisation(w.getSchool() != null ? w.getSchool() : w.getInstelling()));
        }
        List<TestPart> parts = t.getToetsonderdeel().isEmpty() ? null : t.getToetsonderdeel().stream()
                .map(p -> new TestPart(p.getEldonderdeelcode(), p.getOnderdeelnaam(), outcome(p.getResultaat()))).toList();
        return new TestResult(id.getToetsnaam() != null ? id.getToetsnaam() : id.getEldtoetscode(), id.getEldtoetscode(),
                id.getToetsversie(), id.getLeergebied(), a.getAfnamedatum(), yearGroup(a.getJaargroep()), null,
                t.getOpmerking(), id.getToetsnaam(), a.getJaargroep(), a.getDl(), by, outcome(t.getResultaat()), parts);
    }

    private static TestOutcome outcome(Resultaat r) {
        var s = r.getToetsscore();
        TestScore score = s == null ? null : new TestScore(s.getAantalopgaven(), s.getAantalgoed(), s.getAantalfout(),
                s.getAantalgelezen(), decimal(s.getTijd()), decimal(s.getVaardigheidsscore()), s.getCodevaardigheidsschaal(),
                s.getBetrouwbaarheidsinterval() == null ? null : decimal(s.getBetrouwbaarheidsinterval().getBivlaag()),
                s.getBetrouwbaarheidsinterval() == null ? null : decimal(s.getBetrouwbaarheidsinterval().getBivhoog()));
        List<ReferenceScore> refs = r.getReferentiescore().isEmpty() ? null : r.getReferentiescore().stream()
                .map(x -> new ReferenceScore(x.getCodereferentiescore(), x.getCodevergelijkingsgroep(), x.getWaarde(),
                        x.getKwalificatie())).toList();
        return new TestOutcome(score, refs, document(r.getDocument(), "report"));
    }

    private static PrimaryFinalTest finalTest(nl.ketenhub.oso.xml.EindtoetsBasisonderwijs e) {
        var r = e.getEindtoetsresultaat();
        List<TransferDossier.Document> docs = documents(e.getDocument(), "report");
        if (r == null) {
            return new PrimaryFinalTest(e.isDeelgenomen(), null, null, null, null, null, null, null, null, null, docs);
        }
        List<FinalTestPart> parts = r.getOnderdelen().getOnderdeel().stream().map(o -> new FinalTestPart(
                o.getOnderdeelcode(), o.getOnderdeelomschrijving(), o.getOndReferentieniveau(),
                o.getDomeinen() == null ? null : o.getDomeinen().getDomein().stream().map(d -> new FinalTestDomain(
                        d.getDomeincode(), d.getDomeinomschrijving(), d.getDomReferentieniveau())).toList())).toList();
        return new PrimaryFinalTest(e.isDeelgenomen(), r.getToetssoort(), r.getDatumAfname(),
                r.getStandaardscore() == null ? null : r.getStandaardscore().toString(), r.getToetsAdvies(), null,
                r.getToetsniveau(), r.getToetsomschrijving(), r.getWettelijkeOntheffing(), parts, docs);
    }

    private static TransferAdvice transferAdvice(Leerling l) {
        var o = l.getOverstapadvies();
        if (o == null) {
            return null;
        }
        return new TransferAdvice(o.getAdvies(), o.getWensouders(), o.getWensleerling(), o.getHerzienadvies(),
                o.getMotivatieHerzienadvies(), o.getProfiel(), o.getArgumentatie(), o.getAandachtspunten(),
                o.isContactnodig(), o.getContactpersoon(), o.getContacttelefoon(), o.getContactemail());
    }

    private static SupportNeeds supportNeeds(Leerling l, Function<OsoCategory, Boolean> allowed) {
        boolean support = allowed.apply(OsoCategory.ONDERWIJSONDERSTEUNING);
        Onderwijsondersteuning o = l.getOnderwijsondersteuning();
        // leerlinggewicht, nnca, tehuis and huisarts are the student's own data (cat_leerling): filed with the student;
        // action plans (cat_handelingsplannen) are a section of their own
        HomeSituation home = null;
        NamedPerson gp = null;
        if (!support || o == null) {
            return null;
        }
        List<Diagnosis> diagnoses = o.getDiagnose().isEmpty() ? null : o.getDiagnose().stream()
                .map(d -> new Diagnosis(d.getCode().get(0), d.getNaam(), d.getDatum(), d.getDoorwie(), d.getInstantie(),
                        List.copyOf(d.getCode()), documents(d.getDocument(), "report"))).toList();
        List<Arrangement> arrangements = new ArrayList<>();
        if (o.getOpp() != null) {
            var p = o.getOpp();
            arrangements.add(new Arrangement("opp", p.getOppIngangdatum(), p.getOppEinddatum(), null, null, null, null,
                    null, null, null, null, null, documents(p.getDocument(), "report")));
        }
        o.getTlv().forEach(t -> arrangements.add(new Arrangement("tlv", t.getTlvingangdatum(), t.getTlveinddatum(), null,
                null, null, null, t.getTlvswvnummer(), t.getTlvcategorie(), t.getTlvbeschikkingsnummer(), null, null,
                single(document(t.getDocument(), "report")))));
        o.getArrangementCluster12().forEach(a -> arrangements.add(new Arrangement("arrangement-cluster12",
                a.getArrangementDatum(), null, null, null, null, null, null, null, null, a.getArrangementBrin(),
                a.getArrangementVestigingscode(), null)));
        o.getArrangementPao().forEach(a -> arrangements.add(new Arrangement("arrangement-pao", a.getArrangementDatum(),
                a.getArrangementEinddatum(), a.getArrangementKenmerk(), null, null, null, null, null,
                a.getArrangementBeschikkingsnr(), null, null, null)));
        if (o.getLwoo() != null) {
            var w = o.getLwoo();
            arrangements.add(new Arrangement("lwoo", w.getLwooIngangdatum(), w.getLwooEinddatum(), null, null, null, null,
                    w.getLwooSwvnummer(), null, w.getLwooBeschikkingsnummer(), null, null,
                    single(document(w.getDocument(), "report"))));
        }
        RvcAssessment rvc = null;
        if (o.getRvc() != null) {
            var r = o.getRvc();
            rvc = new RvcAssessment(r.getCentraleproblematiek(), r.getMaatregelen(),
                    r.getSignaleringlwoopro().isDeelgenomenaanonderzoek(), r.getSignaleringlwoopro().isLeerachterstand(),
                    r.getSignaleringlwoopro().isLagescoreeindtoets(), r.getRvcdatum(), r.getRvcindicatie(),
                    documents(r.getDocument(), "report"));
        }
        return new SupportNeeds(null, null, null, null, null, diagnoses, emptyToNull(arrangements), null,
                o.getToelichtingOnderwijsbehoeften() == null ? null
                        : document(o.getToelichtingOnderwijsbehoeften().getDocument(), "report"),
                o.isMedicijngebruik(), home, gp, rvc);
    }

    private static NamedPerson namedPerson(Persoon p) {
        if (p == null) {
            return null;
        }
        return new NamedPerson(names(p.getVoornaam()), p.getVoorletters1(), p.getVoorvoegsel(), p.getAchternaam(),
                p.getRoepnaam(), gender(p.getGeslacht()), p.isAdresgeheim(), addresses(p.getAdreslijst()),
                contacts(p.getCommunicatielijst()));
    }

    private static Attendance attendance(Leerling l) {
        var v = l.getVerzuim();
        if (v == null) {
            return null;
        }
        return new Attendance(v.getDagdelengeoorloofd(), v.getDagdelenongeoorloofd(), v.getUrengeoorloofd(),
                v.getUrenongeoorloofd(), v.isMeerdan25Percent(),
                v.getFrequentie() == null ? null : v.getFrequentie().toString(), v.isContactleerplicht(), v.isRmcmelding(),
                null, v.getDocumentLijst() == null ? null : documents(v.getDocumentLijst().getDocument(), "report"));
    }

    private static ParentsGuardians parents(Leerling l) {
        List<Person> persons = l.getVerzorger().stream().map(OsoToCanonical::person).toList();
        if (persons.isEmpty() && l.isVerzorgersaansprakelijk() == null && l.getAansprakelijkeinstelling() == null) {
            return null;
        }
        return new ParentsGuardians(persons, l.isVerzorgersaansprakelijk(), organisation(l.getAansprakelijkeinstelling()));
    }

    private static Person person(Verzorger v) {
        String relation = v.getRelatietotkind() == null ? "other" : switch (v.getRelatietotkind()) {
            case "1", "2" -> "parent";
            case "3" -> "guardian";
            default -> "other";
        };
        return new Person(relation, v.getVoorletters1(), names(v.getVoornaam()), v.getVoorvoegsel(), v.getAchternaam(),
                null, addresses(v.getAdreslijst()), contacts(v.getCommunicatielijst()), v.getRoepnaam(),
                gender(v.getGeslacht()), v.isAdresgeheim(), v.getRelatietotkind(), v.isOverleden(), v.getOverlijdensdatum(),
                v.isWettigevertegenwoordiger(), v.getBanknummer(), v.getIban());
    }

    // ----- helpers -----

    private static LocalDate parseGbaDate(String value) {
        try {
            return LocalDate.parse(value, GBA_DATE.withResolverStyle(java.time.format.ResolverStyle.STRICT));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : List.copyOf(list);
    }

    private static <T> List<T> single(T item) {
        return item == null ? null : List.of(item);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
