package nl.ketenhub.routing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.filter.FilteringParserDelegate;
import com.fasterxml.jackson.core.filter.TokenFilter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.canonical.TransferDossier;

/**
 * Reads a queued envelope for the core step, from the UTF-8 bytes the hub's queues carry (or from text).
 *
 * <p>The core's steps read of a dossier only what {@link TransferDossier.Summary} holds (whose it is, from which school
 * to which, under which consent evidence): routing, the transfer ledger, the inzage consent and the ledger's repair.
 * Its sections travel on unread in the body every delivery carries, and the delivery reads them whole. So when the
 * queued message says it is a dossier, the sections other than the student are skipped while parsing instead of
 * built into a tree: for the benchmark's 180 KB dossier about a third of the time the whole tree took from text. An
 * envelope read so has no sections in its payload; anything in the core that needs one must read the body itself.
 */
public final class CoreEnvelopes {

    /** The payload members the core never reads: a dossier's sections, all but the student. */
    private static final Set<String> SECTIONS_LEFT_OUT;

    static {
        Set<String> members = new HashSet<>(TransferDossier.SECTION_MEMBERS.values());
        members.remove(TransferDossier.SECTION_MEMBERS.get(DataCategory.IDENTITY));
        SECTIONS_LEFT_OUT = Set.copyOf(members);
    }

    /** Keeps everything but the section members of the payload object. */
    private static final TokenFilter ENVELOPE = new TokenFilter() {
        @Override
        public TokenFilter includeProperty(String name) {
            return name.equals("payload") ? PAYLOAD : TokenFilter.INCLUDE_ALL;
        }
    };

    private static final TokenFilter PAYLOAD = new TokenFilter() {
        @Override
        public TokenFilter includeProperty(String name) {
            return SECTIONS_LEFT_OUT.contains(name) ? null : TokenFilter.INCLUDE_ALL;
        }
    };

    private CoreEnvelopes() {}

    /**
     * The envelope of a queued body; a dossier's sections are left out when {@code type} (the queued message's type
     * header) names a dossier and the envelope turns out to be one. Any other envelope is read whole.
     */
    public static Envelope read(ObjectMapper mapper, Object body, Object type) throws IOException {
        if (MessageType.TRANSFER_DOSSIER.wireName().equals(type)) {
            Envelope summary;
            try (JsonParser parser = new FilteringParserDelegate(parser(mapper, body), ENVELOPE,
                    TokenFilter.Inclusion.INCLUDE_ALL_AND_PATH, true)) {
                summary = mapper.readValue(parser, Envelope.class);
            }
            if (summary != null && summary.type() == MessageType.TRANSFER_DOSSIER) {
                return summary;
            }
        }
        try (JsonParser parser = parser(mapper, body)) {
            return mapper.readValue(parser, Envelope.class);
        }
    }

    private static JsonParser parser(ObjectMapper mapper, Object body) throws IOException {
        return body instanceof byte[] bytes ? mapper.getFactory().createParser(bytes)
                : mapper.getFactory().createParser(Bodies.text(body));
    }
}
