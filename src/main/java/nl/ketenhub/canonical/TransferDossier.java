package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The doorstroomdossier a VO school passes to an MBO institution (or another VO school). Every section is tagged
 * with its data category, so the consent gate can forward, hold or drop sections whole.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransferDossier(
        String schoolYear,
        School school,
        School receivingSchool,
        Programme programme,
        Source source,
        ConsentEvidence consentEvidence,
        Student student,
        SchoolCareer schoolCareer,
        Results results,
        TransferAdvice transferAdvice,
        SupportNeeds supportNeeds,
        Attendance attendance,
        ParentsGuardians parentsGuardians,
        Attachments attachments,
        List<Withheld> withheld,
        SchoolDetails schoolDetails,
        TestResults testResults,
        EarlyChildhood earlyChildhood,
        GradeLists gradeLists,
        PrimaryFinalTest primaryFinalTest,
        ActionPlans actionPlans) {

    /** A dossier with only the fields of the first canonical version. */
    public TransferDossier(String schoolYear, School school, School receivingSchool, Programme programme, Source source,
            ConsentEvidence consentEvidence, Student student, SchoolCareer schoolCareer, Results results,
            TransferAdvice transferAdvice, SupportNeeds supportNeeds, Attendance attendance,
            ParentsGuardians parentsGuardians, Attachments attachments, List<Withheld> withheld) {
        this(schoolYear, school, receivingSchool, programme, source, consentEvidence, student, schoolCareer, results,
                transferAdvice, supportNeeds, attendance, parentsGuardians, attachments, withheld, null, null, null, null,
                null, null);
    }

    /** A dossier without the sections split off results and support needs (grade lists, final test, action plans). */
    public TransferDossier(String schoolYear, School school, School receivingSchool, Programme programme, Source source,
            ConsentEvidence consentEvidence, Student student, SchoolCareer schoolCareer, Results results,
            TransferAdvice transferAdvice, SupportNeeds supportNeeds, Attendance attendance,
            ParentsGuardians parentsGuardians, Attachments attachments, List<Withheld> withheld,
            SchoolDetails schoolDetails, TestResults testResults, EarlyChildhood earlyChildhood) {
        this(schoolYear, school, receivingSchool, programme, source, consentEvidence, student, schoolCareer, results,
                transferAdvice, supportNeeds, attendance, parentsGuardians, attachments, withheld, schoolDetails,
                testResults, earlyChildhood, null, null, null);
    }

    /** The JSON member of each section, by category (schema order): the gate works on these without binding. */
    public static final java.util.Map<DataCategory, String> SECTION_MEMBERS;

    static {
        java.util.Map<DataCategory, String> members = new java.util.EnumMap<>(DataCategory.class);
        members.put(DataCategory.IDENTITY, "student");
        members.put(DataCategory.SCHOOL_CAREER, "schoolCareer");
        members.put(DataCategory.EARLY_CHILDHOOD, "earlyChildhood");
        members.put(DataCategory.RESULTS, "results");
        members.put(DataCategory.GRADE_LISTS, "gradeLists");
        members.put(DataCategory.PRIMARY_FINAL_TEST, "primaryFinalTest");
        members.put(DataCategory.TEST_RESULTS, "testResults");
        members.put(DataCategory.TRANSFER_ADVICE, "transferAdvice");
        members.put(DataCategory.SUPPORT_NEEDS, "supportNeeds");
        members.put(DataCategory.ACTION_PLANS, "actionPlans");
        members.put(DataCategory.ATTENDANCE, "attendance");
        members.put(DataCategory.PARENTS_GUARDIANS, "parentsGuardians");
        members.put(DataCategory.ATTACHMENTS, "attachments");
        SECTION_MEMBERS = java.util.Collections.unmodifiableMap(members);
    }

    /**
     * The few members of a dossier that routing, consent and tracking need, bound without the sections' content
     * (binding a full dossier of 180 KB costs more than everything else these steps do).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Summary(String schoolYear, School school, School receivingSchool, ConsentEvidence consentEvidence,
            Student student, Source source) {}

    /** The sections present in this dossier, in schema order. */
    @JsonIgnore
    public List<Section> sections() {
        List<Section> present = new ArrayList<>();
        for (Section s : new Section[] {
            student, schoolCareer, earlyChildhood, results, gradeLists, primaryFinalTest, testResults, transferAdvice,
            supportNeeds, actionPlans, attendance, parentsGuardians, attachments
        }) {
            if (s != null) {
                present.add(s);
            }
        }
        return present;
    }

    /** A copy holding only the sections whose category is in {@code keep}; identity is the caller's choice too. */
    public TransferDossier retainOnly(Set<DataCategory> keep, List<Withheld> withheldNote) {
        return new TransferDossier(
                schoolYear, school, receivingSchool, programme, source, consentEvidence,
                keep.contains(DataCategory.IDENTITY) ? student : null,
                keep.contains(DataCategory.SCHOOL_CAREER) ? schoolCareer : null,
                keep.contains(DataCategory.RESULTS) ? results : null,
                keep.contains(DataCategory.TRANSFER_ADVICE) ? transferAdvice : null,
                keep.contains(DataCategory.SUPPORT_NEEDS) ? supportNeeds : null,
                keep.contains(DataCategory.ATTENDANCE) ? attendance : null,
                keep.contains(DataCategory.PARENTS_GUARDIANS) ? parentsGuardians : null,
                keep.contains(DataCategory.ATTACHMENTS) ? attachments : null,
                withheldNote == null || withheldNote.isEmpty() ? null : List.copyOf(withheldNote),
                schoolDetails,
                keep.contains(DataCategory.TEST_RESULTS) ? testResults : null,
                keep.contains(DataCategory.EARLY_CHILDHOOD) ? earlyChildhood : null,
                keep.contains(DataCategory.GRADE_LISTS) ? gradeLists : null,
                keep.contains(DataCategory.PRIMARY_FINAL_TEST) ? primaryFinalTest : null,
                keep.contains(DataCategory.ACTION_PLANS) ? actionPlans : null);
    }

    /** A category the hub left out of what it forwarded, and why. */
    public record Withheld(DataCategory category, String reason) {}

    /**
     * Where the dossier came from when it was not canonical JSON.
     *
     * @param categoryRelease OSO categorie_uitlevering as sent: OSO category name to VERPLICHT, VERBODEN, OPTIONEEL or
     *     OPT-UIT
     * @param excludedBySource the OSO categories marked VERBODEN or OPT-UIT (without the cat_ prefix): never taken in
     * @param optionalCategories the sections that carry data the source marked OPTIONEEL: never forwarded on a legal
     *     basis, only under consent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(
            String format,
            String packageName,
            String packageVersion,
            String standardVersion,
            LocalDate createdAt,
            Boolean provisional,
            List<String> excludedBySource,
            String partialDossier,
            String validationVersion,
            String transferType,
            String dossierKind,
            Map<String, String> categoryRelease,
            List<DataCategory> optionalCategories) {

        /** A source with only the fields of the first canonical version. */
        public Source(String format, String packageName, String packageVersion, String standardVersion,
                LocalDate createdAt, Boolean provisional, List<String> excludedBySource) {
            this(format, packageName, packageVersion, standardVersion, createdAt, provisional, excludedBySource,
                    null, null, null, null, null, null);
        }
    }

    /** More about the sending school, as an OSO dossier gives it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SchoolDetails(
            List<Address> addresses,
            List<Contact> contacts,
            String deliveryPoint,
            String kind,
            String type,
            String headName,
            String website) {}

    /** An organisation (an institution or a school) with its addresses and means of contact. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Organisation(
            String name,
            List<Address> addresses,
            List<Contact> contacts,
            String brin,
            String vestigingscode,
            String deliveryPoint,
            String kind,
            String type,
            String headName,
            String website) {}

    /** A person other than the student or a parent (e.g. the general practitioner). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NamedPerson(
            String givenNames,
            String initials,
            String nameInfix,
            String familyName,
            String preferredName,
            String gender,
            Boolean addressConfidential,
            List<Address> addresses,
            List<Contact> contacts) {}

    /** Name and birth date as in the civil registry (OSO gba). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CivilRegistry(List<String> givenNames, String nameInfix, String familyName, LocalDate birthDate) {}

    /** A nationality with the code and name the source gave. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Citizenship(String code, String description) {}

    /** What the sending school recorded about inspection of and consent to the dossier (OSO inzage). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConsentEvidence(
            Boolean seenByParentsOrStudent,
            LocalDate seenOn,
            String agreesWithContent,
            String reasonNotAgreed,
            String consentToTransfer,
            String givenBy) {}

    /** Identity: who the student is and where they live. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "category", allowGetters = true)
    public record Student(
            String bsn,
            String onderwijsnummer,
            String schoolStudentId,
            String givenNames,
            String initials,
            String nameInfix,
            String familyName,
            String preferredName,
            LocalDate birthDate,
            String birthPlace,
            String gender,
            List<String> nationalities,
            String gemeentecode,
            Boolean addressConfidential,
            List<Address> addresses,
            List<Contact> contacts,
            LocalDate inEducationSince,
            Boolean hasStartkwalificatie,
            String postcode4,
            CivilRegistry civilRegistry,
            List<String> foreignAddressLines,
            List<Citizenship> citizenships,
            LocalDate enrolledOn,
            LocalDate currentEducationSince,
            LocalDate leftOn,
            HomeSituation homeSituation,
            NamedPerson generalPractitioner) implements Section {

        /** A student with only the fields of the first canonical version. */
        public Student(String bsn, String onderwijsnummer, String schoolStudentId, String givenNames, String initials,
                String nameInfix, String familyName, String preferredName, LocalDate birthDate, String birthPlace,
                String gender, List<String> nationalities, String gemeentecode, Boolean addressConfidential,
                List<Address> addresses, List<Contact> contacts, LocalDate inEducationSince, Boolean hasStartkwalificatie) {
            this(bsn, onderwijsnummer, schoolStudentId, givenNames, initials, nameInfix, familyName, preferredName,
                    birthDate, birthPlace, gender, nationalities, gemeentecode, addressConfidential, addresses, contacts,
                    inEducationSince, hasStartkwalificatie, null, null, null, null, null, null, null, null, null);
        }

        @Override
        @JsonProperty("category")
        public DataCategory category() {
            return DataCategory.IDENTITY;
        }

        @JsonIgnore
        public StudentId id() {
            return StudentId.of(bsn, onderwijsnummer);
        }

        @JsonIgnore
        public StudentRef ref() {
            return new StudentRef(bsn, onderwijsnummer, birthDate, gemeentecode, hasStartkwalificatie);
        }
    }

    /** One school year of the school career. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CareerEntry(
            String schoolYear,
            School school,
            String schoolType,
            String schoolTypeDescription,
            String programmeCode,
            String programmeDescription,
            Integer yearGroup,
            String groupCode,
            String groupName,
            LocalDate startDate,
            LocalDate endDate,
            Boolean promoted,
            String yearGroupCode,
            String schoolSubtype) {

        /** A career entry with only the fields of the first canonical version. */
        public CareerEntry(String schoolYear, School school, String schoolType, String schoolTypeDescription,
                String programmeCode, String programmeDescription, Integer yearGroup, String groupCode, String groupName,
                LocalDate startDate, LocalDate endDate, Boolean promoted) {
            this(schoolYear, school, schoolType, schoolTypeDescription, programmeCode, programmeDescription, yearGroup,
                    groupCode, groupName, startDate, endDate, promoted, null, null);
        }
    }

    /** Diploma or exam outcome. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Diploma(
            String kind, Integer examYear, LocalDate resultDate, String outcome, Boolean startkwalificatie,
            String outcomeCode) {

        /** A diploma with only the fields of the first canonical version. */
        public Diploma(String kind, Integer examYear, LocalDate resultDate, String outcome, Boolean startkwalificatie) {
            this(kind, examYear, resultDate, outcome, startkwalificatie, null);
        }
    }

    /** An internship (stage). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Internship(
            LocalDate startDate, LocalDate endDate, String kind, String role, String assessment, Organisation organisation) {

        /** An internship with only the fields of the first canonical version. */
        public Internship(LocalDate startDate, LocalDate endDate, String kind, String role, String assessment) {
            this(startDate, endDate, kind, role, assessment, null);
        }
    }

    /** Career orientation (LOB). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CareerOrientation(
            String chosenProgramme, Boolean careerTestDone, List<Internship> internships, String notes,
            Boolean portfolio, Boolean personalDevelopmentPlan, Boolean motivationLetter, Boolean careerDossier) {

        /** A career orientation with only the fields of the first canonical version. */
        public CareerOrientation(String chosenProgramme, Boolean careerTestDone, List<Internship> internships, String notes) {
            this(chosenProgramme, careerTestDone, internships, notes, null, null, null, null);
        }
    }

    /** Promoted to (OSO bevorderd). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Promotion(String programmeCode, String yearGroupCode) {}

    /** A competence and its status. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Competence(String reference, String category, String description, String status) {}

    /** Pre-school education (OSO voorschools). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Preschool(
            Integer historyCode, Integer programmeCode, Integer months, Integer referrerCode, Integer participationCode,
            Integer attendance) {}

    /** An early-school programme (OSO vroegschools). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EarlySchoolProgramme(Integer programmeCode, LocalDate startDate, LocalDate endDate) {}

    /** Early childhood education (OSO VVE): a category of its own, apart from the school career. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "category", allowGetters = true)
    public record EarlyChildhood(
            Boolean fromPlaygroup, String playgroupName, Preschool preschool, List<EarlySchoolProgramme> earlySchoolProgrammes)
            implements Section {

        @Override
        @JsonProperty("category")
        public DataCategory category() {
            return DataCategory.EARLY_CHILDHOOD;
        }
    }

    /** School career (OSO cat_schoolloopbaan): schools, years, levels, promotion. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "category", allowGetters = true)
    public record SchoolCareer(
            LocalDate enrolledOn,
            LocalDate currentEducationSince,
            LocalDate leftOn,
            List<CareerEntry> entries,
            String returnedToBrin,
            Promotion promotion) implements Section {

        @Override
        @JsonProperty("category")
        public DataCategory category() {
            return DataCategory.SCHOOL_CAREER;
        }
    }

    /** A named score, grade or test component. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Score(String name, String code, String value, String level, LocalDate date, String notes) {}

    /** An exam subject with its grades. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ExamSubject(
            String subject,
            String subjectCode,
            String schoolExamGrade,
            String centralExamGrade,
            String finalGrade,
            Boolean completed,
            LocalDate completedOn,
            String area,
            Boolean examSubject,
            String assessment,
            List<String> schoolExamGrades,
            String reportGrade,
            Paper paper) {

        /** An exam subject with only the fields of the first canonical version. */
        public ExamSubject(String subject, String subjectCode, String schoolExamGrade, String centralExamGrade,
                String finalGrade, Boolean completed, LocalDate completedOn) {
            this(subject, subjectCode, schoolExamGrade, centralExamGrade, finalGrade, completed, completedOn,
                    null, null, null, null, null, null);
        }
    }

    /** A paper (werkstuk) and its assessment. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Paper(String title, String assessment) {}

    /** A grade list (cijferlijst). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GradeList(
            String name, LocalDate date, Integer yearGroup, String period, List<Score> grades, String yearGroupCode,
            List<GradeSubject> subjects) {

        /** A grade list with only the fields of the first canonical version. */
        public GradeList(String name, LocalDate date, Integer yearGroup, String period, List<Score> grades) {
            this(name, date, yearGroup, period, grades, null, null);
        }
    }

    /** One subject of a grade list: its parts and scores. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GradeSubject(String name, List<GradePart> parts, List<GradeScore> scores) {}

    /** A part of a subject on a grade list, with its score. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GradePart(
            String name, String value, String qualification, LocalDate date, String yearGroupCode, String period) {}

    /** A score: a value and its qualification. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GradeScore(String value, String qualification) {}

    /** A test taken (toets). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TestResult(
            String name,
            String code,
            String version,
            String area,
            LocalDate takenOn,
            Integer yearGroup,
            List<Score> scores,
            String notes,
            String title,
            String yearGroupCode,
            Integer didacticAge,
            Administrator administeredBy,
            TestOutcome result,
            List<TestPart> parts) {

        /** A test with only the fields of the first canonical version. */
        public TestResult(String name, String code, String version, String area, LocalDate takenOn, Integer yearGroup,
                List<Score> scores, String notes) {
            this(name, code, version, area, takenOn, yearGroup, scores, notes, null, null, null, null, null, null);
        }
    }

    /** Who administered a test. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Administrator(String name, String role, Organisation organisation) {}

    /** The counts and scores of a test result (OSO toetsscore). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TestScore(
            Integer itemCount, Integer correct, Integer wrong, Integer read, String time, String abilityScore,
            String abilityScale, String confidenceLow, String confidenceHigh) {}

    /** A score against a reference group (OSO referentiescore). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReferenceScore(String code, String comparisonGroup, String value, String qualification) {}

    /** The outcome of a test or test part (OSO resultaat). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TestOutcome(TestScore score, List<ReferenceScore> referenceScores, Document document) {}

    /** A part of a test with its own outcome. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TestPart(String code, String name, TestOutcome result) {}

    /** A domain of a final-test part. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FinalTestDomain(String code, String description, String referenceLevel) {}

    /** A part of the primary school's final test. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FinalTestPart(String code, String description, String referenceLevel, List<FinalTestDomain> domains) {}

    /** The primary school's final test (OSO cat_eindtoetsbo): a category of its own. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "category", allowGetters = true)
    public record PrimaryFinalTest(
            Boolean taken, String name, LocalDate takenOn, String standardScore, String advice, List<Score> components,
            String level, String description, String exemption, List<FinalTestPart> parts, List<Document> documents)
            implements Section {

        @Override
        @JsonProperty("category")
        public DataCategory category() {
            return DataCategory.PRIMARY_FINAL_TEST;
        }

        /** A final test with only the fields of the first canonical version. */
        public PrimaryFinalTest(Boolean taken, String name, LocalDate takenOn, String standardScore, String advice,
                List<Score> components) {
            this(taken, name, takenOn, standardScore, advice, components, null, null, null, null, null);
        }
    }

    /**
     * Results (OSO cat_vombo): the diploma, exam results, certificates, competences, career orientation and
     * internships of the VO school.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "category", allowGetters = true)
    public record Results(
            Diploma diploma,
            List<String> certificates,
            List<Competence> competences,
            CareerOrientation careerOrientation,
            List<ExamSubject> examSubjects) implements Section {

        /** Exam results alone. */
        public Results(List<ExamSubject> examSubjects) {
            this(null, null, null, null, examSubjects);
        }

        @Override
        @JsonProperty("category")
        public DataCategory category() {
            return DataCategory.RESULTS;
        }
    }

    /** Grade lists (OSO cat_cijferlijsten): a category of their own, apart from exam results. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "category", allowGetters = true)
    public record GradeLists(List<GradeList> lists) implements Section {

        @Override
        @JsonProperty("category")
        public DataCategory category() {
            return DataCategory.GRADE_LISTS;
        }
    }

    /** Test results (OSO toetslijst): a category of its own, apart from grades and exam results. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "category", allowGetters = true)
    public record TestResults(List<TestResult> tests) implements Section {

        @Override
        @JsonProperty("category")
        public DataCategory category() {
            return DataCategory.TEST_RESULTS;
        }
    }

    /** The school's transfer advice (overstapadvies). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "category", allowGetters = true)
    public record TransferAdvice(
            String advice,
            String parentsWish,
            String studentWish,
            String revisedAdvice,
            String revisionMotivation,
            String profile,
            String argumentation,
            String attentionPoints,
            Boolean contactNeeded,
            String contactPerson,
            String contactPhone,
            String contactEmail) implements Section {

        @Override
        @JsonProperty("category")
        public DataCategory category() {
            return DataCategory.TRANSFER_ADVICE;
        }
    }

    /** A diagnosis. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Diagnosis(
            String code, String name, LocalDate date, String by, String institution, List<String> codes,
            List<Document> documents) {

        /** A diagnosis with only the fields of the first canonical version. */
        public Diagnosis(String code, String name, LocalDate date, String by, String institution) {
            this(code, name, date, by, institution, null, null);
        }
    }

    /** A formal support arrangement. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Arrangement(
            String kind,
            LocalDate startDate,
            LocalDate endDate,
            String reference,
            String provider,
            String details,
            @JsonProperty("continue") Boolean continueArrangement,
            String swvNumber,
            String category,
            String decisionNumber,
            String brin,
            String vestigingscode,
            List<Document> documents) {

        /** An arrangement with only the fields of the first canonical version. */
        public Arrangement(String kind, LocalDate startDate, LocalDate endDate, String reference, String provider,
                String details, Boolean continueArrangement) {
            this(kind, startDate, endDate, reference, provider, details, continueArrangement, null, null, null, null, null, null);
        }
    }

    /** Action plans (OSO cat_handelingsplannen): a category of their own, apart from the other support needs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "category", allowGetters = true)
    public record ActionPlans(List<ActionPlan> plans) implements Section {

        @Override
        @JsonProperty("category")
        public DataCategory category() {
            return DataCategory.ACTION_PLANS;
        }
    }

    /** An action plan (handelingsplan). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActionPlan(LocalDate startDate, LocalDate endDate, String focus, String attachment, Document document) {

        /** An action plan with only the fields of the first canonical version. */
        public ActionPlan(LocalDate startDate, LocalDate endDate, String focus, String attachment) {
            this(startDate, endDate, focus, attachment, null);
        }
    }

    /** OSO leerlinggewicht, nnca and tehuis: kept with the support needs, so they go only under consent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HomeSituation(String weightingCode, String culturalBackgroundCode, Boolean livesInInstitution) {}

    /** Assessment of the regional referral committee (OSO rvc). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RvcAssessment(
            String centralProblem, String measures, Boolean participatedInResearch, Boolean learningDelay,
            Boolean lowFinalTestScore, LocalDate date, String indication, List<Document> documents) {}

    /** Another agency involved with the student. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Agency(String name, String contactPerson, String reason) {}

    /** Support needs (onderwijsondersteuning): sensitive, consent-only by default. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "category", allowGetters = true)
    public record SupportNeeds(
            String summary,
            String strengths,
            String impediments,
            String socialEmotional,
            String medication,
            List<Diagnosis> diagnoses,
            List<Arrangement> arrangements,
            List<Agency> otherAgencies,
            Document needsExplanation,
            Boolean usesMedication,
            HomeSituation homeSituation,
            NamedPerson generalPractitioner,
            RvcAssessment rvcAssessment) implements Section {

        /** Support needs with only the fields of the first canonical version (action plans are a section now). */
        public SupportNeeds(String summary, String strengths, String impediments, String socialEmotional,
                String medication, List<Diagnosis> diagnoses, List<Arrangement> arrangements,
                List<Agency> otherAgencies) {
            this(summary, strengths, impediments, socialEmotional, medication, diagnoses, arrangements,
                    otherAgencies, null, null, null, null, null);
        }

        @Override
        @JsonProperty("category")
        public DataCategory category() {
            return DataCategory.SUPPORT_NEEDS;
        }
    }

    /** Attendance and absence (verzuim). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "category", allowGetters = true)
    public record Attendance(
            Integer authorisedHalfDays,
            Integer unauthorisedHalfDays,
            Integer authorisedHours,
            Integer unauthorisedHours,
            Boolean over25Percent,
            String frequency,
            Boolean leerplichtContacted,
            Boolean rmcReported,
            String notes,
            List<Document> documents) implements Section {

        /** Attendance with only the fields of the first canonical version. */
        public Attendance(Integer authorisedHalfDays, Integer unauthorisedHalfDays, Integer authorisedHours,
                Integer unauthorisedHours, Boolean over25Percent, String frequency, Boolean leerplichtContacted,
                Boolean rmcReported, String notes) {
            this(authorisedHalfDays, unauthorisedHalfDays, authorisedHours, unauthorisedHours, over25Percent, frequency,
                    leerplichtContacted, rmcReported, notes, null);
        }

        @Override
        @JsonProperty("category")
        public DataCategory category() {
            return DataCategory.ATTENDANCE;
        }
    }

    /** A parent, guardian or other carer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Person(
            String relation,
            String initials,
            String givenNames,
            String nameInfix,
            String familyName,
            Boolean liable,
            List<Address> addresses,
            List<Contact> contacts,
            String preferredName,
            String gender,
            Boolean addressConfidential,
            String relationCode,
            Boolean deceased,
            LocalDate deceasedOn,
            Boolean legalRepresentative,
            String bankAccount,
            String iban) {

        /** A person with only the fields of the first canonical version. */
        public Person(String relation, String initials, String givenNames, String nameInfix, String familyName,
                Boolean liable, List<Address> addresses, List<Contact> contacts) {
            this(relation, initials, givenNames, nameInfix, familyName, liable, addresses, contacts,
                    null, null, null, null, null, null, null, null, null);
        }
    }

    /** Parents and guardians. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "category", allowGetters = true)
    public record ParentsGuardians(List<Person> persons, Boolean parentsLiable, Organisation liableInstitution)
            implements Section {

        /** Parents and guardians with only the fields of the first canonical version. */
        public ParentsGuardians(List<Person> persons) {
            this(persons, null, null);
        }

        @Override
        @JsonProperty("category")
        public DataCategory category() {
            return DataCategory.PARENTS_GUARDIANS;
        }
    }

    /**
     * One attached document: its metadata, and its content (base64) when the source sent it, as OSO dossiers do. The
     * content travels inside its section, so the consent gate governs it like the rest of the section.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Document(
            String fileName, String description, String mediaType, Long sizeBytes, String sha256, String kind,
            String contentBase64) {

        /** Document metadata only, as in the first canonical version. */
        public Document(String fileName, String description, String mediaType, Long sizeBytes, String sha256, String kind) {
            this(fileName, description, mediaType, sizeBytes, sha256, kind, null);
        }

        @Override
        public String toString() {
            return "Document[" + fileName + ", " + (contentBase64 == null ? "no content" : contentBase64.length() + " base64 characters") + "]";
        }
    }

    /** Attachments. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "category", allowGetters = true)
    public record Attachments(List<Document> documents) implements Section {

        @Override
        @JsonProperty("category")
        public DataCategory category() {
            return DataCategory.ATTACHMENTS;
        }
    }
}
