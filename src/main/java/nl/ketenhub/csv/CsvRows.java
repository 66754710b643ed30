package nl.ketenhub.csv;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The CSV rows of one gated canonical envelope, in the column order of {@link CsvColumns}. */
final class CsvRows {

    private CsvRows() {}

    static List<List<String>> of(String kind, JsonNode e) {
        JsonNode p = e.path("payload");
        String id = e.path("messageId").asText();
        String sender = e.path("sender").asText();
        List<List<String>> rows = new ArrayList<>();
        switch (kind) {
            case "enrolment-notices" -> rows.add(List.of(id, sender, t(p, "kind"), t(p, "effectiveDate"),
                    t(p.path("student"), "bsn"), t(p.path("student"), "onderwijsnummer"), t(p.path("student"), "birthDate"),
                    t(p.path("student"), "gemeentecode"), t(p.path("student"), "hasStartkwalificatie"),
                    t(p.path("school"), "brin"), t(p.path("school"), "vestigingscode"), t(p.path("school"), "name"),
                    t(p, "schoolYear"), t(p.path("destination"), "brin"), t(p.path("destination"), "name")));
            case "application-statuses" -> rows.add(List.of(id, sender, t(p, "status"), t(p, "statusDate"),
                    t(p.path("student"), "bsn"), t(p.path("student"), "onderwijsnummer"), t(p.path("student"), "birthDate"),
                    t(p.path("student"), "gemeentecode"), t(p.path("student"), "hasStartkwalificatie"), t(p, "schoolYear"),
                    t(p.path("mboSchool"), "brin"), t(p.path("mboSchool"), "name"), t(p.path("voSchool"), "brin"),
                    t(p.path("voSchool"), "name")));
            case "expected-transfers" -> {
                for (JsonNode l : p.path("leavers")) {
                    rows.add(List.of(id, sender, t(p, "schoolYear"), t(p.path("voSchool"), "brin"), t(p.path("voSchool"), "name"),
                            t(l.path("student"), "bsn"), t(l.path("student"), "onderwijsnummer"), t(l.path("student"), "birthDate"),
                            t(l.path("student"), "gemeentecode"), t(l.path("student"), "hasStartkwalificatie"),
                            t(l, "expectedLeavingDate"), t(l.path("mboSchool"), "brin"), t(l.path("mboSchool"), "name")));
                }
            }
            case "notifications" -> rows.add(List.of(id, t(p, "kind"), t(p, "text"), t(p.path("student"), "bsn"),
                    t(p.path("student"), "onderwijsnummer"), t(p.path("student"), "birthDate"),
                    t(p.path("student"), "gemeentecode"), t(p, "schoolYear"), t(p.path("voSchool"), "brin"),
                    t(p.path("mboSchool"), "brin"), t(p, "state"), t(p, "dueDate"), t(p, "relatesToMessageId")));
            default -> throw new IllegalArgumentException("no columns for " + kind);
        }
        return rows;
    }

    private static String t(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }
}
