package nl.ketenhub.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import nl.ketenhub.canonical.Acknowledgement;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.ledger.DeliveryKind;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageRecord;
import nl.ketenhub.routing.DeliveryPlanner;
import nl.ketenhub.routing.PlannedDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Shows a rejected dossier to the VO school: when an MBO rejects a tracked dossier, the VO school also gets a
 * 'dossier-rejected' notification from the hub with the reason and the transfer it concerns. It is planned as a
 * delivery of the acknowledgement itself, so it commits with the core step that routes the acknowledgement and a
 * redelivery re-plans, never duplicates, it.
 */
@Component
public class RejectionNotices implements DeliveryPlanner.DeliveryContributor {

    private static final Logger log = LoggerFactory.getLogger(RejectionNotices.class);

    private final MessageLedger messages;
    private final TransferRepository transfers;
    private final TransferNotifications notifications;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String hubOin;

    public RejectionNotices(MessageLedger messages, TransferRepository transfers, TransferNotifications notifications,
            ObjectMapper mapper, Clock clock, KetenhubProperties properties) {
        this.messages = messages;
        this.transfers = transfers;
        this.notifications = notifications;
        this.mapper = mapper;
        this.clock = clock;
        this.hubOin = properties.hubOin();
    }

    @Override
    public List<PlannedDelivery> contribute(String trackingId, Envelope envelope) {
        if (envelope.type() != MessageType.ACKNOWLEDGEMENT) {
            return List.of();
        }
        try {
            Acknowledgement ack = envelope.payloadAs(mapper, Acknowledgement.class);
            if (ack.accepted()) {
                return List.of();
            }
            Optional<MessageRecord> dossier = messages.findRelated(envelope.relatesTo(), envelope.recipient(), envelope.sender())
                    .filter(m -> MessageType.TRANSFER_DOSSIER.wireName().equals(m.type()));
            Optional<Transfer> transfer = dossier.flatMap(d -> transfers.findByDossier(d.trackingId()));
            if (transfer.isEmpty()) {
                return List.of();
            }
            Transfer t = transfer.get();
            String messageId = TransferNotifications.rejectionId(trackingId);
            Envelope notice = new Envelope(messageId, MessageType.NOTIFICATION, hubOin, t.voOin(), clock.instant(),
                    envelope.relatesTo(), mapper.valueToTree(notifications.rejection(t,
                            notifications.student(transfers.student(t.id()).orElse(null)), ack)));
            return List.of(new PlannedDelivery(t.voOin(), DeliveryKind.NOTICE, PlannedDelivery.key(hubOin, messageId, t.voOin()),
                    notifications.json(notice)));
        } catch (DataAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("no rejection notice could be planned for {}: {}", trackingId, e.getClass().getName());
            return List.of();
        }
    }
}
