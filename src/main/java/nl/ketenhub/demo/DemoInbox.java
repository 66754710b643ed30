package nl.ketenhub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What each simulated partner received, newest last; kept in memory, at most 500 per partner. */
public class DemoInbox {

    /** One received delivery as the partner saw it. */
    public record Received(Instant at, String messageId, String type, String trackingId, JsonNode message) {}

    private static final int KEEP = 500;

    private final Map<String, Deque<Received>> inboxes = new ConcurrentHashMap<>();
    private final ObjectMapper mapper;
    private final Clock clock;

    public DemoInbox(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    public Received add(String oin, String body, String trackingId) {
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (java.io.IOException e) {
            node = mapper.getNodeFactory().textNode(body);
        }
        Received r = new Received(clock.instant(), node.path("messageId").asText(null), node.path("type").asText(null),
                trackingId, node);
        Deque<Received> inbox = inboxes.computeIfAbsent(oin, k -> new ArrayDeque<>());
        synchronized (inbox) {
            inbox.addLast(r);
            while (inbox.size() > KEEP) {
                inbox.removeFirst();
            }
        }
        return r;
    }

    public List<Received> list(String oin) {
        Deque<Received> inbox = inboxes.get(oin);
        if (inbox == null) {
            return List.of();
        }
        synchronized (inbox) {
            return new ArrayList<>(inbox);
        }
    }

    public void clear() {
        inboxes.clear();
    }
}
