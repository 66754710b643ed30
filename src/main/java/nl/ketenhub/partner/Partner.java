package nl.ketenhub.partner;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A registered partner: who it is and how the hub delivers to it. The API key itself is never kept, only its hash.
 *
 * @param apiKeyHint the first characters of the key, so an admin can tell keys apart
 * @param ackPeriodDays working days an MBO has to acknowledge a dossier
 * @param demo a demo partner, whose key works only in demo mode
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Partner(
        String oin,
        String name,
        PartnerKind kind,
        String brin,
        String gemeentecode,
        Channel channel,
        String endpoint,
        PartnerFormat format,
        String apiKeyHint,
        int ackPeriodDays,
        boolean enabled,
        boolean demo,
        Instant createdAt,
        Instant updatedAt,
        Instant keyRotatedAt) {}
