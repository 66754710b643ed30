package nl.ketenhub.consent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nl.ketenhub.canonical.ConsentPayload;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.canonical.TransferDossier;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.routing.MessageObserver;
import org.springframework.stereotype.Component;

/**
 * A dossier whose consent evidence (the OSO inzage block, or its canonical equivalent) says the student or a parent
 * consented to the transfer counts as consent for the policy's consent categories, to that recipient, for one year
 * from the day it was recorded at the school. Recorded before the dossier's delivery reaches the gate.
 */
@Component
public class InzageConsentObserver implements MessageObserver {

    private final ConsentService consents;
    private final ConsentPolicy policy;
    private final PartnerService partners;
    private final ObjectMapper mapper;

    public InzageConsentObserver(ConsentService consents, ConsentPolicy policy, PartnerService partners, ObjectMapper mapper) {
        this.consents = consents;
        this.policy = policy;
        this.partners = partners;
        this.mapper = mapper;
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
        if (consentCategories.isEmpty()) {
            return;
        }
        LocalDate from = evidence.seenOn() != null ? evidence.seenOn() : consents.today();
        String givenBy = evidence.givenBy() != null ? evidence.givenBy() : ConsentRecord.STUDENT;
        ConsentPayload consent = new ConsentPayload(dossier.student().ref(), givenBy, List.copyOf(consentCategories),
                new ConsentPayload.Recipient(recipient.oin(), null), from, from.plusYears(1),
                "consent to the transfer recorded in the dossier's inzage block");
        consents.record(consent, ConsentService.SOURCE_OSO_INZAGE, trackingId, sender.oin(), null);
    }
}
