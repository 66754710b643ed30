package nl.ketenhub.canonical;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Envelopes parsed by one hop, handed to the next hop when that runs in the same process: the edge hands the core the
 * envelope it parsed, the core hands each delivery that carries the message unchanged the envelope it routed. A
 * dossier is 180 KB of JSON; each hop parsed it again.
 *
 * <p>The next hop still reads its text from the queue, and takes an envelope only when it was parsed from exactly
 * that text (compared in full), so what it gets is what parsing would have given it. Whatever misses (another
 * instance of the hub consumed the message, a redelivery, a restart, an entry let go) parses as before. Envelopes
 * are shared, never changed: who needs another payload builds a new tree (the consent gate shares the members it
 * forwards, and copies what it removes members from).
 *
 * <p>At most {@link #MAX_ENTRIES} envelopes and {@link #MAX_CHARS} characters of their text are kept, the oldest let
 * go first, so a backlog that the next hop has not reached yet costs no memory here.
 */
@Component
public class ParsedEnvelopes {

    static final int MAX_ENTRIES = 256;
    static final long MAX_CHARS = 8L * 1024 * 1024;

    private record Entry(String text, Envelope envelope) {}

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long chars;

    /**
     * Offers the envelope parsed from {@code text} to the hop that will take {@code key} (a tracking id for the
     * core, a delivery id for a delivery). Call it before the text is sent: the next hop may take it at once.
     */
    public synchronized void offer(String key, String text, Envelope envelope) {
        Entry replaced = entries.put(key, new Entry(text, envelope));
        if (replaced != null) {
            chars -= replaced.text().length();
        }
        chars += text.length();
        var oldest = entries.values().iterator();
        while (oldest.hasNext() && (entries.size() > MAX_ENTRIES || chars > MAX_CHARS)) {
            chars -= oldest.next().text().length();
            oldest.remove();
        }
    }

    /** The envelope offered under {@code key}, if it was parsed from this very text; taken either way. */
    public Optional<Envelope> take(String key, String text) {
        Entry entry;
        synchronized (this) {
            entry = entries.remove(key);
            if (entry != null) {
                chars -= entry.text().length();
            }
        }
        return entry != null && entry.text().equals(text) ? Optional.of(entry.envelope()) : Optional.empty();
    }

    /** How many envelopes wait to be taken (for tests). */
    synchronized int size() {
        return entries.size();
    }
}
