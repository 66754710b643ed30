package nl.ketenhub.ledger;

import java.time.Instant;

/** One row of the message ledger (no personal data: the student is a pseudonym). */
public record MessageRecord(
        String trackingId,
        String messageId,
        String sender,
        String recipient,
        String type,
        String relatesTo,
        String subjectPseudonym,
        String channel,
        MessageState state,
        int sizeBytes,
        String payloadSha256,
        Instant receivedAt,
        Instant updatedAt) {}
