package nl.ketenhub.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.ketenhub.canonical.Acknowledgement;
import nl.ketenhub.canonical.Notification;
import nl.ketenhub.canonical.School;
import nl.ketenhub.canonical.StudentRef;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerRepository;
import org.springframework.stereotype.Component;

/**
 * Writes the notifications transfer tracking sends: the reminder to an MBO, the escalation to the VO school, the
 * rejection shown to the VO school and the RMC signal to the gemeente. They carry the student reference the
 * recipient needs and what the hub knows of the transfer (schools, states, dates), never dossier content.
 */
@Component
public class TransferNotifications {

    private final PartnerRepository partners;
    private final ObjectMapper mapper;
    private final ZoneId zone;

    public TransferNotifications(PartnerRepository partners, ObjectMapper mapper, TrackingProperties properties) {
        this.partners = partners;
        this.mapper = mapper;
        this.zone = properties.zone();
    }

    /** The deterministic messageIds: a scan or a redelivery that writes one again is answered with the first. */
    public static String reminderId(Transfer t) {
        return "ack-reminder-" + t.dossierTrackingId();
    }

    public static String escalationId(Transfer t) {
        return "ack-escalation-" + t.dossierTrackingId();
    }

    public static String rejectionId(String acknowledgementTrackingId) {
        return "dossier-rejected-" + acknowledgementTrackingId;
    }

    public Notification reminder(Transfer t, Optional<StudentRef> student) {
        return new Notification(Notification.ACK_REMINDER,
                "The transfer dossier " + t.dossierMessageId() + " of school year " + t.schoolYear() + " was delivered on "
                        + date(t.deliveredAt()) + " and has not been acknowledged by its due date " + t.ackDueDate()
                        + ". Please accept or reject it with an acknowledgement message.",
                t.id(), t.dossierMessageId(), student.orElse(null), t.schoolYear(), vo(t), mbo(t).orElse(null),
                TransferState.OVERDUE.wireName(), t.ackDueDate(), facts(t));
    }

    public Notification escalation(Transfer t, Optional<StudentRef> student) {
        return new Notification(Notification.ACK_ESCALATION,
                "The MBO institution has not acknowledged the transfer dossier " + t.dossierMessageId() + " of school year "
                        + t.schoolYear() + " (due " + t.ackDueDate() + ", reminded " + date(t.reminderSentAt())
                        + "). Please contact the MBO institution about this leaver.",
                t.id(), t.dossierMessageId(), student.orElse(null), t.schoolYear(), vo(t), mbo(t).orElse(null),
                TransferState.OVERDUE.wireName(), t.ackDueDate(), facts(t));
    }

    public Notification rejection(Transfer t, Optional<StudentRef> student, Acknowledgement ack) {
        Map<String, String> facts = facts(t);
        if (ack.reasonCode() != null) {
            facts.put("reasonCode", ack.reasonCode());
        }
        return new Notification(Notification.DOSSIER_REJECTED,
                "The MBO institution rejected the transfer dossier " + t.dossierMessageId() + " of school year "
                        + t.schoolYear() + ". Reason: " + ack.reason(),
                t.id(), t.dossierMessageId(), student.orElse(null), t.schoolYear(), vo(t), mbo(t).orElse(null),
                TransferState.REJECTED.wireName(), null, facts);
    }

    /** One signal per student and school year, over all of the student's transfers of that year. */
    public Notification rmcSignal(List<Transfer> transfers, StudentRef student, LocalDate deadline) {
        Transfer first = transfers.get(0);
        Map<String, String> facts = facts(first);
        if (transfers.size() > 1) {
            put(facts, "transfers", transfers.stream()
                    .map(t -> t.id() + " " + (t.mboBrin() == null ? "MBO unknown" : t.mboBrin()) + " " + t.state().wireName())
                    .collect(Collectors.joining("; ")));
        }
        return new Notification(Notification.RMC_SIGNAL,
                "This VO leaver of school year " + first.schoolYear() + " was expected to go to MBO but has no "
                        + "'ingeschreven' status by " + deadline + ". Please contact the student (RMC).",
                first.id(), first.dossierMessageId(), student, first.schoolYear(), vo(first), mbo(first).orElse(null),
                first.state().wireName(), deadline, facts);
    }

    /** What the hub knows of a transfer, as label/value pairs. */
    Map<String, String> facts(Transfer t) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("state", t.state().wireName());
        put(facts, "expectedLeavingDate", t.expectedLeavingDate());
        put(facts, "dossierReceived", date(t.dossierReceivedAt()));
        put(facts, "dossierDelivered", date(t.deliveredAt()));
        put(facts, "acknowledgementDue", t.ackDueDate());
        put(facts, "acknowledged", date(t.acknowledgedAt()));
        put(facts, "rejected", date(t.rejectedAt()));
        put(facts, "reminded", date(t.reminderSentAt()));
        put(facts, "escalated", date(t.escalatedAt()));
        if (t.applicationStatus() != null) {
            facts.put("applicationStatus", t.applicationStatus().wireName());
            put(facts, "statusDate", t.statusDate());
        }
        if (t.mboOin() == null) {
            facts.put("mbo", "not known");
        }
        return facts;
    }

    public String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a notification", e);
        }
    }

    public Optional<StudentRef> student(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(json, StudentRef.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored student reference no longer binds", e);
        }
    }

    private School vo(Transfer t) {
        return school(t.voOin(), t.voBrin());
    }

    private Optional<School> mbo(Transfer t) {
        return t.mboOin() == null ? Optional.empty() : Optional.ofNullable(school(t.mboOin(), t.mboBrin()));
    }

    private School school(String oin, String brin) {
        Optional<Partner> p = partners.findByOin(oin);
        String b = brin != null ? brin : p.map(Partner::brin).orElse(null);
        if (b == null) {
            return null;
        }
        String code = b.length() == 6 ? b.substring(4) : null;
        String name = p.map(Partner::name).map(n -> n.length() > 200 ? n.substring(0, 200) : n).orElse(null);
        return new School(b.substring(0, 4), code, name, oin);
    }

    private static void put(Map<String, String> facts, String label, Object value) {
        if (value != null) {
            String text = value.toString();
            // the schema's limit for a fact
            facts.put(label, text.length() > 500 ? text.substring(0, 497) + "..." : text);
        }
    }

    private String date(Instant at) {
        return at == null ? null : LocalDate.ofInstant(at, zone).toString();
    }
}
