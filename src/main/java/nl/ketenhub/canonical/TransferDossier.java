package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
        List<Withheld> withheld) {

    /** The sections present in this dossier, in schema order. */
    @JsonIgnore
    public List<Section> sections() {
        List<Section> present = new ArrayList<>();
        for (Section s : new Section[] {
            student, schoolCareer, results, transferAdvice, supportNeeds, attendance, parentsGuardians, attachments
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
                withheldNote == null || withheldNote.isEmpty() ? null : List.copyOf(withheldNote));
    }

    /** A category the hub left out of what it forwarded, and why. */
    public record Withheld(DataCategory category, String reason) {}

    /** Where the dossier came from when it was not canonical JSON. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(
            String format,
            String packageName,
            String packageVersion,
            String standardVersion,
            LocalDate createdAt,
            Boolean provisional,
            List<String> excludedBySource) {}

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
            Boolean hasStartkwalificatie) implements Section {

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
            Boolean promoted) {}

    /** Diploma or exam outcome. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Diploma(
            String kind, Integer examYear, LocalDate resultDate, String outcome, Boolean startkwalificatie) {}

    /** An internship (stage). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Internship(LocalDate startDate, LocalDate endDate, String kind, String role, String assessment) {}

    /** Career orientation (LOB). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CareerOrientation(
            String chosenProgramme, Boolean careerTestDone, List<Internship> internships, String notes) {}

    /** School career: schools, years, levels and diploma. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "category", allowGetters = true)
    public record SchoolCareer(
            LocalDate enrolledOn,
            LocalDate currentEducationSince,
            LocalDate leftOn,
            List<CareerEntry> entries,
            Diploma diploma,
            CareerOrientation careerOrientation) implements Section {

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
            LocalDate completedOn) {}

    /** A grade list (cijferlijst). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GradeList(String name, LocalDate date, Integer yearGroup, String period, List<Score> grades) {}

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
            String notes) {}

    /** The primary school's final test (eindtoets). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PrimaryFinalTest(
            Boolean taken, String name, LocalDate takenOn, String standardScore, String advice, List<Score> components) {}

    /** Results: exam subjects, grade lists, tests. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "category", allowGetters = true)
    public record Results(
            List<ExamSubject> examSubjects,
            List<GradeList> gradeLists,
            List<TestResult> tests,
            PrimaryFinalTest primaryFinalTest) implements Section {

        @Override
        @JsonProperty("category")
        public DataCategory category() {
            return DataCategory.RESULTS;
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
    public record Diagnosis(String code, String name, LocalDate date, String by, String institution) {}

    /** A formal support arrangement. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Arrangement(
            String kind,
            LocalDate startDate,
            LocalDate endDate,
            String reference,
            String provider,
            String details,
            @JsonProperty("continue") Boolean continueArrangement) {}

    /** An action plan (handelingsplan). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActionPlan(LocalDate startDate, LocalDate endDate, String focus, String attachment) {}

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
            List<ActionPlan> actionPlans,
            List<Agency> otherAgencies) implements Section {

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
            String notes) implements Section {

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
            List<Contact> contacts) {}

    /** Parents and guardians. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(value = "category", allowGetters = true)
    public record ParentsGuardians(List<Person> persons) implements Section {

        @Override
        @JsonProperty("category")
        public DataCategory category() {
            return DataCategory.PARENTS_GUARDIANS;
        }
    }

    /** Metadata of one attached document (the hub carries no document content). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Document(
            String fileName, String description, String mediaType, Long sizeBytes, String sha256, String kind) {}

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
