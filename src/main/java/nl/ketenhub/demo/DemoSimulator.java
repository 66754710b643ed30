package nl.ketenhub.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Queue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.routing.Headers;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.web.client.RestClient;

/**
 * The simulated partner systems of demo mode. Every demo partner records what it receives; a demo MBO answers each
 * transfer dossier with an acknowledgement through the hub's own intake (REST for the REST MBO, the JMS intake queue
 * for the JMS MBO), as a real MBO system would. A REST demo partner can be made unreachable for a while.
 */
public class DemoSimulator implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoSimulator.class);

    private final DemoInbox inbox;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final JmsTemplate jms;
    private final KetenhubProperties properties;
    private final Duration ackDelay;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-partners");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Instant> outages = new ConcurrentHashMap<>();
    private volatile String baseUrl;

    public DemoSimulator(DemoInbox inbox, ObjectMapper mapper, Clock clock, JmsTemplate jms, KetenhubProperties properties,
            Duration ackDelay) {
        this.inbox = inbox;
        this.mapper = mapper;
        this.clock = clock;
        this.jms = jms;
        this.properties = properties;
        this.ackDelay = ackDelay;
        this.baseUrl = properties.demo().baseUrl();
    }

    void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A REST demo partner is down until the given moment (its inbox answers 503). */
    public void outage(String oin, Duration length) {
        outages.put(oin, clock.instant().plus(length));
        log.info("demo partner {} is down for {}", oin, length);
    }

    public Optional<Instant> downUntil(String oin) {
        Instant until = outages.get(oin);
        return until != null && until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty();
    }

    /** A delivery reached a demo partner over REST. */
    public void receivedOverRest(String oin, String body, String trackingId) {
        answer(oin, inbox.add(oin, body, trackingId));
    }

    /** A delivery reached a demo partner's JMS queue (called by the demo-jms-partner route). */
    public void receivedOverJms(@Header("DemoPartnerOin") String oin, @Body String body,
            @Header(Headers.TRACKING_ID) String trackingId) {
        answer(oin, inbox.add(oin, body, trackingId));
    }

    private void answer(String oin, DemoInbox.Received received) {
        Optional<DemoPartners.Demo> me = DemoPartners.ALL.stream().filter(d -> d.oin().equals(oin)).findFirst();
        if (me.isEmpty() || me.get().kind() != nl.ketenhub.partner.PartnerKind.MBO
                || !"transfer-dossier".equals(received.type()) || received.message().path("relatesTo").isTextual()) {
            return;
        }
        JsonNode dossier = received.message();
        ObjectNode ack = mapper.createObjectNode();
        ack.put("messageId", UUID.randomUUID().toString());
        ack.put("type", "acknowledgement");
        ack.put("sender", oin);
        ack.put("recipient", dossier.path("sender").asText());
        ack.put("sentAt", clock.instant().toString());
        ack.put("relatesTo", dossier.path("messageId").asText());
        ack.putObject("payload").put("result", "accepted");
        scheduler.schedule(() -> send(me.get(), ack), ackDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(DemoPartners.Demo from, ObjectNode message) {
        try {
            String json = mapper.writeValueAsString(message);
            if (from.channel() == Channel.JMS) {
                jms.send(properties.queues().jmsIntake(), session -> {
                    var m = session.createTextMessage(json);
                    m.setStringProperty(Headers.API_KEY, from.apiKey());
                    Queue replies = session.createQueue(DemoPartners.jmsQueue(from.oin()) + ".replies");
                    m.setJMSReplyTo(replies);
                    return m;
                });
            } else {
                RestClient.create(baseUrl).post().uri("/api/v1/messages")
                        .header("Authorization", "Bearer " + from.apiKey())
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(json)
                        .retrieve()
                        .toBodilessEntity();
            }
            log.info("demo partner {} acknowledged {}", from.name(), message.path("relatesTo").asText());
        } catch (Exception e) {
            log.warn("demo partner {} could not send its acknowledgement: {}", from.name(), e.getMessage());
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
