package nl.ketenhub.oso;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.ketenhub.canonical.Address;
import nl.ketenhub.canonical.Contact;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.canonical.TransferDossier.Arrangement;
import nl.ketenhub.canonical.TransferDossier.Organisation;
import nl.ketenhub.canonical.TransferDossier.TestOutcome;
import nl.ketenhub.oso.xml.Adres;
import nl.ketenhub.oso.xml.Adreslijst;
import nl.ketenhub.oso.xml.Afname;
import nl.ketenhub.oso.xml.AfgenomenDoor;
import nl.ketenhub.oso.xml.ArrangementCluster12;
import nl.ketenhub.oso.xml.ArrangementPao;
import nl.ketenhub.oso.xml.Betrouwbaarheidsinterval;
import nl.ketenhub.oso.xml.Bevorderd;
import nl.ketenhub.oso.xml.CategorieUitlevering;
import nl.ketenhub.oso.xml.CijferOnderdeel;
import nl.ketenhub.oso.xml.Cijferlijst;
import nl.ketenhub.oso.xml.CijferlijstTypelijst;
import nl.ketenhub.oso.xml.Cijferlijstlijst;
import nl.ketenhub.oso.xml.Communicatie;
import nl.ketenhub.oso.xml.Communicatielijst;
import nl.ketenhub.oso.xml.Competentie;
import nl.ketenhub.oso.xml.Diagnose;
import nl.ketenhub.oso.xml.Document;
import nl.ketenhub.oso.xml.Documentlijst;
import nl.ketenhub.oso.xml.Dossier;
import nl.ketenhub.oso.xml.EindtoetsBasisonderwijs;
import nl.ketenhub.oso.xml.EindtoetsDomein;
import nl.ketenhub.oso.xml.EindtoetsDomeinen;
import nl.ketenhub.oso.xml.EindtoetsOnderdeel;
import nl.ketenhub.oso.xml.EindtoetsOnderdelen;
import nl.ketenhub.oso.xml.Eindtoetsresultaat;
import nl.ketenhub.oso.xml.EnkelDocument;
import nl.ketenhub.oso.xml.Examenresultaat;
import nl.ketenhub.oso.xml.Gba;
import nl.ketenhub.oso.xml.Handelingsplan;
import nl.ketenhub.oso.xml.HuidigeSchool;
import nl.ketenhub.oso.xml.Instelling;
import nl.ketenhub.oso.xml.Inzage;
import nl.ketenhub.oso.xml.JaNeeOnbekend;
import nl.ketenhub.oso.xml.Land;
import nl.ketenhub.oso.xml.Leerling;
import nl.ketenhub.oso.xml.Lwoo;
import nl.ketenhub.oso.xml.Metadata;
import nl.ketenhub.oso.xml.Nationaliteit;
import nl.ketenhub.oso.xml.Onderwijsondersteuning;
import nl.ketenhub.oso.xml.Opp;
import nl.ketenhub.oso.xml.OverigVomboType;
import nl.ketenhub.oso.xml.Overstapadvies;
import nl.ketenhub.oso.xml.Persoon;
import nl.ketenhub.oso.xml.Referentiescore;
import nl.ketenhub.oso.xml.Resultaat;
import nl.ketenhub.oso.xml.ResultaatVakVo;
import nl.ketenhub.oso.xml.Rvc;
import nl.ketenhub.oso.xml.School;
import nl.ketenhub.oso.xml.Schoolloopbaan;
import nl.ketenhub.oso.xml.Schoolloopbaanlijst;
import nl.ketenhub.oso.xml.Score;
import nl.ketenhub.oso.xml.SignaleringLwooPro;
import nl.ketenhub.oso.xml.Stage;
import nl.ketenhub.oso.xml.Tlv;
import nl.ketenhub.oso.xml.Toets;
import nl.ketenhub.oso.xml.Toetsidentificatie;
import nl.ketenhub.oso.xml.Toetslijst;
import nl.ketenhub.oso.xml.Toetsonderdeel;
import nl.ketenhub.oso.xml.Toetsscore;
import nl.ketenhub.oso.xml.Uitlevering;
import nl.ketenhub.oso.xml.Verzorger;
import nl.ketenhub.oso.xml.Verzuim;
import nl.ketenhub.oso.xml.Voorschools;
import nl.ketenhub.oso.xml.Vroegschools;
import nl.ketenhub.oso.xml.Werkstuk;
import nl.ketenhub.oso.xml.WerktBijInstelling;
import org.springframework.stereotype.Component;

/**
 * Renders a canonical transfer dossier (as the consent gate let it through) as an OSO gegevensset 2019 dossier. An
 * OSO-born dossier comes back as it was sent, less what was withheld; categories the hub withheld are marked
 * VERBODEN in categorie_uitlevering. A dossier born canonical gets fixed fill-ins for what OSO requires and the
 * canonical model does not know (listed in connectors/oso-soap/README.md).
 */
@Component
public class CanonicalToOso {

    static final String UNKNOWN = "onbekend";
    private static final DateTimeFormatter GBA_DATE = DateTimeFormatter.ofPattern("dd-MM-uuuu");

    public Dossier render(TransferDossier d, LocalDate today) {
        var src = d.source();
        Dossier oso = new Dossier();
        Metadata md = new Metadata();
        md.setDeeldossier(or(src == null ? null : src.partialDossier(), "LAS"));
        md.setPakketnaam(or(src == null ? null : src.packageName(), "Ketenhub"));
        md.setPakketversie(or(src == null ? null : src.packageVersion(), "1"));
        md.setDatum(src != null && src.createdAt() != null ? src.createdAt() : today);
        md.setStandaardversie(or(src == null ? null : src.standardVersion(), "2019.1"));
        md.setValidatieversie(or(src == null ? null : src.validationVersion(), "2019.1"));
        md.setCategorieUitlevering(categoryRelease(d));
        md.setOverstap(src == null ? null : src.transferType());
        oso.setMetadata(md);
        oso.setOverdrachtsoort(or(src == null ? null : src.dossierKind(), "overstapdossier"));
        oso.setInzage(inzage(d));
        oso.setHuidigeschool(school(d));
        return oso;
    }

    // ----- metadata and inzage -----

    private static CategorieUitlevering categoryRelease(TransferDossier d) {
        Map<String, String> given = d.source() == null ? null : d.source().categoryRelease();
        Set<DataCategory> withheld = EnumSet.noneOf(DataCategory.class);
        if (d.withheld() != null) {
            d.withheld().forEach(w -> withheld.add(w.category()));
        }
        if (given == null && withheld.isEmpty()) {
            return null;
        }
        Map<OsoCategory, Uitlevering> values = new EnumMap<>(OsoCategory.class);
        for (OsoCategory c : OsoCategory.values()) {
            String g = given == null ? null : given.get(c.element());
            Uitlevering u = g == null ? (given == null ? Uitlevering.OPTIONEEL : Uitlevering.VERPLICHT) : Uitlevering.fromValue(g);
            if (c.canonical().stream().anyMatch(withheld::contains)) {
                u = Uitlevering.VERBODEN;
            }
            values.put(c, u);
        }
        CategorieUitlevering cu = new CategorieUitlevering();
        cu.setCatMetadata(values.get(OsoCategory.METADATA));
        cu.setCatOuderinzage(values.get(OsoCategory.OUDERINZAGE));
        cu.setCatSchool(values.get(OsoCategory.SCHOOL));
        cu.setCatLeerling(values.get(OsoCategory.LEERLING));
        cu.setCatOudersverzorgers(values.get(OsoCategory.OUDERSVERZORGERS));
        cu.setCatVve(values.get(OsoCategory.VVE));
        cu.setCatSchoolloopbaan(values.get(OsoCategory.SCHOOLLOOPBAAN));
        cu.setCatOverstapadvies(values.get(OsoCategory.OVERSTAPADVIES));
        cu.setCatOnderwijsondersteuning(values.get(OsoCategory.ONDERWIJSONDERSTEUNING));
        cu.setCatVerzuim(values.get(OsoCategory.VERZUIM));
        cu.setCatEindtoetsbo(values.get(OsoCategory.EINDTOETSBO));
        cu.setCatToetsresultaten(values.get(OsoCategory.TOETSRESULTATEN));
        cu.setCatHandelingsplannen(values.get(OsoCategory.HANDELINGSPLANNEN));
        cu.setCatCijferlijsten(values.get(OsoCategory.CIJFERLIJSTEN));
        cu.setCatVombo(values.get(OsoCategory.VOMBO));
        cu.setCatBijlagedocs(values.get(OsoCategory.BIJLAGEDOCS));
        return cu;
    }

    private static Inzage inzage(TransferDossier d) {
        var e = d.consentEvidence();
        Boolean provisional = d.source() == null ? null : d.source().provisional();
        if (e == null && provisional == null) {
            return null;
        }
        Inzage i = new Inzage();
        i.setVoorlopigdossier(Boolean.TRUE.equals(provisional));
        if (e != null) {
            i.setInzage(e.seenByParentsOrStudent());
            i.setInzagedatum(e.seenOn());
            i.setAkkoord(answer(e.agreesWithContent()));
            i.setRedennietakkoord(e.reasonNotAgreed());
            i.setToestemming(answer(e.consentToTransfer()));
        }
        return i;
    }

    private static JaNeeOnbekend answer(String a) {
        if (a == null) {
            return null;
        }
        return switch (a) {
            case "yes" -> JaNeeOnbekend.JA;
            case "no" -> JaNeeOnbekend.NEE;
            default -> JaNeeOnbekend.ONBEKEND;
        };
    }

    // ----- school and student -----

    private static HuidigeSchool school(TransferDossier d) {
        HuidigeSchool hs = new HuidigeSchool();
        hs.setNaam(or(d.school().name(), d.school().brin()));
        var det = d.schoolDetails();
        hs.setBrincode(d.school().brin());
        hs.setVestigingscode(or(d.school().vestigingscode(), "00"));
        if (det != null) {
            hs.setAdreslijst(adreslijst(det.addresses()));
            hs.setCommunicatielijst(communicatielijst(det.contacts()));
            hs.setSoort(det.kind());
            hs.setType(det.type());
            hs.setNaamdirecteur(det.headName());
            hs.setWebsite(det.website());
        }
        hs.setAanleverpunt(or(det == null ? null : det.deliveryPoint(), "0"));
        hs.setLeerling(leerling(d));
        return hs;
    }

    private static Leerling leerling(TransferDossier d) {
        var s = d.student();
        Leerling l = new Leerling();
        if (s != null) {
            addNames(l.getVoornaam(), s.givenNames());
            l.setVoorletters1(s.initials());
            l.setVoorvoegsel(s.nameInfix());
            l.setAchternaam(s.familyName());
            l.setRoepnaam(s.preferredName());
            l.setGeboortedatum(s.birthDate());
            l.setGeslacht(geslacht(s.gender()));
            l.setAdresgeheim(s.addressConfidential());
            l.setAdreslijst(adreslijst(s.addresses()));
            l.setPostcode4Adres(s.addresses() == null ? s.postcode4() : null);
            l.setCommunicatielijst(communicatielijst(s.contacts()));
            if (s.civilRegistry() != null) {
                var r = s.civilRegistry();
                Gba gba = new Gba();
                gba.getGbavoornaam().addAll(r.givenNames() == null ? List.of(r.familyName()) : r.givenNames());
                gba.setGbavoorvoegsel(r.nameInfix());
                gba.setGbaachternaam(r.familyName());
                gba.setGbageboortedatum((r.birthDate() != null ? r.birthDate() : s.birthDate()).format(GBA_DATE));
                l.setGba(gba);
            }
            addAll(l.getAdresbuitenland(), s.foreignAddressLines());
            l.setGeboorteplaats(s.birthPlace());
            if (s.citizenships() != null) {
                s.citizenships().forEach(c -> l.getNationaliteit().add(nationaliteit(c.code(), c.description())));
            } else if (s.nationalities() != null) {
                s.nationalities().forEach(c -> l.getNationaliteit().add(nationaliteit(c, null)));
            }
            l.setBsn(s.bsn());
            l.setOnderwijsnummer(s.onderwijsnummer());
            l.setLeerlingid(s.schoolStudentId());
            l.setOnderwijssinds(s.inEducationSince());
        } else {
            l.setAchternaam(UNKNOWN);
        }
        var c = d.schoolCareer();
        var own = d.student();
        var sn = d.supportNeeds();
        // the student's own fields as OSO files them; a canonical sender may still have put them in its school
        // career or support needs, which then go only as those sections go
        LocalDate since = own != null && own.currentEducationSince() != null ? own.currentEducationSince()
                : c == null ? null : c.currentEducationSince();
        LocalDate enrolled = own != null && own.enrolledOn() != null ? own.enrolledOn() : c == null ? null : c.enrolledOn();
        LocalDate left = own != null && own.leftOn() != null ? own.leftOn() : c == null ? null : c.leftOn();
        l.setStartdatumhuidigonderwijs(since);
        l.setDatuminschrijving(enrolled);
        l.setDatumuitschrijving(left);
        if (c != null) {
            l.setTeruggeplaatstnaarbrin(c.returnedToBrin());
        }
        var home = own != null && own.homeSituation() != null ? own.homeSituation() : sn == null ? null : sn.homeSituation();
        if (home != null) {
            l.setLeerlinggewicht(home.weightingCode());
            l.setNnca(home.culturalBackgroundCode());
            l.setTehuis(home.livesInInstitution());
        }
        var gp = own != null && own.generalPractitioner() != null ? own.generalPractitioner()
                : sn == null ? null : sn.generalPractitioner();
        if (gp != null) {
            Persoon p = new Persoon();
            fillPersoon(p, gp.givenNames(), gp.initials(), gp.nameInfix(), gp.familyName(), gp.preferredName(), gp.gender(),
                    gp.addressConfidential(), gp.addresses(), gp.contacts());
            l.setHuisarts(p);
        }
        var pg = d.parentsGuardians();
        if (pg != null) {
            l.setVerzorgersaansprakelijk(pg.parentsLiable());
            l.setAansprakelijkeinstelling(instelling(pg.liableInstitution()));
        }
        l.setOverstapadvies(overstapadvies(d.transferAdvice()));
        if (d.earlyChildhood() != null) {
            var e = d.earlyChildhood();
            l.setVanpeuterspeelzaal(e.fromPlaygroup());
            l.setNaampeuterspeelzaal(e.playgroupName());
            if (e.preschool() != null) {
                var p = e.preschool();
                Voorschools v = new Voorschools();
                v.setCodevoorschoolsehistorie(p.historyCode());
                v.setCodevoorschoolsprogramma(p.programmeCode() == null ? 0 : p.programmeCode());
                v.setVoorschoolsemaanden(p.months() == null ? 1 : p.months());
                v.setCodevoorschoolsetoeleider(p.referrerCode());
                v.setCodevoorschoolsedeelname(p.participationCode());
                v.setVoorschoolseaanwezigheid(p.attendance());
                l.setVoorschools(v);
            }
            if (e.earlySchoolProgrammes() != null) {
                e.earlySchoolProgrammes().forEach(p -> {
                    Vroegschools v = new Vroegschools();
                    v.setCodevroegschoolsprogramma(p.programmeCode() == null ? 0 : p.programmeCode());
                    v.setVroegschoolsdatumingang(p.startDate());
                    v.setVroegschoolseinddatum(p.endDate());
                    l.getVroegschools().add(v);
                });
            }
        }
        if (c != null && c.entries() != null && !c.entries().isEmpty()) {
            Schoolloopbaanlijst list = new Schoolloopbaanlijst();
            c.entries().forEach(e -> list.getSchoolloopbaan().add(schoolloopbaan(e, d)));
            l.setSchoolloopbaanlijst(list);
        }
        l.setOnderwijsondersteuning(onderwijsondersteuning(sn, d.actionPlans()));
        l.setVerzuim(verzuim(d.attendance()));
        var tr = d.testResults();
        if (tr != null && tr.tests() != null && !tr.tests().isEmpty()) {
            Toetslijst list = new Toetslijst();
            tr.tests().forEach(t -> list.getToets().add(toets(t)));
            l.setToetslijst(list);
        }
        var r = d.results();
        if (d.primaryFinalTest() != null) {
            l.setEindtoetsBasisonderwijs(eindtoets(d.primaryFinalTest()));
        }
        var g = d.gradeLists();
        if (g != null && g.lists() != null && !g.lists().isEmpty()) {
            Cijferlijstlijst list = new Cijferlijstlijst();
            g.lists().forEach(x -> list.getCijferlijst().add(cijferlijst(x)));
            l.setCijferlijstlijst(list);
        }
        if (d.attachments() != null && d.attachments().documents() != null && !d.attachments().documents().isEmpty()) {
            l.setOverigdocumentlijst(documentlijst(d.attachments().documents()));
        }
        if (pg != null && pg.persons() != null) {
            pg.persons().forEach(p -> l.getVerzorger().add(verzorger(p)));
        }
        if (c != null && c.promotion() != null) {
            Bevorderd b = new Bevorderd();
            b.setElementcode(c.promotion().programmeCode());
            b.setLeerjaar(c.promotion().yearGroupCode());
            l.setBevorderd(b);
        }
        if (r != null && r.diploma() != null) {
            var dp = r.diploma();
            Examenresultaat e = new Examenresultaat();
            e.setSoortdiploma(dp.kind());
            e.setExamenjaar(dp.examYear());
            e.setDatumuitslag(dp.resultDate());
            e.setExamenuitslag(dp.outcomeCode() != null ? dp.outcomeCode() : examenuitslag(dp.outcome()));
            l.setExamenresultaat(e);
        }
        if (r != null && r.examSubjects() != null) {
            r.examSubjects().forEach(v -> l.getResultaatvakkenvo().add(vak(v)));
        }
        if (r != null) {
            addAll(l.getCertificaat(), r.certificates());
            if (r.competences() != null) {
                r.competences().forEach(x -> {
                    Competentie k = new Competentie();
                    k.setCompetentiereferentie(x.reference());
                    k.setCompetentiecategorie(x.category());
                    k.setCompetentiebeschrijving(x.description());
                    k.setCompetentiestatus(x.status());
                    l.getCompetenties().add(k);
                });
            }
            var o = r.careerOrientation();
            if (o != null) {
                if (o.internships() != null) {
                    o.internships().forEach(i -> {
                        Stage st = new Stage();
                        st.setBegindatum(i.startDate());
                        st.setEinddatum(i.endDate());
                        st.setSoortstage(i.kind());
                        st.setFunctierol(i.role());
                        st.setInstelling(instelling(i.organisation()));
                        st.setBeoordeling(i.assessment());
                        l.getStage().add(st);
                    });
                }
                if (o.careerTestDone() != null || o.chosenProgramme() != null) {
                    OverigVomboType v = new OverigVomboType();
                    v.setKeuzevervolgopleiding(o.chosenProgramme());
                    v.setBeroepskeuzetest(Boolean.TRUE.equals(o.careerTestDone()));
                    v.setPortfolio(Boolean.TRUE.equals(o.portfolio()));
                    v.setPop(Boolean.TRUE.equals(o.personalDevelopmentPlan()));
                    v.setMotivatiebrief(Boolean.TRUE.equals(o.motivationLetter()));
                    v.setLobdossier(Boolean.TRUE.equals(o.careerDossier()));
                    l.setOverigvombo(v);
                }
            }
        }
        return l;
    }

    private static Schoolloopbaan schoolloopbaan(TransferDossier.CareerEntry e, TransferDossier d) {
        Schoolloopbaan s = new Schoolloopbaan();
        s.setSchooljaar(e.schoolYear());
        s.setGroepscode(or(e.groupCode(), UNKNOWN));
        s.setGroepsnaam(e.groupName());
        s.setJaargroep(e.yearGroupCode() != null ? e.yearGroupCode() : jaargroep(e.yearGroup()));
        s.setBegindatum(e.startDate());
        s.setEinddatum(e.endDate());
        s.setBrincode(e.school() != null ? e.school().brin() : d.school().brin());
        s.setVestigingscode(e.school() != null && e.school().vestigingscode() != null ? e.school().vestigingscode()
                : or(d.school().vestigingscode(), "00"));
        s.setSchoolsoort(e.schoolType());
        s.setSchooltype(e.schoolSubtype());
        s.setVoelementcode(e.programmeCode() != null && e.programmeCode().matches("[0-9]{4}") ? e.programmeCode() : null);
        s.setVoelementomschrijving(e.programmeDescription());
        s.setSchoolsoortomschrijving(e.schoolTypeDescription());
        return s;
    }

    /** An OSO jaargroep for a canonical year group: the hub's dossiers come from secondary schools (11-16). */
    static String jaargroep(Integer yearGroup) {
        if (yearGroup == null) {
            return "S";
        }
        return yearGroup >= 1 && yearGroup <= 6 ? String.valueOf(10 + yearGroup) : String.valueOf(yearGroup);
    }

    private static String examenuitslag(String outcome) {
        if (outcome == null) {
            return null;
        }
        return switch (outcome) {
            case "passed" -> "geslaagd";
            case "failed" -> "afgewezen";
            default -> "uitslag onbekend";
        };
    }

    private static Overstapadvies overstapadvies(TransferDossier.TransferAdvice a) {
        if (a == null) {
            return null;
        }
        Overstapadvies o = new Overstapadvies();
        o.setAdvies(a.advice());
        o.setWensouders(a.parentsWish());
        o.setWensleerling(a.studentWish());
        o.setHerzienadvies(a.revisedAdvice());
        o.setMotivatieHerzienadvies(a.revisionMotivation());
        o.setProfiel(a.profile());
        o.setArgumentatie(a.argumentation());
        o.setContactnodig(a.contactNeeded());
        o.setContactpersoon(a.contactPerson());
        o.setContacttelefoon(a.contactPhone());
        o.setContactemail(a.contactEmail());
        o.setAandachtspunten(a.attentionPoints() == null || a.attentionPoints().length() <= 280 ? a.attentionPoints()
                : a.attentionPoints().substring(0, 280));
        return o;
    }

    private static Onderwijsondersteuning onderwijsondersteuning(TransferDossier.SupportNeeds sn,
            TransferDossier.ActionPlans plans) {
        if (sn == null && plans == null) {
            return null;
        }
        Onderwijsondersteuning o = new Onderwijsondersteuning();
        boolean any = false;
        // action plans (cat_handelingsplannen) travel in the same OSO block as the support needs
        if (plans != null && plans.plans() != null) {
            for (var p : plans.plans()) {
                if (p.startDate() == null) {
                    continue;
                }
                Handelingsplan h = new Handelingsplan();
                h.setStartdatum(p.startDate());
                h.setEinddatum(p.endDate());
                h.setIsgerichtop(or(p.focus(), UNKNOWN));
                h.setDocument(document(p.document()));
                o.getHandelingsplan().add(h);
                any = true;
            }
        }
        if (sn == null) {
            return any ? o : null;
        }
        if (sn.needsExplanation() != null) {
            EnkelDocument e = new EnkelDocument();
            e.setDocument(document(sn.needsExplanation()));
            o.setToelichtingOnderwijsbehoeften(e);
            any = true;
        }
        if (sn.diagnoses() != null) {
            for (var d : sn.diagnoses()) {
                Diagnose g = new Diagnose();
                g.getCode().addAll(d.codes() != null ? d.codes() : List.of(or(d.code(), UNKNOWN)));
                g.setNaam(d.name());
                g.setDatum(d.date());
                g.setDoorwie(d.by());
                g.setInstantie(d.institution());
                addDocuments(g.getDocument(), d.documents());
                o.getDiagnose().add(g);
                any = true;
            }
        }
        if (sn.usesMedication() != null) {
            o.setMedicijngebruik(sn.usesMedication());
            any = true;
        }
        if (sn.arrangements() != null) {
            for (Arrangement a : sn.arrangements()) {
                any |= arrangement(o, a);
            }
        }
        if (sn.rvcAssessment() != null) {
            var r = sn.rvcAssessment();
            Rvc rvc = new Rvc();
            rvc.setCentraleproblematiek(r.centralProblem());
            rvc.setMaatregelen(r.measures());
            SignaleringLwooPro s = new SignaleringLwooPro();
            s.setDeelgenomenaanonderzoek(Boolean.TRUE.equals(r.participatedInResearch()));
            s.setLeerachterstand(Boolean.TRUE.equals(r.learningDelay()));
            s.setLagescoreeindtoets(Boolean.TRUE.equals(r.lowFinalTestScore()));
            rvc.setSignaleringlwoopro(s);
            rvc.setRvcdatum(r.date());
            rvc.setRvcindicatie(r.indication());
            addDocuments(rvc.getDocument(), r.documents());
            o.setRvc(rvc);
            any = true;
        }
        return any ? o : null;
    }

    /** Puts an arrangement in its OSO block; answers false for a kind OSO has no block for. */
    private static boolean arrangement(Onderwijsondersteuning o, Arrangement a) {
        if (a.startDate() == null) {
            return false;
        }
        switch (a.kind()) {
            case "opp" -> {
                if (o.getOpp() != null) {
                    return false;
                }
                Opp p = new Opp();
                p.setOppIngangdatum(a.startDate());
                p.setOppEinddatum(a.endDate());
                addDocuments(p.getDocument(), a.documents());
                o.setOpp(p);
            }
            case "tlv" -> {
                Tlv t = new Tlv();
                t.setTlvingangdatum(a.startDate());
                t.setTlvswvnummer(or(a.swvNumber(), UNKNOWN));
                t.setTlvcategorie(or(a.category(), UNKNOWN));
                t.setTlvbeschikkingsnummer(or(a.decisionNumber(), UNKNOWN));
                t.setTlveinddatum(a.endDate());
                t.setDocument(firstDocument(a.documents()));
                o.getTlv().add(t);
            }
            case "arrangement-cluster12" -> {
                ArrangementCluster12 c = new ArrangementCluster12();
                c.setArrangementDatum(a.startDate());
                c.setArrangementBrin(a.brin());
                c.setArrangementVestigingscode(a.vestigingscode());
                o.getArrangementCluster12().add(c);
            }
            case "arrangement-pao" -> {
                ArrangementPao p = new ArrangementPao();
                p.setArrangementDatum(a.startDate());
                p.setArrangementKenmerk(a.reference());
                p.setArrangementBeschikkingsnr(a.decisionNumber());
                p.setArrangementEinddatum(a.endDate());
                o.getArrangementPao().add(p);
            }
            case "lwoo" -> {
                if (o.getLwoo() != null) {
                    return false;
                }
                Lwoo w = new Lwoo();
                w.setLwooIngangdatum(a.startDate());
                w.setLwooSwvnummer(or(a.swvNumber(), UNKNOWN));
                w.setLwooBeschikkingsnummer(or(a.decisionNumber(), UNKNOWN));
                w.setLwooEinddatum(a.endDate() != null && a.endDate().getMonthValue() == 7 && a.endDate().getDayOfMonth() == 31
                        ? a.endDate() : null);
                w.setDocument(firstDocument(a.documents()));
                o.setLwoo(w);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static Verzuim verzuim(TransferDossier.Attendance a) {
        if (a == null) {
            return null;
        }
        Verzuim v = new Verzuim();
        v.setDagdelengeoorloofd(a.authorisedHalfDays());
        v.setDagdelenongeoorloofd(a.unauthorisedHalfDays());
        v.setUrengeoorloofd(a.authorisedHours());
        v.setUrenongeoorloofd(a.unauthorisedHours());
        v.setMeerdan25Percent(a.over25Percent());
        v.setFrequentie(a.frequency() != null && a.frequency().matches("[0-9]{1,9}") ? Integer.valueOf(a.frequency()) : null);
        v.setContactleerplicht(a.leerplichtContacted());
        v.setRmcmelding(a.rmcReported());
        if (a.documents() != null && !a.documents().isEmpty()) {
            v.setDocumentLijst(documentlijst(a.documents()));
        }
        return v;
    }

    private static EindtoetsBasisonderwijs eindtoets(TransferDossier.PrimaryFinalTest t) {
        if (t == null) {
            return null;
        }
        EindtoetsBasisonderwijs e = new EindtoetsBasisonderwijs();
        // what the sender said; a dossier born canonical without it took the test if it gives a date
        e.setDeelgenomen(t.taken() != null ? t.taken() : t.takenOn() != null);
        if (t.name() != null && t.takenOn() != null) {
            Eindtoetsresultaat r = new Eindtoetsresultaat();
            r.setToetssoort(t.name());
            r.setToetsniveau(or(t.level(), UNKNOWN));
            r.setToetsomschrijving(t.description());
            r.setDatumAfname(t.takenOn());
            r.setWettelijkeOntheffing(t.exemption());
            r.setStandaardscore(t.standardScore() != null && t.standardScore().matches("[0-9]{1,4}")
                    ? Integer.valueOf(t.standardScore()) : null);
            r.setToetsAdvies(t.advice());
            EindtoetsOnderdelen parts = new EindtoetsOnderdelen();
            if (t.parts() != null) {
                for (var p : t.parts()) {
                    EindtoetsOnderdeel o = new EindtoetsOnderdeel();
                    o.setOnderdeelcode(p.code());
                    o.setOnderdeelomschrijving(p.description());
                    o.setOndReferentieniveau(p.referenceLevel());
                    if (p.domains() != null) {
                        EindtoetsDomeinen ds = new EindtoetsDomeinen();
                        p.domains().forEach(x -> {
                            EindtoetsDomein dm = new EindtoetsDomein();
                            dm.setDomeincode(x.code());
                            dm.setDomeinomschrijving(x.description());
                            dm.setDomReferentieniveau(x.referenceLevel());
                            ds.getDomein().add(dm);
                        });
                        o.setDomeinen(ds);
                    }
                    parts.getOnderdeel().add(o);
                }
            } else if (t.components() != null) {
                t.components().forEach(c -> {
                    EindtoetsOnderdeel o = new EindtoetsOnderdeel();
                    o.setOnderdeelcode(or(c.code(), c.name()));
                    o.setOnderdeelomschrijving(c.name());
                    o.setOndReferentieniveau(c.level());
                    parts.getOnderdeel().add(o);
                });
            }
            r.setOnderdelen(parts);
            e.setEindtoetsresultaat(r);
        }
        addDocuments(e.getDocument(), t.documents());
        return e;
    }

    private static Toets toets(TransferDossier.TestResult t) {
        Toets x = new Toets();
        Toetsidentificatie id = new Toetsidentificatie();
        id.setEldtoetscode(or(t.code(), t.name()));
        id.setLeergebied(t.area());
        id.setToetsnaam(t.title() != null ? t.title() : (t.name().equals(t.code()) ? null : t.name()));
        id.setToetsversie(t.version());
        x.setToetsidentificatie(id);
        Afname a = new Afname();
        a.setAfnamedatum(t.takenOn() != null ? t.takenOn() : LocalDate.of(1900, 1, 1));
        a.setJaargroep(t.yearGroupCode() != null ? t.yearGroupCode() : (t.yearGroup() == null ? null : jaargroep(t.yearGroup())));
        a.setDl(t.didacticAge());
        if (t.administeredBy() != null) {
            var b = t.administeredBy();
            AfgenomenDoor by = new AfgenomenDoor();
            by.setNaammedewerker(b.name());
            by.setFunctie(b.role());
            if (b.organisation() != null) {
                WerktBijInstelling w = new WerktBijInstelling();
                if (b.organisation().brin() != null) {
                    w.setSchool(school(b.organisation()));
                } else {
                    w.setInstelling(instelling(b.organisation()));
                }
                by.setWerktbijinstelling(w);
            }
            a.setAfgenomendoor(by);
        }
        x.setAfname(a);
        x.setResultaat(resultaat(t.result(), t.scores()));
        if (t.parts() != null) {
            t.parts().forEach(p -> {
                Toetsonderdeel o = new Toetsonderdeel();
                o.setEldonderdeelcode(p.code());
                o.setOnderdeelnaam(p.name());
                o.setResultaat(resultaat(p.result(), null));
                x.getToetsonderdeel().add(o);
            });
        }
        x.setOpmerking(t.notes());
        return x;
    }

    private static Resultaat resultaat(TestOutcome o, List<TransferDossier.Score> scores) {
        Resultaat r = new Resultaat();
        if (o != null) {
            if (o.score() != null) {
                var s = o.score();
                Toetsscore ts = new Toetsscore();
                ts.setAantalopgaven(s.itemCount());
                ts.setAantalgoed(s.correct());
                ts.setAantalfout(s.wrong());
                ts.setAantalgelezen(s.read());
                ts.setTijd(dec(s.time()));
                ts.setVaardigheidsscore(dec(s.abilityScore()));
                ts.setCodevaardigheidsschaal(s.abilityScale());
                if (s.confidenceLow() != null && s.confidenceHigh() != null) {
                    Betrouwbaarheidsinterval b = new Betrouwbaarheidsinterval();
                    b.setBivlaag(dec(s.confidenceLow()));
                    b.setBivhoog(dec(s.confidenceHigh()));
                    ts.setBetrouwbaarheidsinterval(b);
                }
                r.setToetsscore(ts);
            }
            if (o.referenceScores() != null) {
                o.referenceScores().forEach(x -> {
                    Referentiescore rs = new Referentiescore();
                    rs.setCodereferentiescore(x.code());
                    rs.setCodevergelijkingsgroep(x.comparisonGroup());
                    rs.setWaarde(x.value());
                    rs.setKwalificatie(x.qualification());
                    r.getReferentiescore().add(rs);
                });
            }
            r.setDocument(document(o.document()));
        } else if (scores != null) {
            scores.stream().filter(s -> s.value() != null).forEach(s -> {
                Referentiescore rs = new Referentiescore();
                rs.setCodereferentiescore(or(s.code(), s.name()));
                rs.setCodevergelijkingsgroep(UNKNOWN);
                rs.setWaarde(s.value());
                rs.setKwalificatie(s.level());
                r.getReferentiescore().add(rs);
            });
        }
        return r;
    }

    private static Cijferlijst cijferlijst(TransferDossier.GradeList g) {
        Cijferlijst c = new Cijferlijst();
        CijferlijstTypelijst t = new CijferlijstTypelijst();
        if (g.subjects() != null && !g.subjects().isEmpty()) {
            for (var s : g.subjects()) {
                t.getNaamAndOnderdeelAndScore().add(s.name());
                if (s.parts() != null) {
                    s.parts().forEach(p -> {
                        CijferOnderdeel o = new CijferOnderdeel();
                        o.setNaam(p.name());
                        o.setScore(score(p.value(), p.qualification()));
                        o.setAfnamedatum(p.date());
                        o.setJaargroep(p.yearGroupCode());
                        o.setPeriode(p.period());
                        t.getNaamAndOnderdeelAndScore().add(o);
                    });
                }
                if (s.scores() == null || s.scores().isEmpty()) {
                    t.getNaamAndOnderdeelAndScore().add(new Score());
                } else {
                    s.scores().forEach(x -> t.getNaamAndOnderdeelAndScore().add(score(x.value(), x.qualification())));
                }
            }
        } else if (g.grades() != null && !g.grades().isEmpty()) {
            for (var s : g.grades()) {
                t.getNaamAndOnderdeelAndScore().add(s.name());
                t.getNaamAndOnderdeelAndScore().add(score(s.value(), s.level()));
            }
        } else {
            t.getNaamAndOnderdeelAndScore().add(g.name());
            t.getNaamAndOnderdeelAndScore().add(new Score());
        }
        c.setCijferlijstTypelijst(t);
        c.setAfnamedatum(g.date());
        c.setJaargroep(g.yearGroupCode() != null ? g.yearGroupCode() : jaargroep(g.yearGroup()));
        c.setPeriode(g.period());
        return c;
    }

    private static Score score(String value, String qualification) {
        Score s = new Score();
        s.setWaarde(value);
        s.setKwalificatie(qualification);
        return s;
    }

    private static ResultaatVakVo vak(TransferDossier.ExamSubject v) {
        ResultaatVakVo r = new ResultaatVakVo();
        r.setVakcode(or(v.subjectCode(), v.subject()));
        r.setVakleergebied(v.area() != null ? v.area() : (v.subject().equals(v.subjectCode()) ? null : v.subject()));
        r.setAfgerond(Boolean.TRUE.equals(v.completed()));
        r.setDatumafgerond(v.completedOn());
        r.setExamenvak(v.examSubject() == null || v.examSubject());
        if (v.assessment() != null) {
            r.setBeoordelingexamenvak(v.assessment());
        } else if (v.paper() != null) {
            Werkstuk w = new Werkstuk();
            w.setWerkstuktitel(v.paper().title());
            w.setWerkstukbeoordeling(v.paper().assessment());
            r.setWerkstuk(w);
        } else if (v.schoolExamGrades() != null && !v.schoolExamGrades().isEmpty()) {
            v.schoolExamGrades().forEach(g -> r.getCijferse().add(new BigDecimal(g)));
        } else if (v.reportGrade() != null) {
            r.setRapportcijfer(dec(v.reportGrade()));
        } else if (v.finalGrade() != null && v.finalGrade().matches("-?[0-9]{1,9}")) {
            r.setExameneindcijfer(Integer.valueOf(v.finalGrade()));
        } else if (v.centralExamGrade() != null && isDecimal(v.centralExamGrade())) {
            r.setCijferce(dec(v.centralExamGrade()));
        } else if (v.schoolExamGrade() != null && isDecimal(v.schoolExamGrade())) {
            r.setEindcijferse(dec(v.schoolExamGrade()));
        } else if (v.finalGrade() != null && isDecimal(v.finalGrade())) {
            r.setEindcijferse(dec(v.finalGrade()));
        } else {
            r.setBeoordelingexamenvak(UNKNOWN);
        }
        return r;
    }

    private static Verzorger verzorger(TransferDossier.Person p) {
        Verzorger v = new Verzorger();
        fillPersoon(v, p.givenNames(), p.initials(), p.nameInfix(), p.familyName() == null ? UNKNOWN : p.familyName(),
                p.preferredName(), p.gender(), p.addressConfidential(), p.addresses(), p.contacts());
        v.setRelatietotkind(p.relationCode() != null ? p.relationCode() : ("guardian".equals(p.relation()) ? "3" : null));
        v.setOverleden(p.deceased());
        v.setOverlijdensdatum(p.deceasedOn());
        v.setWettigevertegenwoordiger(p.legalRepresentative() != null ? p.legalRepresentative() : Boolean.TRUE.equals(p.liable()));
        v.setBanknummer(p.bankAccount());
        v.setIban(p.iban());
        return v;
    }

    // ----- building blocks -----

    private static void fillPersoon(Persoon p, String givenNames, String initials, String infix, String familyName,
            String preferred, String gender, Boolean confidential, List<Address> addresses, List<Contact> contacts) {
        addNames(p.getVoornaam(), givenNames);
        p.setVoorletters1(initials);
        p.setVoorvoegsel(infix);
        p.setAchternaam(familyName);
        p.setRoepnaam(preferred);
        p.setGeslacht(geslacht(gender));
        p.setAdresgeheim(confidential);
        p.setAdreslijst(adreslijst(addresses));
        p.setCommunicatielijst(communicatielijst(contacts));
    }

    static Integer geslacht(String gender) {
        if (gender == null) {
            return null;
        }
        return switch (gender) {
            case "female" -> 1;
            case "male" -> 2;
            default -> 0;
        };
    }

    private static Instelling instelling(Organisation o) {
        if (o == null) {
            return null;
        }
        Instelling i = new Instelling();
        i.setNaam(o.name());
        i.setAdreslijst(adreslijst(o.addresses()));
        i.setCommunicatielijst(communicatielijst(o.contacts()));
        return i;
    }

    private static School school(Organisation o) {
        School s = new School();
        s.setNaam(o.name());
        s.setAdreslijst(adreslijst(o.addresses()));
        s.setCommunicatielijst(communicatielijst(o.contacts()));
        s.setBrincode(o.brin());
        s.setVestigingscode(or(o.vestigingscode(), "00"));
        s.setAanleverpunt(or(o.deliveryPoint(), "0"));
        s.setSoort(o.kind());
        s.setType(o.type());
        s.setNaamdirecteur(o.headName());
        s.setWebsite(o.website());
        return s;
    }

    static Adreslijst adreslijst(List<Address> addresses) {
        if (addresses == null || addresses.isEmpty()) {
            return null;
        }
        Adreslijst list = new Adreslijst();
        for (Address a : addresses) {
            Adres x = new Adres();
            x.setSoortadres(a.kindCode() != null ? a.kindCode() : ("postal".equals(a.kind()) ? "post" : "bezoek"));
            x.setStraat(or(a.street(), UNKNOWN));
            x.setNummer(or(a.houseNumber(), UNKNOWN));
            x.setToevoeging(a.houseNumberAddition());
            x.setAanduiding(a.designation());
            x.setLocatieomschrijving(a.locationDescription());
            x.setPostcode(or(a.postcode(), UNKNOWN));
            x.setPlaats(or(a.city(), UNKNOWN));
            x.setGemeente(a.gemeentecode() != null ? a.gemeentecode() : a.municipality());
            String code = a.registryCountryCode() != null ? a.registryCountryCode() : ("NL".equals(a.country()) ? "6030" : null);
            if (code != null) {
                Land land = new Land();
                land.setValue(code);
                land.setOmschrijving(a.countryName());
                x.setLand(land);
            }
            list.getAdres().add(x);
        }
        return list;
    }

    static Communicatielijst communicatielijst(List<Contact> contacts) {
        if (contacts == null || contacts.isEmpty()) {
            return null;
        }
        Communicatielijst list = new Communicatielijst();
        for (Contact c : contacts) {
            Communicatie x = new Communicatie();
            x.setSoort(c.kindCode() != null ? c.kindCode() : switch (c.kind()) {
                case "phone" -> "telefoon";
                case "mobile" -> "mobiel";
                case "email" -> "e-mail";
                default -> "overig";
            });
            x.setAanduiding(c.label());
            x.setNummer(c.value());
            x.setGeheim(c.confidential());
            x.setNoodnummer(c.emergency());
            list.getCommunicatie().add(x);
        }
        return list;
    }

    private static Documentlijst documentlijst(List<TransferDossier.Document> docs) {
        Documentlijst list = new Documentlijst();
        addDocuments(list.getDocument(), docs);
        return list.getDocument().isEmpty() ? null : list;
    }

    private static void addDocuments(List<Document> target, List<TransferDossier.Document> docs) {
        if (docs != null) {
            docs.stream().map(CanonicalToOso::document).filter(java.util.Objects::nonNull).forEach(target::add);
        }
    }

    private static Document firstDocument(List<TransferDossier.Document> docs) {
        return docs == null || docs.isEmpty() ? null : document(docs.get(0));
    }

    /** An OSO document; a document without content cannot be written (bestandsinhoud is required) and is left out. */
    static Document document(TransferDossier.Document d) {
        if (d == null || d.contentBase64() == null || d.contentBase64().isEmpty()) {
            return null;
        }
        Document x = new Document();
        x.setBestandsnaam(d.fileName());
        x.setOmschrijving(d.description());
        x.setBestandsinhoud(Base64.getDecoder().decode(d.contentBase64()));
        return x;
    }

    private static Nationaliteit nationaliteit(String code, String description) {
        Nationaliteit n = new Nationaliteit();
        n.setValue(code);
        n.setOmschrijving(description);
        return n;
    }

    private static void addNames(List<String> target, String names) {
        if (names != null && !names.isBlank()) {
            target.addAll(List.of(names.trim().split("\\s+")));
        }
    }

    private static <T> void addAll(List<T> target, List<T> items) {
        if (items != null) {
            target.addAll(items);
        }
    }

    private static BigDecimal dec(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    private static boolean isDecimal(String s) {
        return s.matches("-?[0-9]+(\\.[0-9]+)?");
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
