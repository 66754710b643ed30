package nl.ketenhub.gemeente;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.ketenhub.canonical.Identifiers;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The Dutch gemeenten the hub knows by CBS code and by name: current names, common other spellings ('s-Gravenhage /
 * Den Haag), and the former gemeenten of recent mergers, each leading to the gemeente that absorbed it. Names match
 * without regard to case, diacritics, punctuation and a leading "gemeente". The list is a versioned file (bundled, or
 * the one {@code ketenhub.gemeenten.file} names); see {@code gemeenten/gemeenten.csv} for its form.
 */
public final class Gemeenten {

    /** The bundled list. */
    public static final String BUNDLED = "gemeenten/gemeenten.csv";

    private static final Pattern CODE = Pattern.compile("(?i)(?:GM)?([0-9]{4})");
    private static final Pattern VERSION = Pattern.compile("#\\s*version:\\s*(\\S+).*");

    /** A current gemeente. */
    public record Gemeente(String code, String name) {}

    /** What a name or code in a message leads to. */
    public sealed interface Match permits Found, NotFound {}

    /**
     * A gemeente: {@code how} says how it was found (its code, its name, another spelling, a former gemeente's name
     * or code); {@code name} is null for a well-formed code the list does not hold (codes are taken as given).
     */
    public record Found(Gemeente gemeente, String how) implements Match {}

    /** No single gemeente: {@code problem} is a short code (gemeente-unknown, gemeente-split), {@code detail} a sentence. */
    public record NotFound(String problem, String detail) implements Match {}

    private enum Kind { CURRENT, ALIAS, FORMER, SPLIT }

    private record Entry(String codes, String name, Kind kind, String formerCode, LocalDate since) {}

    private final String version;
    private final String origin;
    private final Map<String, Gemeente> byCode = new LinkedHashMap<>();
    private final Map<String, Entry> byName = new HashMap<>();
    private final Map<String, Entry> byFormerCode = new HashMap<>();

    private Gemeenten(String version, String origin, List<Entry> entries) {
        this.version = version;
        this.origin = origin;
        for (Entry e : entries) {
            if (e.kind() == Kind.CURRENT) {
                if (byCode.putIfAbsent(e.codes(), new Gemeente(e.codes(), e.name())) != null) {
                    throw new IllegalArgumentException(origin + ": code " + e.codes() + " is listed twice as a current gemeente");
                }
            }
        }
        for (Entry e : entries) {
            for (String code : e.codes().split("\\+")) {
                if (!byCode.containsKey(code)) {
                    throw new IllegalArgumentException(origin + ": '" + e.name() + "' leads to " + code
                            + ", which is no current gemeente in the list");
                }
            }
            Entry clash = byName.put(normalise(e.name()), e);
            if (clash != null) {
                throw new IllegalArgumentException(origin + ": '" + e.name() + "' and '" + clash.name()
                        + "' are the same name once case, diacritics and punctuation are ignored");
            }
            if (e.formerCode() != null && byFormerCode.put(e.formerCode(), e) != null) {
                throw new IllegalArgumentException(origin + ": former code " + e.formerCode() + " is listed twice");
            }
            if (e.formerCode() != null && byCode.containsKey(e.formerCode())) {
                throw new IllegalArgumentException(origin + ": former code " + e.formerCode() + " is also a current gemeente");
            }
        }
    }

    /** The list bundled with the hub. */
    public static Gemeenten bundled() {
        try (InputStream in = Gemeenten.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the class path");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A list from a file, in the bundled list's form. */
    public static Gemeenten load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("the gemeente list " + file + " cannot be read", e);
        }
    }

    static Gemeenten read(Reader reader, String origin) throws IOException {
        java.io.StringWriter buffer = new java.io.StringWriter();
        reader.transferTo(buffer);
        String text = buffer.toString();
        String version = text.lines().map(VERSION::matcher).filter(java.util.regex.Matcher::matches).map(m -> m.group(1))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(origin + " has no '# version:' line"));
        List<Entry> entries = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setCommentMarker('#')
                .setIgnoreEmptyLines(true).setTrim(true).get();
        for (CSVRecord r : format.parse(new java.io.StringReader(text))) {
            if (r.size() < 3) {
                throw new IllegalArgumentException(origin + " line " + r.getRecordNumber() + ": expected code;name;kind;formerCode;since");
            }
            Kind kind;
            try {
                kind = Kind.valueOf(r.get(2).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + " line " + r.getRecordNumber() + ": kind must be one of "
                        + Arrays.toString(Kind.values()).toLowerCase(Locale.ROOT));
            }
            String codes = r.get(0);
            for (String code : codes.split("\\+")) {
                if (Identifiers.checkGemeentecode(code).isPresent()) {
                    throw new IllegalArgumentException(origin + " line " + r.getRecordNumber() + ": '" + code
                            + "' is not a 4-digit CBS code");
                }
            }
            if (kind != Kind.SPLIT && codes.contains("+")) {
                throw new IllegalArgumentException(origin + " line " + r.getRecordNumber() + ": only a split gemeente leads to several");
            }
            String formerCode = r.size() > 3 && !r.get(3).isEmpty() ? r.get(3) : null;
            LocalDate since = r.size() > 4 && !r.get(4).isEmpty() ? LocalDate.parse(r.get(4)) : null;
            if (r.get(1).isEmpty()) {
                throw new IllegalArgumentException(origin + " line " + r.getRecordNumber() + ": the name is empty");
            }
            entries.add(new Entry(codes, r.get(1), kind, formerCode, since));
        }
        return new Gemeenten(version, origin, entries);
    }

    /** The list's version (e.g. its year). */
    public String version() {
        return version;
    }

    /** Where the list came from: the bundled resource or a file. */
    public String origin() {
        return origin;
    }

    /** The current gemeenten, in the list's order. */
    public List<Gemeente> current() {
        return List.copyOf(byCode.values());
    }

    /** The current gemeente with this code, if the list holds it. */
    public Optional<Gemeente> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The gemeente a message names, by CBS code (0363 or GM0363) or by a current, other or former name. */
    public Match resolve(String raw) {
        if (raw == null || raw.isBlank()) {
            return new NotFound("gemeente-missing", "no gemeente is named");
        }
        String value = raw.strip();
        var code = CODE.matcher(value);
        if (code.matches()) {
            String c = code.group(1);
            Gemeente current = byCode.get(c);
            if (current != null) {
                return new Found(current, "code");
            }
            Entry former = byFormerCode.get(c);
            if (former != null) {
                return former(former, "code " + c);
            }
            Optional<String> malformed = Identifiers.checkGemeentecode(c);
            if (malformed.isPresent()) {
                return new NotFound("gemeente-unknown", malformed.get());
            }
            return new Found(new Gemeente(c, null), "code not in the gemeente list of " + version + ", taken as given");
        }
        Entry e = byName.get(normalise(value));
        if (e == null) {
            return new NotFound("gemeente-unknown", "'" + value + "' is neither a CBS code nor the name of a Dutch gemeente"
                    + " in the gemeente list of " + version);
        }
        return switch (e.kind()) {
            case CURRENT -> new Found(byCode.get(e.codes()), "name");
            case ALIAS -> new Found(byCode.get(e.codes()), "other name '" + e.name() + "'");
            case FORMER, SPLIT -> former(e, "former gemeente " + e.name());
        };
    }

    private Match former(Entry e, String what) {
        if (e.kind() == Kind.SPLIT) {
            List<String> parts = Arrays.stream(e.codes().split("\\+")).map(c -> byCode.get(c).name()).toList();
            return new NotFound("gemeente-split", what + " was divided among " + String.join(", ", parts)
                    + (e.since() == null ? "" : " on " + e.since()) + ": name the gemeente the student lives in now");
        }
        Gemeente into = byCode.get(e.codes());
        return new Found(into, what + ", merged into " + into.name() + (e.since() == null ? "" : " on " + e.since()));
    }

    /** A name as it is compared: no case, no diacritics, punctuation as spaces, no leading "gemeente", St. as Sint. */
    static String normalise(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
        if (s.startsWith("gemeente ")) {
            s = s.substring("gemeente ".length());
        }
        return (" " + s + " ").replace(" st ", " sint ").strip();
    }
}
