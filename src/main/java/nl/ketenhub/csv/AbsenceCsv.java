package nl.ketenhub.csv;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The absence family on the file channel: the columns of the files a gemeente receives (absence reports and their
 * withdrawals, one row each) and of the follow-up files it drops (connectors/csv-file/README.md).
 */
public final class AbsenceCsv {

    /** Outbound: absence reports (one row per report). actionsTaken is "action:date" pairs separated by ";". */
    public static final List<String> REPORTS = List.of("messageId", "sender", "kind", "function", "bsn", "onderwijsnummer",
            "birthDate", "gemeentecode", "hasStartkwalificatie", "schoolBrin", "schoolVestigingscode", "schoolName",
            "schoolYear", "periodStart", "periodEnd", "thresholdReachedOn", "hoursMissed", "lessonsMissed",
            "actionsTaken", "contactName", "contactRole", "contactPhone", "contactEmail", "note");

    /** Outbound: withdrawals of reports made in error (relatesTo: the report's messageId). */
    public static final List<String> WITHDRAWALS = List.of("messageId", "sender", "relatesTo", "bsn", "onderwijsnummer",
            "birthDate", "gemeentecode", "withdrawnOn", "reason");

    /** Inbound from a gemeente: follow-ups of reports it received (relatesTo: the report's messageId). */
    public static final List<String> FOLLOW_UPS_IN = List.of("relatesTo", "bsn", "onderwijsnummer", "birthDate",
            "gemeentecode", "status", "statusDate", "code", "note");

    /** The name an inbound follow-up file starts with. */
    public static final String FOLLOW_UPS_IN_PREFIX = "absence-follow-ups";

    /** File kind per message type. */
    public static final Map<String, String> KIND_BY_TYPE = Map.of(
            "absence-report", "absence-reports",
            "absence-withdrawal", "absence-withdrawals");

    /** Columns per outbound file kind. */
    public static final Map<String, List<String>> OUTBOUND = Map.of(
            "absence-reports", REPORTS,
            "absence-withdrawals", WITHDRAWALS);

    private AbsenceCsv() {}

    static boolean handles(String kind) {
        return OUTBOUND.containsKey(kind);
    }

    static List<List<String>> rows(String kind, JsonNode e) {
        JsonNode p = e.path("payload");
        JsonNode s = p.path("student");
        String id = e.path("messageId").asText();
        String sender = e.path("sender").asText();
        List<List<String>> rows = new ArrayList<>();
        if (kind.equals("absence-reports")) {
            List<String> actions = new ArrayList<>();
            p.path("actionsTaken").forEach(a -> actions.add(t(a, "action") + ":" + t(a, "date")));
            rows.add(List.of(id, sender, t(p, "kind"), t(p, "function"), t(s, "bsn"), t(s, "onderwijsnummer"),
                    t(s, "birthDate"), t(s, "gemeentecode"), t(s, "hasStartkwalificatie"), t(p.path("school"), "brin"),
                    t(p.path("school"), "vestigingscode"), t(p.path("school"), "name"), t(p, "schoolYear"),
                    t(p.path("period"), "startDate"), t(p.path("period"), "endDate"),
                    t(p.path("period"), "thresholdReachedOn"), t(p, "hoursMissed"), t(p, "lessonsMissed"),
                    actions.stream().collect(Collectors.joining(";")), t(p.path("contact"), "name"),
                    t(p.path("contact"), "role"), t(p.path("contact"), "phone"), t(p.path("contact"), "email"),
                    t(p, "note")));
        } else if (kind.equals("absence-withdrawals")) {
            rows.add(List.of(id, sender, e.path("relatesTo").asText(), t(s, "bsn"), t(s, "onderwijsnummer"),
                    t(s, "birthDate"), t(s, "gemeentecode"), t(p, "withdrawnOn"), t(p, "reason")));
        } else {
            throw new IllegalArgumentException("no absence columns for " + kind);
        }
        return rows;
    }

    private static String t(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }
}
