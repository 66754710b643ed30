package nl.ketenhub.intake;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.partner.PartnerKind;

/** Who may send which message type to whom. The hub itself is the recipient of consent messages. */
public final class MessageRules {

    /** The kinds of partner that may send a type, and the kinds it may be addressed to. */
    public record Rule(Set<PartnerKind> senders, Set<PartnerKind> recipients, boolean toHub) {}

    private static final Set<PartnerKind> ALL = EnumSet.allOf(PartnerKind.class);

    private static final Map<MessageType, Rule> RULES = Map.of(
            MessageType.NOTIFICATION, new Rule(EnumSet.noneOf(PartnerKind.class), ALL, false),
            MessageType.TRANSFER_DOSSIER, new Rule(EnumSet.of(PartnerKind.VO), EnumSet.of(PartnerKind.MBO, PartnerKind.VO), false),
            MessageType.APPLICATION_STATUS, new Rule(EnumSet.of(PartnerKind.MBO), EnumSet.of(PartnerKind.VO, PartnerKind.GEMEENTE), false),
            MessageType.ENROLMENT_NOTICE, new Rule(EnumSet.of(PartnerKind.VO, PartnerKind.MBO), EnumSet.of(PartnerKind.GEMEENTE), false),
            MessageType.EXPECTED_TRANSFER, new Rule(EnumSet.of(PartnerKind.VO), EnumSet.of(PartnerKind.GEMEENTE), false),
            MessageType.ACKNOWLEDGEMENT, new Rule(ALL, ALL, false),
            MessageType.CONSENT, new Rule(EnumSet.of(PartnerKind.VO), EnumSet.noneOf(PartnerKind.class), true));

    /**
     * The absence family: a school (VO or MBO) reports to, and withdraws a report from, a gemeente; the gemeente
     * answers the school with follow-ups. Both follow-ups and withdrawals must relate to a report between the two.
     */
    private static final Map<MessageType, Rule> ABSENCE_RULES = Map.of(
            MessageType.ABSENCE_REPORT, new Rule(EnumSet.of(PartnerKind.VO, PartnerKind.MBO), EnumSet.of(PartnerKind.GEMEENTE), false),
            MessageType.ABSENCE_FOLLOW_UP, new Rule(EnumSet.of(PartnerKind.GEMEENTE), EnumSet.of(PartnerKind.VO, PartnerKind.MBO), false),
            MessageType.ABSENCE_WITHDRAWAL, new Rule(EnumSet.of(PartnerKind.VO, PartnerKind.MBO), EnumSet.of(PartnerKind.GEMEENTE), false));

    private MessageRules() {}

    public static Rule of(MessageType type) {
        Rule rule = RULES.get(type);
        return rule != null ? rule : ABSENCE_RULES.get(type);
    }
}
