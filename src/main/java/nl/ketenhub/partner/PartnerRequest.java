package nl.ketenhub.partner;

/**
 * What an admin sends to create or update a partner.
 *
 * @param format optional: defaults to canonical-json for jms and rest, oso-xml for soap, csv for file
 * @param ackPeriodDays optional: working days an MBO has to acknowledge a dossier (default 10)
 * @param enabled optional on update: re-enable or disable
 */
public record PartnerRequest(
        String oin,
        String name,
        PartnerKind kind,
        String brin,
        String gemeentecode,
        Channel channel,
        String endpoint,
        PartnerFormat format,
        Integer ackPeriodDays,
        Boolean enabled) {}
