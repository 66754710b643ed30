package nl.ketenhub.consent;

import java.time.Period;
import java.util.EnumMap;
import java.util.Map;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.partner.TransferKind;

/**
 * The consent policy as loaded from configuration: per kind of transfer and per data category, legal basis,
 * consent or never; the age below which a parent or guardian must consent; how long held categories wait.
 *
 * @param version recorded with every decision taken under this policy
 */
public record ConsentPolicy(
        String version,
        int ageOfConsent,
        Period heldExpiry,
        Map<TransferKind, Map<DataCategory, Basis>> rules) {

    public Basis basis(TransferKind kind, DataCategory category) {
        Map<DataCategory, Basis> perCategory = rules.get(kind);
        if (perCategory == null) {
            return Basis.NEVER;
        }
        return perCategory.getOrDefault(category, Basis.NEVER);
    }

    public Map<DataCategory, Basis> rulesFor(TransferKind kind) {
        return rules.getOrDefault(kind, new EnumMap<>(DataCategory.class));
    }
}
