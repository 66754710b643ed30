package nl.ketenhub.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Demo mode's optional traffic: a small school year played in a few minutes through the hub's own REST API, as the
 * demo partners would send it: expected-transfer reports, dossiers (some with consent evidence), consents that
 * release held parts, application statuses from intake to enrolment or withdrawal, enrolment notices, one MBO
 * that is down for a while, and absence: a report of each kind (one of them late) and the gemeenten's follow-ups. Students are synthetic; their BSNs pass the 11-proef and belong to nobody.
 */
public class DemoTraffic implements DisposableBean {

    /** Progress of the current run. */
    public record Progress(boolean running, int students, int sent, int refused, String step) {}

    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);
    private static final String[] GIVEN = {"Sanne", "Daan", "Noor", "Milan", "Lotte", "Bram", "Yara", "Finn", "Saar", "Jesse"};
    private static final String[] FAMILY = {"de Boer", "Jansen", "Visser", "Bakker", "Smit", "Meijer", "Mulder", "Bos"};

    private final DemoSimulator simulator;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration pace;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-traffic");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile int students;
    private volatile String step = "idle";

    public DemoTraffic(DemoSimulator simulator, ObjectMapper mapper, Clock clock, Duration pace) {
        this.simulator = simulator;
        this.mapper = mapper;
        this.clock = clock;
        this.pace = pace;
    }

    public Progress progress() {
        return new Progress(running.get(), students, sent.get(), refused.get(), step);
    }

    /** Starts a school year for {@code count} students; false if one is already playing. */
    public boolean start(int count, long seed) {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        students = count;
        sent.set(0);
        refused.set(0);
        List<Student> cohort = cohort(count, new Random(seed));
        List<Runnable> steps = new ArrayList<>();
        steps.add(named("expected transfers", () -> expectedTransfers(cohort)));
        // MBO Rijnstad's system is down while dossiers and supplements are on their way to it: the hub retries them
        // with back-off and delivers them once it is back (the console counts the retries per partner)
        steps.add(named("MBO Rijnstad down", () -> simulator.outage(DemoPartners.MBO_RIJNSTAD.oin(), pace.multipliedBy(3))));
        steps.add(named("dossiers", () -> cohort.forEach(this::dossier)));
        steps.add(named("consents", () -> cohort.stream().filter(s -> s.consentLater).forEach(this::consent)));
        steps.add(named("applications received", () -> cohort.forEach(s -> status(s, "aanmelding-ontvangen"))));
        steps.add(named("offers", () -> cohort.stream().filter(s -> !s.withdraws).forEach(s -> status(s, "onderwijsovereenkomst-aangeboden"))));
        steps.add(named("withdrawals", () -> cohort.stream().filter(s -> s.withdraws).forEach(s -> status(s, "ingetrokken"))));
        steps.add(named("enrolments", () -> cohort.stream().filter(s -> s.enrols).forEach(s -> {
            status(s, "ingeschreven");
            enrolment(s);
        })));
        // absence: a report of each kind from the VO schools (one of them late), then the gemeenten's follow-ups
        List<ObjectNode> reports = new ArrayList<>();
        steps.add(named("absence reports", () -> {
            for (int i = 0; i < Math.min(4, cohort.size()); i++) {
                reports.add(absenceReport(cohort.get(i), ABSENCE_KINDS[i], i == 1));
            }
        }));
        steps.add(named("absence follow-ups", () -> {
            for (int i = 0; i < reports.size(); i++) {
                if (i != 1) {
                    absenceFollowUp(reports.get(i), i == 0 ? "measure-taken" : "received", i == 0 ? "GESPREK" : null);
                }
            }
        }));
        for (int i = 0; i < steps.size(); i++) {
            scheduler.schedule(steps.get(i), pace.toMillis() * i, TimeUnit.MILLISECONDS);
        }
        scheduler.schedule(() -> {
            step = "done";
            running.set(false);
            log.info("demo traffic done: {} messages sent, {} refused", sent.get(), refused.get());
        }, pace.toMillis() * steps.size(), TimeUnit.MILLISECONDS);
        return true;
    }

    private Runnable named(String name, Runnable r) {
        return () -> {
            step = name;
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("demo traffic step '{}' failed: {}", name, e.getMessage());
            }
        };
    }

    private record Student(String bsn, String given, String family, LocalDate birthDate, String gemeentecode,
            DemoPartners.Demo vo, DemoPartners.Demo mbo, boolean consentInDossier, boolean consentLater, boolean enrols,
            boolean withdraws) {}

    private List<Student> cohort(int count, Random random) {
        List<Student> cohort = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DemoPartners.Demo vo = i % 2 == 0 ? DemoPartners.VO_HORIZON : DemoPartners.VO_LYCEUM;
            DemoPartners.Demo mbo = i % 3 == 0 ? DemoPartners.MBO_TECHNIEK : DemoPartners.MBO_RIJNSTAD;
            int kind = i % 5;
            cohort.add(new Student(bsn(random), GIVEN[random.nextInt(GIVEN.length)], FAMILY[random.nextInt(FAMILY.length)],
                    LocalDate.of(2009 + random.nextInt(2), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                    i % 4 == 0 ? DemoPartners.GEMEENTE_VOORBEELDWAARD.gemeentecode() : DemoPartners.GEMEENTE_DEMOSTAD.gemeentecode(),
                    vo, mbo, kind == 0, kind == 1 || kind == 2, kind != 3 && kind != 4, kind == 4));
        }
        return cohort;
    }

    /** A random BSN that passes the 11-proef. */
    static String bsn(Random random) {
        while (true) {
            int[] d = new int[9];
            d[0] = 1 + random.nextInt(9);
            int sum = d[0] * 9;
            for (int i = 1; i < 8; i++) {
                d[i] = random.nextInt(10);
                sum += d[i] * (9 - i);
            }
            int last = Math.floorMod(sum, 11);
            if (last <= 9) {
                d[8] = last;
                StringBuilder s = new StringBuilder();
                for (int x : d) {
                    s.append(x);
                }
                return s.toString();
            }
        }
    }

    private void expectedTransfers(List<Student> cohort) {
        for (DemoPartners.Demo vo : List.of(DemoPartners.VO_HORIZON, DemoPartners.VO_LYCEUM)) {
            for (DemoPartners.Demo gemeente : List.of(DemoPartners.GEMEENTE_DEMOSTAD, DemoPartners.GEMEENTE_VOORBEELDWAARD)) {
                List<Student> leavers = cohort.stream()
                        .filter(s -> s.vo == vo && s.gemeentecode.equals(gemeente.gemeentecode())).toList();
                if (leavers.isEmpty()) {
                    continue;
                }
                ObjectNode payload = mapper.createObjectNode();
                payload.put("schoolYear", schoolYear());
                payload.putObject("voSchool").put("brin", vo.brin()).put("name", vo.name());
                ArrayNode list = payload.putArray("leavers");
                for (Student s : leavers) {
                    ObjectNode leaver = list.addObject();
                    leaver.set("student", studentRef(s));
                    leaver.put("expectedLeavingDate", LocalDate.now(clock).plusMonths(7).withDayOfMonth(15).toString());
                    leaver.putObject("mboSchool").put("brin", s.mbo.brin()).put("oin", s.mbo.oin());
                }
                send(vo, envelope("expected-transfer", vo.oin(), gemeente.oin(), null, payload));
            }
        }
    }

    private void dossier(Student s) {
        ObjectNode p = mapper.createObjectNode();
        p.put("schoolYear", schoolYear());
        p.putObject("school").put("brin", s.vo.brin()).put("name", s.vo.name()).put("oin", s.vo.oin());
        p.putObject("receivingSchool").put("brin", s.mbo.brin()).put("name", s.mbo.name()).put("oin", s.mbo.oin());
        p.putObject("consentEvidence").put("seenByParentsOrStudent", true).put("agreesWithContent", "yes")
                .put("consentToTransfer", s.consentInDossier ? "yes" : "unknown").put("givenBy", "student")
                .put("seenOn", LocalDate.now(clock).minusDays(3).toString());
        ObjectNode student = p.putObject("student");
        student.put("category", "identity").put("bsn", s.bsn).put("givenNames", s.given).put("familyName", s.family)
                .put("birthDate", s.birthDate.toString()).put("gemeentecode", s.gemeentecode).put("hasStartkwalificatie", false);
        p.putObject("schoolCareer").put("category", "school-career").putArray("entries").addObject()
                .put("schoolYear", schoolYear()).put("schoolType", "VMBO-KB").put("yearGroup", 4);
        p.putObject("results").put("category", "results").putArray("examSubjects").addObject()
                .put("subject", "Nederlands").put("schoolExamGrade", "6.9");
        p.putObject("transferAdvice").put("category", "transfer-advice").put("advice", "MBO niveau 3");
        p.putObject("supportNeeds").put("category", "support-needs").put("summary", "Extra tijd bij toetsen.");
        p.putObject("attendance").put("category", "attendance").put("authorisedHalfDays", 4).put("unauthorisedHalfDays", 0);
        send(s.vo, envelope("transfer-dossier", s.vo.oin(), s.mbo.oin(), null, p));
    }

    private void consent(Student s) {
        ObjectNode c = mapper.createObjectNode();
        c.set("student", studentRef(s));
        c.put("givenBy", s.birthDate.plusYears(16).isAfter(LocalDate.now(clock)) ? "parent" : "student");
        c.putArray("categories").add("transfer-advice").add("support-needs").add("attendance");
        c.putObject("recipient").put("kind", "MBO");
        c.put("validFrom", LocalDate.now(clock).toString());
        c.put("validUntil", LocalDate.now(clock).plusYears(1).toString());
        send(s.vo, envelope("consent", s.vo.oin(), "00000099000000000000", null, c));
    }

    private void status(Student s, String status) {
        ObjectNode p = mapper.createObjectNode();
        p.set("student", studentRef(s));
        p.put("status", status);
        p.put("statusDate", LocalDate.now(clock).toString());
        p.put("schoolYear", schoolYear());
        p.putObject("programme").put("crebo", "25180").put("name", "Medewerker ICT").put("level", 3);
        p.putObject("mboSchool").put("brin", s.mbo.brin()).put("name", s.mbo.name());
        p.putObject("voSchool").put("brin", s.vo.brin()).put("name", s.vo.name());
        send(s.mbo, envelope("application-status", s.mbo.oin(), s.vo.oin(), null, p));
    }

    private void enrolment(Student s) {
        DemoPartners.Demo gemeente = s.gemeentecode.equals(DemoPartners.GEMEENTE_DEMOSTAD.gemeentecode())
                ? DemoPartners.GEMEENTE_DEMOSTAD : DemoPartners.GEMEENTE_VOORBEELDWAARD;
        ObjectNode p = mapper.createObjectNode();
        p.set("student", studentRef(s));
        p.put("kind", "inschrijving");
        p.put("effectiveDate", LocalDate.now(clock).toString());
        p.putObject("school").put("brin", s.mbo.brin()).put("name", s.mbo.name());
        p.put("schoolYear", schoolYear());
        send(s.mbo, envelope("enrolment-notice", s.mbo.oin(), gemeente.oin(), null, p));
    }

    private static final String[] ABSENCE_KINDS = {"unauthorised", "signal", "extended-leave", "worrying-sickness"};

    /** An absence report of one kind; a late one ended three weeks ago, the others last Friday or so. */
    private ObjectNode absenceReport(Student s, String kind, boolean late) {
        DemoPartners.Demo gemeente = s.gemeentecode.equals(DemoPartners.GEMEENTE_DEMOSTAD.gemeentecode())
                ? DemoPartners.GEMEENTE_DEMOSTAD : DemoPartners.GEMEENTE_VOORBEELDWAARD;
        LocalDate end = LocalDate.now(clock).minusDays(late ? 21 : 2);
        String function = nl.ketenhub.canonical.AbsenceChecks.functionFor(s.birthDate, false, end);
        ObjectNode p = mapper.createObjectNode();
        p.set("student", studentRef(s));
        p.put("kind", kind);
        p.put("function", function == null ? "rmc" : function);
        ObjectNode period = p.putObject("period").put("startDate", end.minusWeeks(4).toString()).put("endDate", end.toString());
        if (kind.equals("unauthorised")) {
            period.put("thresholdReachedOn", end.toString());
        }
        p.put("hoursMissed", kind.equals("signal") ? 9 : kind.equals("unauthorised") ? 17 : 24);
        p.putObject("school").put("brin", s.vo.brin()).put("vestigingscode", s.bsn.endsWith("0") ? "02" : "01")
                .put("name", s.vo.name());
        p.put("schoolYear", schoolYear());
        p.putArray("actionsTaken").addObject().put("action", "contact-parents").put("date", end.minusDays(7).toString());
        p.putObject("contact").put("name", "Verzuimcoördinator " + s.vo.name()).put("email", "verzuim@demo.invalid");
        ObjectNode report = envelope("absence-report", s.vo.oin(), gemeente.oin(), null, p);
        send(s.vo, report);
        return report;
    }

    private void absenceFollowUp(ObjectNode report, String status, String code) {
        ObjectNode p = mapper.createObjectNode();
        p.set("student", report.at("/payload/student"));
        p.put("status", status);
        p.put("statusDate", LocalDate.now(clock).toString());
        if (code != null) {
            p.put("code", code);
        }
        String gemeente = report.path("recipient").asText();
        DemoPartners.Demo from = gemeente.equals(DemoPartners.GEMEENTE_DEMOSTAD.oin())
                ? DemoPartners.GEMEENTE_DEMOSTAD : DemoPartners.GEMEENTE_VOORBEELDWAARD;
        send(from, envelope("absence-follow-up", gemeente, report.path("sender").asText(),
                report.path("messageId").asText(), p));
    }

    private ObjectNode studentRef(Student s) {
        ObjectNode ref = mapper.createObjectNode();
        ref.put("bsn", s.bsn).put("birthDate", s.birthDate.toString()).put("gemeentecode", s.gemeentecode)
                .put("hasStartkwalificatie", false);
        return ref;
    }

    private ObjectNode envelope(String type, String sender, String recipient, String relatesTo, ObjectNode payload) {
        ObjectNode e = mapper.createObjectNode();
        e.put("messageId", UUID.randomUUID().toString());
        e.put("type", type);
        e.put("sender", sender);
        e.put("recipient", recipient);
        e.put("sentAt", clock.instant().minusSeconds(1).toString());
        if (relatesTo != null) {
            e.put("relatesTo", relatesTo);
        }
        e.set("payload", payload);
        return e;
    }

    private String schoolYear() {
        LocalDate today = LocalDate.now(clock);
        int start = today.getMonthValue() >= 8 ? today.getYear() : today.getYear() - 1;
        return start + "-" + (start + 1);
    }

    private void send(DemoPartners.Demo from, ObjectNode message) {
        try {
            RestClient.create(simulator.baseUrl()).post().uri("/api/v1/messages")
                    .header("Authorization", "Bearer " + from.apiKey())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(mapper.writeValueAsString(message))
                    .retrieve()
                    .toBodilessEntity();
            sent.incrementAndGet();
        } catch (RestClientResponseException e) {
            refused.incrementAndGet();
            log.warn("demo traffic: {} refused a {} message: {}", from.name(), message.path("type").asText(), e.getStatusCode());
        } catch (Exception e) {
            refused.incrementAndGet();
            log.warn("demo traffic: {} could not send: {}", from.name(), e.getMessage());
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
