package nl.ketenhub.consent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import nl.ketenhub.canonical.ConsentPayload;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.partner.TransferKind;
import nl.ketenhub.routing.MessageObserver;
import org.springframework.stereotype.Component;

/**
 * A dossier whose consent evidence (the OSO inzage block, or its canonical equivalent) says the student or a parent
 * consented to the transfer counts as consent for the policy's consent categories, to that recipient, for one year
 * from the day it was recorded at the school. Recorded before the dossier's delivery reaches the gate.
 */
@Component
public class InzageConsentObserver implements MessageObserver {

    /** How long a dossier's inzage consent counts, from the day it was recorded at the school. */
    public static final Period VALIDITY = Period.ofYears(1);

    private final ConsentService consents;
    private final ConsentPolicy policy;
    private final PartnerService partners;
    private final ObjectMapper mapper;
    private final MessageLedger ledger;

    public InzageConsentObserver(ConsentService consents, ConsentPolicy policy, PartnerService partners, ObjectMapper mapper,
            MessageLedger ledger) {
        this.consents = consents;
        this.policy = policy;
        this.partners = partners;
        this.mapper = mapper;
        this.ledger = ledger;
    }

    @Override
    public void routed(String trackingId, Envelope envelope, List<DeliveryRecord> deliveries) {
        if (envelope.type() != MessageType.TRANSFER_DOSSIER) {
            return;
        }
        TransferDossier.Summary dossier = envelope.payloadAs(mapper, TransferDossier.Summary.class);
        TransferDossier.ConsentEvidence evidence = dossier.consentEvidence();
        if (evidence == null || !"yes".equals(evidence.consentToTransfer())) {
            return;
        }
        Partner sender = partners.find(envelope.sender()).orElse(null);
        Partner recipient = partners.find(envelope.recipient()).orElse(null);
        if (sender == null || recipient == null) {
            return;
        }
        Set<DataCategory> consentCategories = EnumSet.noneOf(DataCategory.class);
        policy.rulesFor(TransferKind.of(sender.kind(), recipient.kind())).forEach((category, basis) -> {
            if (basis == Basis.CONSENT) {
                consentCategories.add(category);
            }
        });
        // what the school marked optional goes only under consent: the inzage consent covers it too
        if (dossier.source() != null && dossier.source().optionalCategories() != null) {
            dossier.source().optionalCategories().forEach(category -> {
                if (policy.rulesFor(TransferKind.of(sender.kind(), recipient.kind())).get(category) == Basis.LEGAL_BASIS) {
                    consentCategories.add(category);
                }
            });
        }
        if (consentCategories.isEmpty()) {
            return;
        }
        LocalDate from = evidence.seenOn() != null ? evidence.seenOn() : consents.today();
        String givenBy = evidence.givenBy() != null ? evidence.givenBy() : ConsentRecord.STUDENT;
        LocalDate until = from.plus(VALIDITY);
        ConsentPayload consent = new ConsentPayload(dossier.student().ref(), givenBy, List.copyOf(consentCategories),
                new ConsentPayload.Recipient(recipient.oin(), null), from, until,
                "consent to the transfer recorded in the dossier's inzage block");
        consents.record(consent, ConsentService.SOURCE_OSO_INZAGE, trackingId, sender.oin(), null);
        if (until.isBefore(consents.today())) {
            ledger.event(trackingId, "NOTE", recipient.oin(), expiredNote(from, until) + ": "
                    + consentCategories.stream().map(DataCategory::wireName).collect(Collectors.joining(", "))
                    + " are held until a current consent is registered");
        }
    }

    /** Why a dossier's consent to the transfer does not release its consent categories: it is too old. */
    public static String expiredNote(LocalDate seenOn, LocalDate until) {
        return "inzage-consent-expired: the dossier's consent to the transfer (inzage toestemming Ja, recorded on "
                + seenOn + ") counts for " + VALIDITY.getYears() + " year, until " + until + ", which has passed";
    }
}
