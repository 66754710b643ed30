package nl.ketenhub.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.partner.TransferKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * Loads the consent policy YAML at start-up and refuses to start on any mistake in it: an unknown transfer kind,
 * category or basis, a category left out, or a gemeente rule beyond what a gemeente may ever receive.
 */
@Configuration(proxyBeanMethods = false)
public class ConsentPolicyLoader {

    private static final Logger log = LoggerFactory.getLogger(ConsentPolicyLoader.class);

    @Bean
    ConsentPolicy consentPolicy(ConsentProperties properties) throws IOException {
        Resource resource = properties.policy();
        try (InputStream in = resource.getInputStream()) {
            ConsentPolicy policy = parse(in);
            log.info("consent policy {} loaded from {}", policy.version(), resource.getDescription());
            return policy;
        }
    }

    /** Parses and validates a policy; every problem is listed in the exception. */
    public static ConsentPolicy parse(InputStream yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidPolicyException(List.of("the policy must be a YAML mapping"));
        }
        String version = root.path("version").asText("");
        if (version.isBlank()) {
            problems.add("version: required (it is recorded with every decision)");
        }
        int age = root.path("ageOfConsent").asInt(16);
        if (age < 12 || age > 18) {
            problems.add("ageOfConsent: must lie between 12 and 18, got " + age);
        }
        Period expiry = Period.ofDays(90);
        if (root.has("heldExpiry")) {
            try {
                expiry = Period.parse(root.get("heldExpiry").asText());
                if (expiry.isNegative() || expiry.isZero()) {
                    problems.add("heldExpiry: must be a positive period such as P90D");
                }
            } catch (DateTimeParseException e) {
                problems.add("heldExpiry: not an ISO-8601 period such as P90D");
            }
        }
        Map<TransferKind, Map<DataCategory, Basis>> rules = new EnumMap<>(TransferKind.class);
        JsonNode transfers = root.path("transfers");
        if (!transfers.isObject()) {
            problems.add("transfers: required, a mapping of transfer kind to category rules");
        } else {
            Iterator<Map.Entry<String, JsonNode>> kinds = transfers.fields();
            while (kinds.hasNext()) {
                Map.Entry<String, JsonNode> kindEntry = kinds.next();
                TransferKind kind;
                try {
                    kind = TransferKind.fromWireName(kindEntry.getKey());
                } catch (IllegalArgumentException e) {
                    problems.add("transfers." + kindEntry.getKey() + ": " + e.getMessage());
                    continue;
                }
                Map<DataCategory, Basis> perCategory = new EnumMap<>(DataCategory.class);
                Iterator<Map.Entry<String, JsonNode>> cats = kindEntry.getValue().fields();
                while (cats.hasNext()) {
                    Map.Entry<String, JsonNode> c = cats.next();
                    String where = "transfers." + kindEntry.getKey() + "." + c.getKey();
                    try {
                        perCategory.put(DataCategory.fromWireName(c.getKey()), Basis.fromWireName(c.getValue().asText()));
                    } catch (IllegalArgumentException e) {
                        problems.add(where + ": " + e.getMessage());
                    }
                }
                for (DataCategory category : DataCategory.values()) {
                    if (!perCategory.containsKey(category) && !problems.stream().anyMatch(p -> p.contains("." + category.wireName() + ":"))) {
                        problems.add("transfers." + kindEntry.getKey() + "." + category.wireName()
                                + ": missing (say legal-basis, consent or never for every category)");
                    }
                }
                rules.put(kind, perCategory);
            }
            for (TransferKind required : List.of(TransferKind.VO_MBO, TransferKind.VO_VO, TransferKind.TO_GEMEENTE,
                    TransferKind.ABSENCE)) {
                if (!rules.containsKey(required) && !transfers.has(required.wireName())) {
                    problems.add("transfers." + required.wireName() + ": missing");
                }
            }
            rules.forEach((kind, perCategory) -> {
                Basis identity = perCategory.get(DataCategory.IDENTITY);
                if (identity != null && identity != Basis.LEGAL_BASIS) {
                    problems.add("transfers." + kind.wireName() + ".identity: must be legal-basis (a transfer without the"
                            + " student's identity cannot be received)");
                }
            });
            Map<DataCategory, Basis> gemeente = rules.get(TransferKind.TO_GEMEENTE);
            if (gemeente != null) {
                gemeente.forEach((category, basis) -> {
                    if (category != DataCategory.IDENTITY && basis != Basis.NEVER) {
                        problems.add("transfers.to-gemeente." + category.wireName()
                                + ": a gemeente only ever receives identity, schools, status and dates; must be never");
                    }
                });
            }
            absenceProblems(rules.get(TransferKind.ABSENCE), problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(problems);
        }
        return new ConsentPolicy(version, age, expiry, rules);
    }

    /**
     * Absence data go to the gemeente on the legal basis of the Leerplichtwet: the absence itself (attendance) is
     * legal-basis or never, never subject to consent, and no other category of a dossier ever rides along.
     */
    private static void absenceProblems(Map<DataCategory, Basis> absence, List<String> problems) {
        if (absence == null) {
            return;
        }
        absence.forEach((category, basis) -> {
            if (category == DataCategory.ATTENDANCE && basis == Basis.CONSENT) {
                problems.add("transfers.absence.attendance: absence is reported on the legal basis of the"
                        + " Leerplichtwet, not under consent; must be legal-basis or never");
            } else if (category != DataCategory.IDENTITY && category != DataCategory.ATTENDANCE && basis != Basis.NEVER) {
                problems.add("transfers.absence." + category.wireName() + ": nothing of a transfer dossier rides along"
                        + " with absence data; must be never");
            }
        });
    }

    /** The policy file is wrong; the message lists every problem. */
    public static class InvalidPolicyException extends IllegalStateException {
        public InvalidPolicyException(List<String> problems) {
            super("the consent policy is not valid:\n  - " + String.join("\n  - ", problems));
        }
    }
}
