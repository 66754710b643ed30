package nl.ketenhub.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
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
import nl.ketenhub.intake.IntakeService;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerRepository;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.security.InboxAccounts;
import nl.ketenhub.web.IntakeOutcome;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The CSV file edge, called by {@code csv-intake} for each file dropped in {@code <inbox>/<sender OIN>/}: the sender
 * is the partner the directory belongs to, and every message made of the file speaks for that partner alone (its
 * sender, and the VO school of an expected transfer, are that partner; no column names another); where the partner
 * has an inbox account, the file must be owned by it ({@link InboxAccounts}). Expected transfers are checked line
 * by line; good lines are grouped per gemeente of residence (the gemeente partner with the student's gemeentecode)
 * and school year and submitted through the intake; bad lines are listed with their line number and reason in {@code <name>.errors.csv} beside the file in
 * done/ (some lines processed) or failed/ (none). The file is streamed, up to {@code ketenhub.csv.max-file-bytes};
 * a line that is not UTF-8 or holds a control character is refused with its reason, the rest of the file goes on. A
 * file the hub cannot process at all (too large, unreadable, a failure of the hub's own) goes to failed/ with its
 * error file, and never stops the edge for other files.
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
    private final long maxFileBytes;
    private final InboxAccounts accounts;

    public CsvIntake(IntakeService intake, PartnerService partners, PartnerRepository directory, CanonicalValidator validator,
            ObjectMapper mapper, Clock clock, AbsenceCsvIntake absence, CsvProperties properties, InboxAccounts accounts) {
        this.accounts = accounts;
        this.absence = absence;
        this.maxFileBytes = properties.maxFileBytes().toBytes();
        this.intake = intake;
        this.partners = partners;
        this.directory = directory;
        this.validator = validator;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** One line the hub could not take, by its line number in the file (the header is line 1). */
    record LineError(long line, String reason) {}

    /** Takes one CSV file from a partner's inbox (the file route hands over its path). */
    public void process(@Header(Exchange.FILE_PATH) String path) throws IOException {
        Path file = Path.of(path);
        String senderOin = file.getParent().getFileName().toString();
        String name = file.getFileName().toString();
        List<LineError> errors = new ArrayList<>();
        int processed = 0;
        try {
            long size = Files.size(file);
            Optional<Partner> sender = partners.find(senderOin).filter(Partner::enabled);
            Optional<InboxAccounts.Refused> notWrittenBySender = sender.flatMap(p -> accounts.check(p, file));
            if (sender.isEmpty()) {
                errors.add(new LineError(0, "directory " + senderOin + " belongs to no registered, enabled partner"));
            } else if (notWrittenBySender.isPresent()) {
                InboxAccounts.Refused r = notWrittenBySender.get();
                errors.add(new LineError(0, r.type() + ": " + r.detail()));
                intake.refuse(Channel.FILE, new IntakeOutcome.Rejected(HttpStatus.FORBIDDEN, r.type(),
                        "File not written by the inbox's partner", r.detail() + " (file " + printable(name) + ")",
                        List.of(), null));
            } else if (size > maxFileBytes) {
                errors.add(new LineError(0, "the file is " + size + " bytes; the limit is " + maxFileBytes
                        + " bytes: split it into smaller files"));
            } else if (AbsenceCsvIntake.handles(name)) {
                processed = absence.followUps(sender.get(), Files.readAllBytes(file), errors);
            } else {
                processed = expectedTransfers(sender.get(), file, errors);
            }
        } catch (IOException | RuntimeException e) {
            // the hub's own failure (a read error, the database): the whole file goes to failed/ with its reason
            log.error("csv file {} from {} could not be processed: {}", printable(name), senderOin, e.getClass().getName());
            errors.add(new LineError(0, "the hub could not process this file (" + e.getClass().getSimpleName()
                    + "); lines before this one may have been taken: send the file again, repeated lines are recognised"));
            processed = 0;
        }
        if (processed == 0 && errors.isEmpty()) {
            errors.add(new LineError(0, "the file holds no line to process"));
        }
        Path target = file.getParent().resolve(processed > 0 ? "done" : "failed");
        if (!errors.isEmpty()) {
            writeErrors(target, name, errors);
        }
        log.info("csv file {} from {}: {} line(s) processed, {} refused", printable(name), senderOin, processed,
                errors.size());
        if (processed == 0) {
            throw new CsvFileRefusedException("no line of " + printable(name) + " could be processed; see "
                    + target.resolve(errorFileName(name)));
        }
    }

    /** Writes {@code <name>.errors.csv} into {@code target} (done/ or failed/): every refused line with its reason. */
    static void writeErrors(Path target, String name, List<LineError> errors) throws IOException {
        Files.createDirectories(target);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("line", "reason"));
        errors.stream().sorted(java.util.Comparator.comparingLong(LineError::line))
                .forEach(e -> rows.add(List.of(String.valueOf(e.line()), e.reason())));
        Files.writeString(target.resolve(errorFileName(name)), CsvOutbox.lines(rows), StandardCharsets.UTF_8);
    }

    /** The error file's name: the input's name without .csv plus .errors.csv, shortened to fit a file system's 255 bytes. */
    static String errorFileName(String name) {
        String base = name.replaceFirst("(?i)\\.csv$", "");
        String suffix = ".errors.csv";
        if ((base + suffix).getBytes(StandardCharsets.UTF_8).length <= 255) {
            return base + suffix;
        }
        String hash = Hashes.sha256(name).substring(0, 16);
        StringBuilder kept = new StringBuilder();
        int budget = 255 - suffix.length() - hash.length() - 1;
        int used = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            int bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + bytes > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            used += bytes;
            i += Character.charCount(cp);
        }
        return kept + "-" + hash + suffix;
    }

    /** A file name as it may go into a log line: control characters shown as '?'. */
    static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }

    /**
     * Streams a CSV file of expected transfers: checks the header, then hands on every line that has all its values
     * and is readable text, with its line number; refuses the others in {@code errors}. A malformed UTF-8 sequence
     * becomes U+FFFD, which refuses its line, never the whole file.
     *
     * @return false when the file as a whole cannot be read (its header, a broken quote)
     */
    static boolean scan(InputStream in, List<LineError> errors, java.util.function.BiConsumer<Long, CSVRecord> lines)
            throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (Reader reader = withoutByteOrderMark(new InputStreamReader(in, StandardCharsets.UTF_8));
                CSVParser parser = CSVParser.parse(reader, format)) {
            if (!parser.getHeaderNames().equals(CsvColumns.EXPECTED_TRANSFERS_IN)) {
                errors.add(new LineError(1, "the header row must be exactly: " + String.join(",", CsvColumns.EXPECTED_TRANSFERS_IN)));
                return false;
            }
            for (CSVRecord r : parser) {
                long line = r.getRecordNumber() + 1;
                if (!r.isConsistent()) {
                    errors.add(new LineError(line, "expected " + CsvColumns.EXPECTED_TRANSFERS_IN.size() + " values, found " + r.size()));
                    continue;
                }
                String unreadable = unreadable(r);
                if (unreadable != null) {
                    errors.add(new LineError(line, unreadable));
                    continue;
                }
                lines.accept(line, r);
            }
            return true;
        } catch (org.apache.commons.csv.CSVException | java.io.UncheckedIOException | IllegalStateException
                | IllegalArgumentException e) {
            // how commons-csv reports a broken quote or a header it cannot read
            if (e instanceof java.io.UncheckedIOException u && !(u.getCause() instanceof org.apache.commons.csv.CSVException)) {
                throw u;
            }
            errors.add(new LineError(errors.isEmpty() ? 1 : errors.get(errors.size() - 1).line() + 1,
                    "not a readable CSV file (RFC 4180, UTF-8, comma-separated): " + printable(String.valueOf(e.getMessage()))));
            return false;
        }
    }

    private int expectedTransfers(Partner sender, Path file, List<LineError> errors) throws IOException {
        record Good(long line, String gemeente, String schoolYear, ObjectNode leaver) {}
        List<Good> good = new ArrayList<>();
        MessageDigest digest = sha256();
        boolean readable = scan(new DigestInputStream(Files.newInputStream(file), digest), errors, (line, r) -> {
            ObjectNode leaver = leaver(mapper, r);
            String code = r.get("gemeentecode");
            List<Partner> gemeenten = code.isEmpty() ? List.of() : directory.findGemeente(code);
            if (gemeenten.isEmpty()) {
                errors.add(new LineError(line, "no gemeente partner is registered for gemeentecode '" + code + "'"));
                return;
            }
            ObjectNode check = envelope(sender, gemeenten.get(0).oin(), "csv-line-check-" + line, r.get("schoolYear"),
                    mapper.createArrayNode().add(leaver));
            List<Violation> violations = validator.validate(check);
            if (!violations.isEmpty()) {
                errors.add(new LineError(line, violations.stream().map(v -> column(v.pointer()) + ": " + v.message())
                        .collect(Collectors.joining("; "))));
                return;
            }
            good.add(new Good(line, gemeenten.get(0).oin(), r.get("schoolYear"), leaver));
        });
        if (!readable) {
            return 0;
        }
        String fileHash = java.util.HexFormat.of().formatHex(digest.digest());
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

    /** Why a line cannot be read as text, or null: a malformed UTF-8 sequence or a control character in a value. */
    static String unreadable(CSVRecord r) {
        for (int i = 0; i < r.size(); i++) {
            String value = r.get(i);
            String column = i < CsvColumns.EXPECTED_TRANSFERS_IN.size() ? CsvColumns.EXPECTED_TRANSFERS_IN.get(i) : "#" + (i + 1);
            for (int k = 0; k < value.length(); k++) {
                char c = value.charAt(k);
                if (c == '\uFFFD') {
                    return column + ": not valid UTF-8 (a byte sequence that is no UTF-8 character, e.g. Latin-1 or "
                            + "Windows-1252 text): save the file as UTF-8";
                }
                if (Character.isISOControl(c)) {
                    return column + ": control character " + String.format("U+%04X", (int) c) + " is not allowed";
                }
                if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && k + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(k + 1)))
                        && !(Character.isLowSurrogate(c) && k > 0 && Character.isHighSurrogate(value.charAt(k - 1)))) {
                    return column + ": not valid UTF-8 (a lone surrogate)";
                }
            }
        }
        return null;
    }

    private static Reader withoutByteOrderMark(Reader reader) throws IOException {
        java.io.PushbackReader in = new java.io.PushbackReader(new java.io.BufferedReader(reader), 1);
        int first = in.read();
        if (first != -1 && first != '\uFEFF') {
            in.unread(first);
        }
        return in;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }

    /** The canonical leaver of one line (values as they are; the schema judges them). */
    static ObjectNode leaver(ObjectMapper mapper, CSVRecord r) {
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
