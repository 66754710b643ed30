package nl.ketenhub.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.ketenhub.canonical.ApplicationStatus;
import nl.ketenhub.canonical.EnrolmentNotice;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.ExpectedTransfer;
import nl.ketenhub.canonical.StudentRef;
import nl.ketenhub.ledger.DeliveryKind;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerRepository;
import nl.ketenhub.routing.DeliveryPlanner;
import nl.ketenhub.routing.PlannedDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Notices to the gemeente of residence: application statuses, enrolments and deregistrations of students under the
 * notice age (23) without a startkwalificatie, and the expected-transfer reports of VO schools, each gemeente getting
 * only its own residents. The gemeente is the one the message itself names (so a student who moved is reported at
 * the new gemeente); the consent gate minimises what a gemeente receives when the notice is forwarded.
 */
@Component
public class GemeenteNotices implements DeliveryPlanner.DeliveryContributor {

    private static final Logger log = LoggerFactory.getLogger(GemeenteNotices.class);

    private final PartnerRepository partners;
    private final ObjectMapper mapper;
    private final TrackingProperties properties;
    private final MeterRegistry meters;
    private final TransferCorrelator transfers;
    /** Gemeentecodes already reported in the log as having no partner; later messages are only counted. */
    private final Set<String> reportedMissing = ConcurrentHashMap.newKeySet();

    public GemeenteNotices(PartnerRepository partners, ObjectMapper mapper, TrackingProperties properties,
            MeterRegistry meters, TransferCorrelator transfers) {
        this.transfers = transfers;
        this.partners = partners;
        this.mapper = mapper;
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public List<PlannedDelivery> contribute(String trackingId, Envelope envelope) {
        try {
            return switch (envelope.type()) {
                case APPLICATION_STATUS -> {
                    ApplicationStatus s = envelope.payloadAs(mapper, ApplicationStatus.class);
                    if (transfers.ignoresStatus(envelope)) {
                        // a repeat or an older status than the transfer's current one: the gemeente already knows better
                        yield List.of();
                    }
                    yield forStudent(envelope, s.student(), s.statusDate(), envelope.payload());
                }
                case ENROLMENT_NOTICE -> {
                    EnrolmentNotice n = envelope.payloadAs(mapper, EnrolmentNotice.class);
                    yield forStudent(envelope, n.student(), n.effectiveDate(), envelope.payload());
                }
                case EXPECTED_TRANSFER -> forReport(envelope);
                default -> List.of();
            };
        } catch (DataAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("no gemeente notices could be planned for {}: {}", trackingId, e.getClass().getName());
            return List.of();
        }
    }

    /** Whether a gemeente is told about this student: younger than the notice age and without a startkwalificatie. */
    public boolean concernsGemeente(StudentRef student, LocalDate on) {
        boolean qualified = Boolean.TRUE.equals(student.hasStartkwalificatie());
        return !qualified && Period.between(student.birthDate(), on).getYears() < properties.noticeMaxAge();
    }

    private List<PlannedDelivery> forStudent(Envelope envelope, StudentRef student, LocalDate on, ObjectNode payload) {
        if (!concernsGemeente(student, on)) {
            return List.of();
        }
        return notices(envelope, student.gemeentecode(), payload);
    }

    private List<PlannedDelivery> forReport(Envelope envelope) {
        ExpectedTransfer report = envelope.payloadAs(mapper, ExpectedTransfer.class);
        ArrayNode leavers = (ArrayNode) envelope.payload().get("leavers");
        Map<String, ArrayNode> byGemeente = new LinkedHashMap<>();
        for (int i = 0; i < report.leavers().size(); i++) {
            ExpectedTransfer.Leaver leaver = report.leavers().get(i);
            LocalDate on = leaver.expectedLeavingDate() != null ? leaver.expectedLeavingDate() : envelope.sentAt()
                    .atZone(properties.zone()).toLocalDate();
            if (concernsGemeente(leaver.student(), on)) {
                byGemeente.computeIfAbsent(leaver.student().gemeentecode(), g -> mapper.createArrayNode())
                        .add(leavers.get(i).deepCopy());
            }
        }
        List<PlannedDelivery> planned = new ArrayList<>();
        byGemeente.forEach((gemeentecode, residents) -> {
            ObjectNode payload = envelope.payload().deepCopy();
            payload.set("leavers", residents);
            planned.addAll(notices(envelope, gemeentecode, payload));
        });
        return planned;
    }

    private List<PlannedDelivery> notices(Envelope envelope, String gemeentecode, ObjectNode payload) {
        List<Partner> gemeenten = partners.findGemeente(gemeentecode);
        if (gemeenten.isEmpty()) {
            meters.counter("ketenhub.gemeente.notices.unaddressed", "gemeentecode", gemeentecode).increment();
            if (reportedMissing.add(gemeentecode)) {
                log.info("no gemeente partner for gemeentecode {}: no notice of {} {}; further messages for this "
                        + "gemeentecode are counted in ketenhub.gemeente.notices.unaddressed", gemeentecode,
                        envelope.type().wireName(), envelope.messageId());
            } else {
                log.debug("no gemeente partner for gemeentecode {}: no notice of {} {}", gemeentecode,
                        envelope.type().wireName(), envelope.messageId());
            }
        }
        List<PlannedDelivery> planned = new ArrayList<>();
        for (Partner gemeente : gemeenten) {
            if (gemeente.oin().equals(envelope.recipient())) {
                continue; // the sender addressed this gemeente itself
            }
            Envelope notice = envelope.withRecipient(gemeente.oin()).withPayload(payload);
            planned.add(new PlannedDelivery(gemeente.oin(), DeliveryKind.NOTICE,
                    PlannedDelivery.key(envelope.sender(), envelope.messageId(), gemeente.oin()), json(notice)));
        }
        return planned;
    }

    private String json(Envelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a notice", e);
        }
    }
}
