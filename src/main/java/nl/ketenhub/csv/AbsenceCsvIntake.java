package nl.ketenhub.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.ketenhub.canonical.Hashes;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.intake.IntakeService;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageRecord;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.web.IntakeOutcome;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;

/**
 * Absence follow-ups a gemeente drops as a CSV file ({@code absence-follow-ups*.csv} in its inbox directory): one
 * follow-up per line, addressed to the school that sent the report named in relatesTo, each submitted through the
 * intake like any other message. A bad line is reported with its number and reason; the others go.
 */
@Component
public class AbsenceCsvIntake {

    private final IntakeService intake;
    private final MessageLedger ledger;
    private final ObjectMapper mapper;
    private final Clock clock;

    public AbsenceCsvIntake(IntakeService intake, MessageLedger ledger, ObjectMapper mapper, Clock clock) {
        this.intake = intake;
        this.ledger = ledger;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Whether a dropped file holds absence follow-ups (by its name). */
    public static boolean handles(String fileName) {
        return fileName.toLowerCase(java.util.Locale.ROOT).startsWith(AbsenceCsv.FOLLOW_UPS_IN_PREFIX);
    }

    /** @return the number of lines submitted */
    int followUps(Partner sender, byte[] bytes, List<CsvIntake.LineError> errors) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(bytes, StandardCharsets.UTF_8)), format)) {
            if (!parser.getHeaderNames().equals(AbsenceCsv.FOLLOW_UPS_IN)) {
                errors.add(new CsvIntake.LineError(1, "the header row must be exactly: "
                        + String.join(",", AbsenceCsv.FOLLOW_UPS_IN)));
                return 0;
            }
            records = parser.getRecords();
        } catch (IOException | RuntimeException e) {
            errors.add(new CsvIntake.LineError(1, "not a readable CSV file (RFC 4180, UTF-8, comma-separated)"));
            return 0;
        }
        String fileHash = Hashes.sha256(new String(bytes, StandardCharsets.UTF_8));
        int processed = 0;
        for (CSVRecord r : records) {
            long line = r.getRecordNumber() + 1;
            if (!r.isConsistent()) {
                errors.add(new CsvIntake.LineError(line, "expected " + AbsenceCsv.FOLLOW_UPS_IN.size() + " values, found "
                        + r.size()));
                continue;
            }
            Optional<MessageRecord> report = r.get("relatesTo").isEmpty() ? Optional.empty()
                    : ledger.findReceived(r.get("relatesTo"), sender.oin())
                            .filter(m -> MessageType.ABSENCE_REPORT.wireName().equals(m.type()));
            if (report.isEmpty()) {
                errors.add(new CsvIntake.LineError(line, "relatesTo: names no absence report this gemeente received"));
                continue;
            }
            ObjectNode e = envelope(sender, report.get(), r, "csv-" + Hashes.sha256(sender.oin() + "|" + fileHash + "|"
                    + line).substring(0, 40));
            String json = write(e);
            IntakeOutcome outcome = intake.submit(Channel.FILE, sender, e, json, json.getBytes(StandardCharsets.UTF_8), true);
            if (outcome instanceof IntakeOutcome.Rejected rejected) {
                errors.add(new CsvIntake.LineError(line, rejected.violations().isEmpty() ? rejected.type() + ": "
                        + rejected.detail() : rejected.violations().stream()
                        .map(v -> column(v.pointer()) + ": " + v.message()).collect(Collectors.joining("; "))));
            } else {
                processed++;
            }
        }
        return processed;
    }

    private ObjectNode envelope(Partner sender, MessageRecord report, CSVRecord r, String messageId) {
        ObjectNode e = mapper.createObjectNode();
        e.put("messageId", messageId);
        e.put("type", MessageType.ABSENCE_FOLLOW_UP.wireName());
        e.put("sender", sender.oin());
        e.put("recipient", report.sender());
        e.put("sentAt", clock.instant().toString());
        e.put("relatesTo", report.messageId());
        ObjectNode p = e.putObject("payload");
        ObjectNode student = p.putObject("student");
        put(student, "bsn", r.get("bsn"));
        put(student, "onderwijsnummer", r.get("onderwijsnummer"));
        put(student, "birthDate", r.get("birthDate"));
        put(student, "gemeentecode", r.get("gemeentecode"));
        put(p, "status", r.get("status"));
        put(p, "statusDate", r.get("statusDate"));
        put(p, "code", r.get("code"));
        put(p, "note", r.get("note"));
        return e;
    }

    /** The CSV column a canonical pointer points at. */
    private static String column(String pointer) {
        String last = pointer.substring(pointer.lastIndexOf('/') + 1);
        return last.isEmpty() || last.equals("payload") || last.equals("student") ? "line" : last;
    }

    private static void put(ObjectNode n, String field, String value) {
        if (value != null && !value.isEmpty()) {
            n.put(field, value);
        }
    }

    private String write(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
