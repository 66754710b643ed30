package nl.ketenhub.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every table belongs to one package, and only that package's SQL reads or writes it. Another package asks the owner
 * through its methods (or a port the owner implements), so a rule about a table's rows (what "overdue" means, which
 * deliveries count as made) is written once, where the table is, and no package depends on another one's columns
 * behind the compiler's back.
 */
class TableOwnershipTest {

    private static final Path ROOT = Paths.get("").toAbsolutePath();
    private static final Path MAIN = ROOT.resolve("src/main/java/nl/ketenhub");

    /** Each table's owning package (directly under nl.ketenhub). */
    private static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("message", "ledger"), Map.entry("message_body", "ledger"), Map.entry("message_event", "ledger"),
            Map.entry("delivery", "ledger"),
            Map.entry("parked_delivery", "delivery"),
            // Camel's JDBC idempotent repository of the CSV inbox (Camel writes it; no SQL of ours)
            Map.entry("camel_messageprocessed", "csv"),
            Map.entry("transfer", "tracking"), Map.entry("transfer_event", "tracking"),
            Map.entry("transfer_message", "tracking"), Map.entry("transfer_pending", "tracking"),
            Map.entry("transfer_student", "tracking"), Map.entry("transfer_student_lock", "tracking"),
            Map.entry("consent", "consent"), Map.entry("consent_decision", "consent"), Map.entry("held_part", "consent"),
            Map.entry("absence_report", "absence"), Map.entry("absence_event", "absence"),
            Map.entry("partner", "partner"), Map.entry("partner_function_endpoint", "partner"),
            Map.entry("app_user", "security"),
            Map.entry("audit_log", "audit"), Map.entry("intake_rejection", "audit"),
            Map.entry("csv_outbox", "csv"));

    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)create table (?:if not exists )?([a-z_]+)");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern TABLE_REFERENCE = Pattern.compile("(?i)\\b(?:from|join|into|update|table)\\s+([a-z_]+)\\b");

    @Test
    void everyTableHasAnOwner() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("src/main/resources/db/migration"))) {
            for (Path f : files.toList()) {
                Matcher m = CREATE_TABLE.matcher(Files.readString(f));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase());
                }
            }
        }
        assertThat(tables).as("tables the migrations create").isNotEmpty();
        assertThat(OWNER.keySet()).as("give a new table its owning package here").containsAll(tables);
    }

    @Test
    void onlyTheOwningPackageWritesSqlAboutATable() throws IOException {
        List<String> trespasses = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path relative = MAIN.relativize(f);
                if (relative.getNameCount() < 2) {
                    continue;
                }
                String pkg = relative.getName(0).toString();
                Matcher literal = STRING_LITERAL.matcher(Files.readString(f));
                while (literal.find()) {
                    Matcher table = TABLE_REFERENCE.matcher(literal.group(1));
                    while (table.find()) {
                        String name = table.group(1).toLowerCase();
                        String owner = OWNER.get(name);
                        if (owner != null && !owner.equals(pkg)) {
                            trespasses.add(relative + ": " + name + " (owned by " + owner + ")");
                        }
                    }
                }
            }
        }
        assertThat(trespasses).as("SQL about another package's table").isEmpty();
    }
}
