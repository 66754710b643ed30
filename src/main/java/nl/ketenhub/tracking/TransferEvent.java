package nl.ketenhub.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One entry in a transfer's history: a transition, a recorded fact, or an ignored or refused event, with its cause.
 *
 * @param event what happened (dossier-received, delivered, acknowledged, application-status, reminder-sent, ...)
 * @param outcome applied, recorded, ignored or refused
 * @param cause the message (type and messageId) or the scan that caused it
 * @param causeTrackingId the tracking id of the causing message, when a message caused it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransferEvent(
        Instant at,
        String event,
        String outcome,
        String fromState,
        String toState,
        String cause,
        String causeTrackingId,
        String detail) {}
