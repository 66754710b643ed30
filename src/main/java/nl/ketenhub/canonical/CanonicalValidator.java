package nl.ketenhub.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Validates canonical envelopes against the JSON Schemas under {@code schemas/canonical/v1} (the single source of
 * what is valid), then checks what a schema cannot express: dates in a plausible range and in the right order.
 * Every violation comes back at once, each with its JSON pointer.
 */
@Component
public class CanonicalValidator {

    public static final String SCHEMA_BASE = "https://ketenhub.nl/schemas/";
    public static final String ENVELOPE_SCHEMA = SCHEMA_BASE + "canonical/v1/envelope.schema.json";

    private final JsonSchema envelopeSchema;
    private final java.util.Map<MessageType, JsonSchema> payloadSchemas = new java.util.EnumMap<>(MessageType.class);
    private final Clock clock;

    public CanonicalValidator(Clock clock) {
        this.clock = clock;
        JsonMetaSchema metaSchema = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .formats(IdentifierFormats.all())
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012))
                .metaSchema(metaSchema)
                .schemaMappers(m -> m.mapPrefix(SCHEMA_BASE, "classpath:schemas/"))
                .build();
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_POINTER)
                .errorMessageKeyword("errorMessage")
                .build();
        this.envelopeSchema = factory.getSchema(SchemaLocation.of(ENVELOPE_SCHEMA), config);
        this.envelopeSchema.initializeValidators();
        for (MessageType type : MessageType.values()) {
            JsonSchema schema = factory.getSchema(
                    SchemaLocation.of(SCHEMA_BASE + "canonical/v1/" + type.wireName() + ".schema.json"), config);
            schema.initializeValidators();
            payloadSchemas.put(type, schema);
        }
    }

    /** All violations of one envelope, schema first; an empty list means valid. */
    public List<Violation> validate(JsonNode envelope) {
        Set<ValidationMessage> messages = envelopeSchema.validate(envelope);
        List<Violation> violations = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ValidationMessage m : messages) {
            if (isBranchDetail(m)) {
                continue;
            }
            Violation v = toViolation(m);
            if (seen.add(v.pointer() + "|" + v.message())) {
                violations.add(v);
            }
        }
        if (violations.isEmpty()) {
            violations.addAll(checkDates(envelope));
        }
        violations.sort(Comparator.comparing(Violation::pointer).thenComparing(Violation::message));
        return violations;
    }

    /** All violations of a bare payload of the given type (pointers relative to the payload). */
    public List<Violation> validatePayload(MessageType type, JsonNode payload) {
        List<Violation> violations = new ArrayList<>();
        for (ValidationMessage m : payloadSchemas.get(type).validate(payload)) {
            if (!isBranchDetail(m)) {
                violations.add(toViolation(m));
            }
        }
        if (violations.isEmpty()) {
            walkDates(payload, "", LocalDate.now(clock), violations);
            if (type == MessageType.ABSENCE_REPORT && violations.isEmpty()) {
                AbsenceChecks.check(payload, "", violations);
            }
        }
        violations.sort(Comparator.comparing(Violation::pointer).thenComparing(Violation::message));
        return violations;
    }

    /** Validates a document given as text; a parse failure is itself a violation at the root. */
    public List<Violation> validate(String json, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        try {
            return validate(mapper.readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of(new Violation("", "not well-formed JSON: " + e.getOriginalMessage()));
        }
    }

    /**
     * Failures inside the branches of a oneOf/anyOf/not only explain why a branch did not match; the keyword's own
     * message (worded in the schema's errorMessage) says what the sender must do.
     */
    private static boolean isBranchDetail(ValidationMessage m) {
        String path = m.getEvaluationPath() == null ? "" : m.getEvaluationPath().toString();
        return path.contains("/oneOf/") || path.contains("/anyOf/") || path.endsWith("/not") || path.contains("/not/");
    }

    private static Violation toViolation(ValidationMessage m) {
        String pointer = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
        String type = m.getType();
        if (("required".equals(type) || "additionalProperties".equals(type) || "dependentRequired".equals(type))
                && m.getProperty() != null) {
            pointer = pointer + "/" + m.getProperty();
        }
        String message = m.getMessage();
        if ("format".equals(type) && m.getInstanceNode() != null && m.getInstanceNode().isTextual()) {
            String format = formatName(m);
            var check = IdentifierFormats.CHECKS.get(format);
            if (check != null) {
                message = check.apply(m.getInstanceNode().asText()).orElse(message);
            }
        }
        if ("format".equals(type) && "date".equals(formatName(m))) {
            message = "must be a date written as YYYY-MM-DD";
        } else if ("format".equals(type) && "date-time".equals(formatName(m))) {
            message = "must be an RFC 3339 date-time with offset, e.g. 2027-03-15T09:30:00Z";
        }
        if ("additionalProperties".equals(type)) {
            message = "unknown member: the schema allows no member named '" + m.getProperty() + "' here";
        } else if ("required".equals(type)) {
            message = "required member '" + m.getProperty() + "' is missing";
        } else if ("const".equals(type) || "enum".equals(type)) {
            message = message.substring(message.indexOf(':') + 1).trim();
        } else {
            int colon = message.indexOf(": ");
            if (colon >= 0 && message.startsWith(pointer.isEmpty() ? "" : m.getInstanceLocation().toString())) {
                message = message.substring(colon + 2);
            }
        }
        return new Violation(pointer, message);
    }

    private static String formatName(ValidationMessage m) {
        JsonNode schemaNode = m.getSchemaNode();
        if (schemaNode != null && schemaNode.isTextual()) {
            return schemaNode.asText();
        }
        Object[] args = m.getArguments();
        return args != null && args.length > 0 ? String.valueOf(args[0]) : "";
    }

    private List<Violation> checkDates(JsonNode envelope) {
        List<Violation> out = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        String sentAt = envelope.path("sentAt").asText();
        try {
            OffsetDateTime sent = OffsetDateTime.parse(sentAt);
            if (sent.toInstant().isAfter(clock.instant().plusSeconds(300))) {
                out.add(new Violation("/sentAt", "sentAt lies in the future (more than 5 minutes past the hub's clock)"));
            }
        } catch (DateTimeParseException e) {
            out.add(new Violation("/sentAt", "sentAt is not an RFC 3339 date-time"));
        }
        if (envelope.path("sender").asText().equals(envelope.path("recipient").asText())) {
            out.add(new Violation("/recipient", "recipient must differ from sender"));
        }
        walkDates(envelope.path("payload"), "/payload", today, out);
        if (MessageType.ABSENCE_REPORT.wireName().equals(envelope.path("type").asText()) && out.isEmpty()) {
            AbsenceChecks.check(envelope.path("payload"), "/payload", out);
        }
        return out;
    }

    /**
     * Where a node lies, as a JSON pointer built only when a violation names it: a dossier has thousands of nodes and
     * nearly all of them are fine.
     */
    private record Where(Where parent, String key, int index) {

        static Where of(String pointer) {
            return new Where(null, pointer, -1);
        }

        Where member(String name) {
            return new Where(this, name, -1);
        }

        Where item(int i) {
            return new Where(this, null, i);
        }

        String pointer() {
            if (parent == null) {
                return key;
            }
            String step = key == null ? Integer.toString(index) : key.replace("~", "~0").replace("/", "~1");
            return parent.pointer() + "/" + step;
        }
    }

    private static void walkDates(JsonNode node, String pointer, LocalDate today, List<Violation> out) {
        walkDates(node, Where.of(pointer), today, out);
    }

    private static void walkDates(JsonNode node, Where where, LocalDate today, List<Violation> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                boolean birthDate = e.getKey().equals("birthDate") && e.getValue().isTextual();
                if (!birthDate && !e.getValue().isContainerNode()) {
                    return; // any other leaf holds nothing to check
                }
                Where member = where.member(e.getKey());
                if (birthDate) {
                    LocalDate birth = LocalDate.parse(e.getValue().asText());
                    if (birth.isAfter(today)) {
                        out.add(new Violation(member.pointer(), "birthDate lies in the future"));
                    } else if (birth.isBefore(today.minusYears(30))) {
                        out.add(new Violation(member.pointer(),
                                "birthDate makes the student older than 30: not a student the hub serves"));
                    }
                }
                walkDates(e.getValue(), member, today, out);
            });
            checkOrder(node, "startDate", "endDate", where, out);
            checkOrder(node, "validFrom", "validUntil", where, out);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isContainerNode()) { // a scalar item holds nothing to check
                    walkDates(item, where.item(i), today, out);
                }
            }
        }
    }

    private static void checkOrder(JsonNode node, String from, String until, Where where, List<Violation> out) {
        if (node.path(from).isTextual() && node.path(until).isTextual()) {
            LocalDate a = LocalDate.parse(node.get(from).asText());
            LocalDate b = LocalDate.parse(node.get(until).asText());
            if (b.isBefore(a)) {
                out.add(new Violation(where.member(until).pointer(), until + " lies before " + from));
            }
        }
    }
}
