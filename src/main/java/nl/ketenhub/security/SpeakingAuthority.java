package nl.ketenhub.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.canonical.SchoolYears;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerKind;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may speak for a student: the hub's authority rules in one place.
 *
 * <ul>
 *   <li>A consent releases only data sent by the school that recorded it (an admin's entry, which carries a reason
 *       and is in the audit log, speaks for any sender).</li>
 *   <li>A partner may record or withdraw a consent only for a student it has sent a dossier or an expected-transfer
 *       report for.</li>
 *   <li>An application status or enrolment notice names the sender itself as the school (BRIN, and OIN when given;
 *       a status without an mboSchool speaks for its sender);
 *       a status addressed to a VO school names that school; and a status that contradicts the transfer the hub
 *       already holds (the student leaves another VO school) is refused, as is a status or acknowledgement whose
 *       relatesTo names a dossier the hub carried to another institution than its sender. A status from a second MBO
 *       without such a reference is no contradiction (students apply at several institutions), nor is an enrolment
 *       at MBO Y of a student enrolled at MBO X (students switch). A status about a student the hub does not
 *       know yet is legitimate (the MBO learns the previous school from the application), but only goes to the VO
 *       school it names, which must be a registered partner.</li>
 * </ul>
 */
@Component
public class SpeakingAuthority {

    /** Why a partner may not say what it said, as the edge reports it (problem+json or a SOAP fault code). */
    public record Refusal(HttpStatus status, String type, String title, String detail, String pointer) {

        public List<Violation> violations() {
            return List.of(new Violation(pointer, detail));
        }
    }

    /** The source of a consent an admin recorded with a reason (ConsentService.SOURCE_ADMIN). */
    static final String ADMIN_SOURCE = "admin";

    private final MessageLedger ledger;
    private final StudentTransfers transfers;

    public SpeakingAuthority(MessageLedger ledger, StudentTransfers transfers) {
        this.ledger = ledger;
        this.transfers = transfers;
    }

    /**
     * Whether a consent may release data sent by {@code dataSender}.
     *
     * @param source the consent's source (api, message, oso-inzage, admin)
     * @param recordedBy the OIN of the partner that recorded it, or the admin's user name
     */
    public static boolean consentReleases(String source, String recordedBy, String dataSender) {
        return ADMIN_SOURCE.equals(source) || (dataSender != null && Objects.equals(recordedBy, dataSender));
    }

    /** Whether the partner may record or withdraw a consent for the student (by keyed pseudonym). */
    public Optional<Refusal> mayActOnConsent(String partnerOin, String subjectPseudonym) {
        if (subjectPseudonym != null && (sentDossier(partnerOin, subjectPseudonym) || reportedLeaver(partnerOin, subjectPseudonym))) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(HttpStatus.FORBIDDEN, "not-your-student", "Not a student of yours",
                "you may record or withdraw a consent only for a student you sent a dossier or an expected-transfer "
                        + "report for", "/student"));
    }

    private boolean sentDossier(String partnerOin, String subject) {
        return ledger.hasSent(partnerOin, subject, MessageType.TRANSFER_DOSSIER.wireName());
    }

    private boolean reportedLeaver(String partnerOin, String subject) {
        return transfers.fromSchool(subject, partnerOin);
    }

    /**
     * Whether an application status or enrolment notice may go from its sender to its recipient. Other message
     * types are not the subject of these rules.
     *
     * @param subjectPseudonym the student's keyed pseudonym
     */
    public Optional<Refusal> mayReport(Partner sender, Envelope e, Partner recipient, String subjectPseudonym) {
        JsonNode payload = e.payload();
        if (e.type() == MessageType.APPLICATION_STATUS) {
            // without an mboSchool the status speaks for its sender (the ledger takes the sender as the MBO)
            Optional<Refusal> own = payload.has("mboSchool")
                    ? namesSender(sender, payload.get("mboSchool"), "/payload/mboSchool") : Optional.empty();
            if (own.isPresent()) {
                return own;
            }
            if (recipient.kind() == PartnerKind.VO) {
                if (!names(payload.path("voSchool"), recipient)) {
                    return Optional.of(new Refusal(HttpStatus.UNPROCESSABLE_ENTITY, "recipient-not-named-school",
                            "Status addressed to another school", "the status is addressed to " + recipient.oin()
                                    + ", which is not the VO school its payload names", "/recipient"));
                }
                Optional<Refusal> elsewhere = answersAnotherTransfer(sender, e, recipient);
                if (elsewhere.isPresent()) {
                    return elsewhere;
                }
                return contradiction(subjectPseudonym, payload.path("schoolYear").asText(), recipient);
            }
            return answersAnotherTransfer(sender, e, recipient);
        }
        if (e.type() == MessageType.ACKNOWLEDGEMENT) {
            return answersAnotherTransfer(sender, e, recipient);
        }
        if (e.type() == MessageType.ENROLMENT_NOTICE) {
            return namesSender(sender, payload.path("school"), "/payload/school");
        }
        return Optional.empty();
    }

    /**
     * A status or acknowledgement whose relatesTo names a dossier the recipient sent to another partner than the
     * sender: it speaks about a transfer to someone else (the student goes to another MBO as far as that dossier is
     * concerned). The dossier is looked up among the recipient's own messages, as messageIds are unique per sender.
     * The other institution is not named in the answer.
     */
    private Optional<Refusal> answersAnotherTransfer(Partner sender, Envelope e, Partner recipient) {
        if (e.relatesTo() == null || e.relatesTo().isBlank()) {
            return Optional.empty();
        }
        List<String> carriedTo = ledger.carriedTo(e.relatesTo(), recipient.oin(), MessageType.TRANSFER_DOSSIER.wireName());
        if (carriedTo.isEmpty() || carriedTo.contains(sender.oin())) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(HttpStatus.UNPROCESSABLE_ENTITY, "contradicts-transfer",
                "Message contradicts the transfer the hub holds", "relatesTo names dossier " + e.relatesTo() + " of "
                        + recipient.oin() + ", which the hub carried to another institution, not to you ("
                        + sender.oin() + "): a " + e.type().wireName() + " speaks only about a transfer to its sender",
                "/relatesTo"));
    }

    private static Optional<Refusal> namesSender(Partner sender, JsonNode school, String pointer) {
        if (sender.brin() == null) {
            return Optional.of(new Refusal(HttpStatus.FORBIDDEN, "not-own-school", "Message names another school",
                    "the partner directory has no BRIN for you, so you cannot report about a school", pointer));
        }
        if (!names(school, sender)) {
            return Optional.of(new Refusal(HttpStatus.FORBIDDEN, "not-own-school", "Message names another school",
                    "the school named (BRIN " + school.path("brin").asText("none") + ") is not yours: you report "
                            + "only as BRIN " + sender.brin(), pointer));
        }
        return Optional.empty();
    }

    /** Whether a school object names the partner: its BRIN, and its OIN when one is given. */
    static boolean names(JsonNode school, Partner partner) {
        if (!school.isObject() || partner.brin() == null) {
            return false;
        }
        boolean brin = partner.brin().equalsIgnoreCase(school.path("brin").asText(""));
        boolean oin = !school.path("oin").isTextual() || partner.oin().equals(school.get("oin").asText());
        return brin && oin;
    }

    /**
     * A status addressed to a VO school for a student whose transfer (in the status's school year or the one
     * before) the hub holds from other VO schools only.
     */
    private Optional<Refusal> contradiction(String subject, String schoolYear, Partner voSchool) {
        if (subject == null || schoolYear.isBlank()) {
            return Optional.empty();
        }
        List<String> years = List.of(schoolYear, SchoolYears.previous(schoolYear));
        List<String> schools = transfers.voSchools(subject, years);
        if (schools.isEmpty() || schools.contains(voSchool.oin())) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(HttpStatus.UNPROCESSABLE_ENTITY, "contradicts-transfer",
                "Status contradicts the transfer the hub holds", "the hub holds this student's transfer in "
                        + String.join(" or ", years) + " from another VO school, not from " + voSchool.oin(),
                "/payload/voSchool"));
    }
}
