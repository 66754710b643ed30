package nl.ketenhub.delivery;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.partner.TransferKind;

/**
 * The gate's decision for one delivery: per category, forward, hold or drop, under which policy version.
 *
 * @param categories empty for messages that carry no dossier sections
 */
public record GateDecision(TransferKind transferKind, String policyVersion, List<CategoryDecision> categories) {

    public Set<DataCategory> forwarded() {
        return having(CategoryDecision.Outcome.FORWARD);
    }

    public Set<DataCategory> held() {
        return having(CategoryDecision.Outcome.HOLD);
    }

    public Set<DataCategory> dropped() {
        return having(CategoryDecision.Outcome.DROP);
    }

    private Set<DataCategory> having(CategoryDecision.Outcome outcome) {
        return categories.stream().filter(c -> c.outcome() == outcome).map(CategoryDecision::category)
                .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(DataCategory.class)));
    }
}
