package nl.ketenhub.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.PartnerRequest;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the transfer tracking integration tests: the whole hub on a {@link TestClock}, scans every second, schools
 * with their own BRINs and REST systems that record what they receive, and builders for synthetic messages.
 */
@Import(TestClockConfig.class)
@TestPropertySource(properties = {
    "ketenhub.tracking.scan-period=1s",
    "ketenhub.tracking.rmc-scan-period=1s",
    "ketenhub.tracking.scan-delay=1s",
    "ketenhub.tracking.escalation-after-days=3",
    "ketenhub.tracking.holidays=2027-04-27"
})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class TrackingIntegrationTest extends HubIntegrationTest {

    static final String SCHOOL_YEAR = "2026-2027";

    protected final ObjectMapper mapper = new ObjectMapper();
    protected final List<FakePartner> systems = new ArrayList<>();

    @Autowired
    protected TestClock clock;

    /** A registered school or gemeente with its REST system. */
    record School(String oin, String apiKey, PartnerKind kind, String brin, String gemeentecode, FakePartner system) {}

    /** A synthetic student. */
    record Student(String label, String bsn, String birthDate, String gemeentecode, boolean startkwalificatie) {

        Student movedTo(String newGemeentecode) {
            return new Student(label, bsn, birthDate, newGemeentecode, startkwalificatie);
        }

        ObjectNode ref(ObjectMapper mapper) {
            ObjectNode s = mapper.createObjectNode();
            s.put("bsn", bsn);
            s.put("birthDate", birthDate);
            s.put("gemeentecode", gemeentecode);
            s.put("hasStartkwalificatie", startkwalificatie);
            return s;
        }
    }

    @AfterEach
    void stopSystems() {
        systems.forEach(FakePartner::close);
    }

    School school(PartnerKind kind, String brin, Integer ackPeriodDays) {
        return registerSchool(kind, brin, null, ackPeriodDays);
    }

    School gemeente(String gemeentecode) {
        return registerSchool(PartnerKind.GEMEENTE, null, gemeentecode, null);
    }

    private School registerSchool(PartnerKind kind, String brin, String gemeentecode, Integer ackPeriodDays) {
        try {
            FakePartner system = new FakePartner();
            systems.add(system);
            String oin = newOin();
            PartnerService.WithKey created = partners.create(new PartnerRequest(oin, "Test " + kind + " " + oin.substring(14),
                    kind, brin, gemeentecode, Channel.REST, system.url(), null, ackPeriodDays, true));
            return new School(oin, created.apiKey(), kind, brin, gemeentecode, system);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- synthetic messages ----

    ObjectNode dossier(School vo, School mbo, Student s) {
        ObjectNode m = Fixtures.dossier(vo.oin(), mbo.oin(), s.bsn());
        m.put("sentAt", clock.instant().toString());
        ObjectNode p = (ObjectNode) m.get("payload");
        p.put("schoolYear", SCHOOL_YEAR);
        p.set("school", mapper.createObjectNode().put("brin", vo.brin()).put("oin", vo.oin()));
        p.set("receivingSchool", mapper.createObjectNode().put("brin", mbo.brin()).put("oin", mbo.oin()));
        ObjectNode student = (ObjectNode) p.get("student");
        student.put("birthDate", s.birthDate());
        student.put("gemeentecode", s.gemeentecode());
        student.put("hasStartkwalificatie", s.startkwalificatie());
        ((ObjectNode) student.withArray("addresses").get(0)).put("gemeentecode", s.gemeentecode());
        return m;
    }

    ObjectNode status(School mbo, School vo, Student s, String status, String statusDate) {
        ObjectNode m = Fixtures.message("application-status", mbo.oin(), vo.oin());
        m.put("sentAt", clock.instant().toString());
        ObjectNode p = (ObjectNode) m.get("payload");
        p.set("student", s.ref(mapper));
        p.put("status", status);
        p.put("statusDate", statusDate);
        p.put("schoolYear", SCHOOL_YEAR);
        p.set("mboSchool", mapper.createObjectNode().put("brin", mbo.brin()));
        p.set("voSchool", mapper.createObjectNode().put("brin", vo.brin()));
        if (status.equals("leidt-niet-tot-inschrijving") || status.equals("ingetrokken")) {
            p.put("reason", "Synthetic reason that a gemeente never sees");
        }
        return m;
    }

    /** An expected-transfer report; each leaver with the MBO it is expected at (null: not known). */
    ObjectNode expected(School vo, School gemeente, Map<Student, School> leavers) {
        ObjectNode m = Fixtures.message("expected-transfer", vo.oin(), gemeente.oin());
        m.put("sentAt", clock.instant().toString());
        ObjectNode p = (ObjectNode) m.get("payload");
        p.put("schoolYear", SCHOOL_YEAR);
        p.set("voSchool", mapper.createObjectNode().put("brin", vo.brin()));
        ArrayNode list = p.putArray("leavers");
        leavers.forEach((s, mbo) -> {
            ObjectNode leaver = list.addObject();
            leaver.set("student", s.ref(mapper));
            leaver.put("expectedLeavingDate", "2027-07-15");
            if (mbo != null) {
                leaver.set("mboSchool", mapper.createObjectNode().put("brin", mbo.brin()).put("oin", mbo.oin()));
                leaver.set("programme", mapper.createObjectNode().put("crebo", "25180"));
            }
        });
        return m;
    }

    ObjectNode acknowledgement(School mbo, School vo, ObjectNode dossier, boolean accepted) {
        ObjectNode m = Fixtures.message("acknowledgement", mbo.oin(), vo.oin());
        m.put("sentAt", clock.instant().toString());
        m.put("relatesTo", dossier.path("messageId").asText());
        ObjectNode p = m.putObject("payload");
        p.put("result", accepted ? "accepted" : "rejected");
        if (!accepted) {
            p.put("reason", "Deze opleiding bieden wij niet aan");
            p.put("reasonCode", "wrong-institution");
        }
        return m;
    }

    /** Submits a message and expects it accepted; answers its tracking id. */
    String accepted(School sender, ObjectNode message) {
        HttpResponse<String> answer = submit(sender.apiKey(), Fixtures.json(message));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return read(answer.body()).path("trackingId").asText();
    }

    JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> partnerGet(School partner, String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + partner.apiKey()).GET().build());
    }

    /** What a system received, one line per message: type, kind or status, and the students it concerns. */
    List<String> received(School school, List<Student> students) {
        List<String> lines = new ArrayList<>();
        for (FakePartner.Received r : school.system().accepted()) {
            lines.add(describe(read(r.body()), students));
        }
        return lines;
    }

    static String describe(JsonNode m, List<Student> students) {
        String type = m.path("type").asText();
        JsonNode p = m.path("payload");
        return switch (type) {
            case "notification" -> "notification " + p.path("kind").asText() + " " + label(p.at("/student/bsn").asText(), students);
            case "application-status" -> "status " + p.path("status").asText() + " " + label(p.at("/student/bsn").asText(), students);
            case "acknowledgement" -> "acknowledgement " + p.path("result").asText();
            case "transfer-dossier" -> "dossier " + label(p.at("/student/bsn").asText(), students);
            case "enrolment-notice" -> "enrolment-notice " + p.path("kind").asText() + " " + label(p.at("/student/bsn").asText(), students);
            case "expected-transfer" -> {
                TreeSet<String> who = new TreeSet<>();
                p.path("leavers").forEach(l -> who.add(label(l.at("/student/bsn").asText(), students)));
                yield "expected " + String.join(",", who);
            }
            default -> type;
        };
    }

    private static String label(String bsn, List<Student> students) {
        return students.stream().filter(s -> s.bsn().equals(bsn)).map(Student::label).findFirst()
                .orElse(bsn.isEmpty() ? "-" : "?");
    }
}
