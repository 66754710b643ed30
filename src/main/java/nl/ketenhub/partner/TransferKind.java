package nl.ketenhub.partner;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The kinds of transfer the consent policy distinguishes, named by the kinds of partner that send and receive. */
public enum TransferKind {
    VO_MBO("vo-mbo"),
    VO_VO("vo-vo"),
    TO_GEMEENTE("to-gemeente"),
    /**
     * The absence family between a school and a gemeente (reports, withdrawals, follow-ups): identity and attendance
     * on the legal basis of the Leerplichtwet; nothing of a transfer dossier.
     */
    ABSENCE("absence"),
    /** Everything else (statuses and acknowledgements between schools): carries no dossier categories. */
    OTHER("other");

    private final String wireName;

    TransferKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static TransferKind fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown transfer kind '" + name
                        + "' (vo-mbo, vo-vo, to-gemeente, absence)"));
    }

    /** @param sender null when the hub itself is the sender */
    public static TransferKind of(PartnerKind sender, PartnerKind recipient) {
        if (recipient == PartnerKind.GEMEENTE) {
            return TO_GEMEENTE;
        }
        if (sender == PartnerKind.VO && recipient == PartnerKind.MBO) {
            return VO_MBO;
        }
        if (sender == PartnerKind.VO && recipient == PartnerKind.VO) {
            return VO_VO;
        }
        return OTHER;
    }
}
