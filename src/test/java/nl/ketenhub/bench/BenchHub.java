package nl.ketenhub.bench;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.ketenhub.KetenhubApplication;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.PartnerRequest;
import nl.ketenhub.partner.PartnerService;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real hub under test: the Spring Boot application on its embedded defaults (persistent Artemis in the JVM, H2
 * in file mode) in a data directory of the benchmark's own, demo mode off, logging to a file. The harness talks to
 * it as bus partners do, through their own connections to the broker.
 */
final class BenchHub implements AutoCloseable {

    /** The sending VO school and the receiving MBO institution (test-party OINs), both on the jms channel. */
    static final String VO_OIN = "00000099800000000001";
    static final String MBO_OIN = "00000099800000000101";
    static final String VO_QUEUE = "bench.partner.vo";
    static final String MBO_QUEUE = "bench.partner.mbo";
    /** Where the hub answers the benchmark's bus partners (their JMSReplyTo). */
    static final String REPLY_QUEUE = "bench.replies";
    static final String BRIDGE_IN = "bench.bridge.in";
    static final String BRIDGE_OUT = "bench.bridge.out";
    static final String BRIDGE1_IN = "bench.bridge1.in";
    static final String BRIDGE1_OUT = "bench.bridge1.out";
    static final String RAW_QUEUE = "bench.raw";

    /** API keys of the two registered partners. */
    record Keys(String vo, String mbo) {}

    private final ConfigurableApplicationContext context;
    /** The broker URL partners connect with, or null for the embedded broker (in-VM). */
    private final String brokerUrl;

    private BenchHub(ConfigurableApplicationContext context, String brokerUrl) {
        this.context = context;
        this.brokerUrl = brokerUrl;
    }

    /** Starts the hub on its embedded defaults on {@code dataDir} (created, or reused for a restart). */
    static BenchHub start(Path dataDir, Path logFile) {
        return start(dataDir, logFile, List.of(), null);
    }

    /** Starts the hub in {@code topology} (its settings for that topology, its broker for the partners). */
    static BenchHub start(Path dataDir, Path logFile, Topology topology) {
        return start(dataDir, logFile, topology.hubArgs(), topology.brokerUrl());
    }

    private static BenchHub start(Path dataDir, Path logFile, List<String> topologyArgs, String brokerUrl) {
        List<String> args = new ArrayList<>(List.of(
                "--ketenhub.data-dir=" + dataDir.toAbsolutePath(),
                "--ketenhub.pseudonym-key=bench-pseudonym-key-0123456789abcdefghijklmnop",
                "--KETENHUB_ADMIN_PASSWORD=bench-" + UUID.randomUUID(),
                "--ketenhub.demo.enabled=false",
                "--server.port=0",
                // the hub's own INFO lines (two per message) still get written, to a file as in production
                "--logging.file.name=" + logFile.toAbsolutePath(),
                "--logging.threshold.console=WARN"));
        args.addAll(topologyArgs);
        // Extra hub settings for experiments, e.g. -Dbench.hub-args="--ketenhub.core.consumers=4" (space-separated).
        String extra = System.getProperty("bench.hub-args", "");
        if (!extra.isBlank() && !extra.startsWith("${")) {
            args.addAll(List.of(extra.trim().split("\\s+")));
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(KetenhubApplication.class)
                .run(args.toArray(String[]::new));
        return new BenchHub(context, brokerUrl);
    }

    /** Registers the VO and the MBO partner with the jms channel; answers their API keys. */
    Keys registerPartners() {
        PartnerService partners = context.getBean(PartnerService.class);
        String vo = partners.create(new PartnerRequest(VO_OIN, "Bench VO School", PartnerKind.VO, "01AA", null,
                Channel.JMS, VO_QUEUE, null, null, true)).apiKey();
        String mbo = partners.create(new PartnerRequest(MBO_OIN, "Bench MBO College", PartnerKind.MBO, "25XA", null,
                Channel.JMS, MBO_QUEUE, null, null, true)).apiKey();
        return new Keys(vo, mbo);
    }

    /**
     * The hub's busiest stage: the JMS consumer route of the hub's own with the most concurrent consumers (its
     * {@code maxConcurrentConsumers} where that is higher), as the running routes have them, so the fair bridge follows
     * the hub's configuration (e.g. {@code --ketenhub.core.consumers}) instead of a number of the harness's own.
     *
     * @param routeId the route of that stage
     * @param consumers its most concurrent consumers
     * @param all every JMS consumer route of the hub and its most concurrent consumers
     */
    record Stage(String routeId, int consumers, java.util.Map<String, Integer> all) {}

    Stage busiestStage() {
        java.util.Map<String, Integer> all = new java.util.TreeMap<>();
        for (org.apache.camel.Route route : camel().getRoutes()) {
            if (route.getRouteId().startsWith("bench-")
                    || !(route.getEndpoint() instanceof org.apache.camel.component.jms.JmsEndpoint jms)) {
                continue;
            }
            all.put(route.getRouteId(), Math.max(jms.getConcurrentConsumers(), jms.getMaxConcurrentConsumers()));
        }
        return all.entrySet().stream().max(java.util.Map.Entry.comparingByValue())
                .map(e -> new Stage(e.getKey(), e.getValue(), all))
                .orElseThrow(() -> new IllegalStateException("the hub runs no JMS consumer route"));
    }

    /**
     * The bridge baselines: bare transacted Camel routes from one JMS queue to another on the hub's own {@code jms}
     * component, so they have its settings (transacted, CACHE_CONSUMER, the hub's pooled connection factory,
     * persistent): the fair bridge with {@code consumers} concurrent consumers (those of the hub's busiest stage), as a
     * user would write a bridge by hand, and the bridge with the component's default of one consumer.
     */
    void addBridgeRoutes(int consumers) throws Exception {
        camel().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("jms:queue:" + BRIDGE_IN + "?concurrentConsumers=" + consumers + "&maxConcurrentConsumers=" + consumers)
                        .routeId("bench-bridge").to("jms:queue:" + BRIDGE_OUT);
                from("jms:queue:" + BRIDGE1_IN).routeId("bench-bridge-1").to("jms:queue:" + BRIDGE1_OUT);
            }
        });
    }

    /**
     * The three queues a bus message to {@code recipientOin} passes through the hub, in order: the JMS intake queue,
     * the core queue and that partner's delivery queue.
     */
    List<String> stageQueues(String recipientOin) {
        nl.ketenhub.config.KetenhubProperties.Queues queues =
                context.getBean(nl.ketenhub.config.KetenhubProperties.class).queues();
        return List.of(queues.jmsIntake(), queues.core(), queues.deliveryPrefix() + recipientOin);
    }

    /** Messages waiting on a queue of the hub's broker (0 for one not created yet), as the console reads them. */
    long depth(String queue) {
        return context.getBean(nl.ketenhub.config.BrokerStats.class).depth(queue).orElse(0L);
    }

    CamelContext camel() {
        return context.getBean(CamelContext.class);
    }

    /**
     * A connection factory of the partners' own: a plain Artemis client of the hub's broker (the embedded one in-VM, a
     * standalone one over TCP with its login), not the hub's pool, with the hub's large-message threshold, so the raw
     * baseline gets the broker at the same settings the hub uses.
     */
    ConnectionFactory clientConnectionFactory() {
        ActiveMQConnectionFactory factory;
        if (brokerUrl != null) {
            factory = new ActiveMQConnectionFactory(brokerUrl, nl.ketenhub.support.StandaloneBroker.USER,
                    nl.ketenhub.support.StandaloneBroker.PASSWORD);
        } else {
            int serverId = context.getBean(ArtemisProperties.class).getEmbedded().getServerId();
            factory = new ActiveMQConnectionFactory("vm://" + serverId);
        }
        factory.setMinLargeMessageSize(hubMinLargeMessageSize());
        return factory;
    }

    /** The large-message threshold of the hub's own connection factory. */
    int hubMinLargeMessageSize() {
        return context.getBeansOfType(jakarta.jms.ConnectionFactory.class).values().stream()
                .map(cf -> cf instanceof org.messaginghub.pooled.jms.JmsPoolConnectionFactory pool ? pool.getConnectionFactory() : cf)
                .filter(ActiveMQConnectionFactory.class::isInstance)
                .mapToInt(cf -> ((ActiveMQConnectionFactory) cf).getMinLargeMessageSize())
                .findFirst()
                .orElse(new ActiveMQConnectionFactory().getMinLargeMessageSize());
    }

    @Override
    public void close() {
        context.close();
    }

    /**
     * Deletes a data directory of a finished run (broker journal, pages and database: easily gigabytes). A failed
     * run keeps its directory for inspection.
     */
    static void deleteData(Path dataDir) throws java.io.IOException {
        if (!java.nio.file.Files.exists(dataDir)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(dataDir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }
}
