package nl.ketenhub.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import nl.ketenhub.canonical.CanonicalValidator;
import nl.ketenhub.canonical.Hashes;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.intake.IntakeOutcome;
import nl.ketenhub.intake.IntakeService;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerRepository;
import nl.ketenhub.partner.PartnerService;
import org.apache.camel.Exchange;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The CSV file edge, called by {@code csv-intake} for each file dropped in {@code <inbox>/<sender OIN>/}: the sender
 * is the partner the directory belongs to. Expected transfers are checked line by line; good lines are grouped per
 * gemeente of residence (the gemeente partner with the student's gemeentecode) and school year and submitted through
 * the intake; bad lines are listed with their line number and reason in {@code <name>.errors.csv} beside the file in
 * done/ (some lines processed) or failed/ (none).
 */
@Component("csvIntake")
public class CsvIntake {

    private static final Logger log = LoggerFactory.getLogger(CsvIntake.class);
    private static final int MAX_LEAVERS = 1000;

    private final IntakeService intake;
    private final PartnerService partners;
    private final PartnerRepository directory;
    private final CanonicalValidator validator;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final AbsenceCsvIntake absence;

    public CsvIntake(IntakeService intake, PartnerService partners, PartnerRepository directory, CanonicalValidator validator,
            ObjectMapper mapper, Clock clock, AbsenceCsvIntake absence) {
        this.absence = absence;
        this.intake = intake;
        this.partners = partners;
        this.directory = directory;
        this.validator = validator;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** One line the hub could not take, by its line number in the file (the header is line 1). */
    record LineError(long line, String reason) {}

    public void process(Exchange exchange) throws IOException {
        Path file = Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class));
        byte[] bytes = Files.readAllBytes(file);
        String senderOin = file.getParent().getFileName().toString();
        String name = file.getFileName().toString();
        List<LineError> errors = new ArrayList<>();
        int processed = 0;
        Optional<Partner> sender = partners.find(senderOin).filter(Partner::enabled);
        if (sender.isEmpty()) {
            errors.add(new LineError(0, "directory " + senderOin + " belongs to no registered, enabled partner"));
        } else if (AbsenceCsvIntake.handles(name)) {
            processed = absence.followUps(sender.get(), bytes, errors);
        } else {
            processed = expectedTransfers(sender.get(), bytes, errors);
        }
        Path target = file.getParent().resolve(processed > 0 ? "done" : "failed");
        if (!errors.isEmpty()) {
            Files.createDirectories(target);
            Path errorFile = target.resolve(name.replaceFirst("(?i)\\.csv$", "") + ".errors.csv");
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("line", "reason"));
            errors.stream().sorted(java.util.Comparator.comparingLong(LineError::line))
                    .forEach(e -> rows.add(List.of(String.valueOf(e.line()), e.reason())));
            Files.writeString(errorFile, CsvOutbox.lines(rows), StandardCharsets.UTF_8);
        }
        log.info("csv file {} from {}: {} line(s) processed, {} refused", name, senderOin, processed, errors.size());
        if (processed == 0) {
            throw new CsvFileRefusedException("no line of " + name + " could be processed; see " + target.resolve(name));
        }
    }

    private int expectedTransfers(Partner sender, byte[] bytes, List<LineError> errors) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(bytes, StandardCharsets.UTF_8)), format)) {
            if (!parser.getHeaderNames().equals(CsvColumns.EXPECTED_TRANSFERS_IN)) {
                errors.add(new LineError(1, "the header row must be exactly: " + String.join(",", CsvColumns.EXPECTED_TRANSFERS_IN)));
                return 0;
            }
            records = parser.getRecords();
        } catch (IOException | RuntimeException e) {
            errors.add(new LineError(1, "not a readable CSV file (RFC 4180, UTF-8, comma-separated)"));
            return 0;
        }
        record Good(long line, String gemeente, String schoolYear, ObjectNode leaver) {}
        List<Good> good = new ArrayList<>();
        for (CSVRecord r : records) {
            long line = r.getRecordNumber() + 1;
            if (!r.isConsistent()) {
                errors.add(new LineError(line, "expected " + CsvColumns.EXPECTED_TRANSFERS_IN.size() + " values, found " + r.size()));
                continue;
            }
            ObjectNode leaver = leaver(r);
            String code = r.get("gemeentecode");
            List<Partner> gemeenten = code.isEmpty() ? List.of() : directory.findGemeente(code);
            if (gemeenten.isEmpty()) {
                errors.add(new LineError(line, "no gemeente partner is registered for gemeentecode '" + code + "'"));
                continue;
            }
            ObjectNode check = envelope(sender, gemeenten.get(0).oin(), "csv-line-check-" + line, r.get("schoolYear"),
                    mapper.createArrayNode().add(leaver));
            List<Violation> violations = validator.validate(check);
            if (!violations.isEmpty()) {
                errors.add(new LineError(line, violations.stream().map(v -> column(v.pointer()) + ": " + v.message())
                        .collect(Collectors.joining("; "))));
                continue;
            }
            good.add(new Good(line, gemeenten.get(0).oin(), r.get("schoolYear"), leaver));
        }
        String fileHash = Hashes.sha256(new String(bytes, StandardCharsets.UTF_8));
        Map<String, List<Good>> groups = new LinkedHashMap<>();
        good.forEach(g -> groups.computeIfAbsent(g.gemeente() + "|" + g.schoolYear(), k -> new ArrayList<>()).add(g));
        int processed = 0;
        for (Map.Entry<String, List<Good>> group : groups.entrySet()) {
            List<Good> lines = group.getValue();
            for (int from = 0; from < lines.size(); from += MAX_LEAVERS) {
                List<Good> chunk = lines.subList(from, Math.min(lines.size(), from + MAX_LEAVERS));
                ArrayNode leavers = mapper.createArrayNode();
                chunk.forEach(g -> leavers.add(g.leaver()));
                String messageId = "csv-" + Hashes.sha256(sender.oin() + "|" + fileHash + "|" + group.getKey() + "|" + from)
                        .substring(0, 40);
                ObjectNode e = envelope(sender, chunk.get(0).gemeente(), messageId, chunk.get(0).schoolYear(), leavers);
                IntakeOutcome outcome = intake.submit(Channel.FILE, sender, e, write(e),
                        write(e).getBytes(StandardCharsets.UTF_8), true);
                if (outcome instanceof IntakeOutcome.Rejected rejected) {
                    chunk.forEach(g -> errors.add(new LineError(g.line(), rejected.type() + ": " + rejected.detail())));
                } else {
                    processed += chunk.size();
                }
            }
        }
        return processed;
    }

    private ObjectNode leaver(CSVRecord r) {
        ObjectNode l = mapper.createObjectNode();
        ObjectNode student = l.putObject("student");
        put(student, "bsn", r.get("bsn"));
        put(student, "onderwijsnummer", r.get("onderwijsnummer"));
        put(student, "birthDate", r.get("birthDate"));
        put(student, "gemeentecode", r.get("gemeentecode"));
        if (!r.get("hasStartkwalificatie").isEmpty()) {
            student.put("hasStartkwalificatie", Boolean.parseBoolean(r.get("hasStartkwalificatie")));
        }
        put(l, "expectedLeavingDate", r.get("expectedLeavingDate"));
        if (!r.get("mboBrin").isEmpty()) {
            ObjectNode mbo = l.putObject("mboSchool");
            mbo.put("brin", r.get("mboBrin"));
            put(mbo, "name", r.get("mboName"));
        }
        if (!r.get("crebo").isEmpty()) {
            l.putObject("programme").put("crebo", r.get("crebo"));
        }
        return l;
    }

    private ObjectNode envelope(Partner sender, String recipient, String messageId, String schoolYear, ArrayNode leavers) {
        ObjectNode e = mapper.createObjectNode();
        e.put("messageId", messageId);
        e.put("type", "expected-transfer");
        e.put("sender", sender.oin());
        e.put("recipient", recipient);
        e.put("sentAt", clock.instant().toString());
        ObjectNode p = e.putObject("payload");
        put(p, "schoolYear", schoolYear);
        ObjectNode vo = p.putObject("voSchool");
        vo.put("brin", sender.brin() == null ? "" : sender.brin());
        vo.put("name", sender.name());
        vo.put("oin", sender.oin());
        p.set("leavers", leavers);
        return e;
    }

    /** The CSV column a canonical pointer points at (the sender knows columns, not JSON). */
    private static String column(String pointer) {
        String last = pointer.substring(pointer.lastIndexOf('/') + 1);
        Map<String, String> names = new TreeMap<>(Map.of("brin", "mboBrin", "name", "mboName", "crebo", "crebo"));
        if (pointer.contains("/mboSchool/") || pointer.contains("/programme/")) {
            return names.getOrDefault(last, last);
        }
        return last.isEmpty() || last.matches("[0-9]+") ? "line" : last;
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
