package nl.ketenhub.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of the hub phase (execution samples every 10 ms) and its summary: where the CPU went, by thread
 * (which route's consumer), by library (the first non-JDK frame from the top of each sample: the code that did the
 * work or called the JDK to do it), by the hub's own methods (inclusive), and the hottest frames.
 */
final class Profiler {

    /** Package prefixes and the library they belong to; the first match wins. */
    private static final List<Map.Entry<String, String>> LIBRARIES = List.of(
            Map.entry("nl.ketenhub.bench.", "harness (sending and receiving partners)"),
            Map.entry("nl.ketenhub.", "hub code (nl.ketenhub)"),
            Map.entry("org.h2.", "H2 database"),
            Map.entry("com.zaxxer.hikari.", "HikariCP"),
            Map.entry("org.springframework.jdbc.", "Spring JDBC"),
            Map.entry("org.springframework.jms.", "Spring JMS"),
            Map.entry("org.springframework.transaction.", "Spring transactions"),
            Map.entry("org.springframework.", "Spring (other)"),
            Map.entry("com.networknt.", "JSON Schema validation (networknt)"),
            Map.entry("com.fasterxml.jackson.", "Jackson"),
            Map.entry("org.apache.activemq.artemis.", "Artemis broker and client"),
            Map.entry("io.netty.", "Netty (Artemis buffers)"),
            Map.entry("org.messaginghub.pooled.", "pooled-jms"),
            Map.entry("org.apache.camel.", "Camel"),
            Map.entry("io.micrometer.", "Micrometer"),
            Map.entry("ch.qos.logback.", "logging"),
            Map.entry("org.slf4j.", "logging"),
            Map.entry("org.apache.logging.", "logging"),
            Map.entry("jdk.jfr.", "JFR"));
    private static final Pattern JMS_CONSUMER = Pattern.compile("JmsConsumer\\[([^\\]]+)]");

    /** A share of the samples. */
    record Share(String name, int samples, double percent) {}

    /**
     * @param samples execution samples in the recording
     * @param byThread samples per kind of thread (each route's JMS consumers, broker threads, harness)
     * @param byLibrary self time per library (the first non-JDK frame from the top)
     * @param inclusiveByLibrary samples with the library anywhere on the stack
     * @param hubMethods the hub's own methods, inclusive (on the stack), hottest first
     * @param byNearestHubMethod each sample charged to the hub method nearest the top of its stack: the hub step whose
     *     work (its own or in the libraries it calls) the sample was; samples without a hub frame go to their library
     * @param topFrames the hottest top frames (self time), JDK included
     */
    record Summary(String file, int samples, List<Share> byThread, List<Share> byLibrary, List<Share> inclusiveByLibrary,
            List<Share> hubMethods, List<Share> byNearestHubMethod, List<Share> topFrames) {}

    private Profiler() {}

    /** Starts recording execution samples every 10 ms (and GC events for context). */
    static Recording start(String name) {
        Recording recording = new Recording();
        recording.setName(name);
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        recording.enable("jdk.GarbageCollection");
        recording.setToDisk(true);
        recording.start();
        return recording;
    }

    /** Stops the recording and writes it to {@code file}. */
    static Path stop(Recording recording, Path file) throws IOException {
        recording.stop();
        recording.dump(file);
        recording.close();
        return file;
    }

    static Summary summarise(Path file) throws IOException {
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> hub = new HashMap<>();
        Map<String, Integer> frames = new HashMap<>();
        Map<String, Integer> nearest = new HashMap<>();
        int samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                var thread = event.getThread("sampledThread");
                threads.merge(threadGroup(thread == null ? null : thread.getJavaName()), 1, Integer::sum);
                List<RecordedFrame> stackFrames = stack.getFrames();
                frames.merge(method(stackFrames.get(0)), 1, Integer::sum);
                String selfLibrary = "JDK";
                Set<String> libraries = new HashSet<>();
                Set<String> hubFrames = new HashSet<>();
                String nearestHub = null;
                for (RecordedFrame frame : stackFrames) {
                    String type = frame.getMethod().getType().getName();
                    String library = library(type);
                    if (library != null) {
                        if (selfLibrary.equals("JDK") && libraries.isEmpty()) {
                            selfLibrary = library;
                        }
                        libraries.add(library);
                    }
                    if (type.startsWith("nl.ketenhub.") && !type.startsWith("nl.ketenhub.bench.")
                            && !type.contains("$$SpringCGLIB$$")) {
                        hubFrames.add(method(frame));
                        if (nearestHub == null) {
                            nearestHub = method(frame);
                        }
                    }
                }
                nearest.merge(nearestHub != null ? nearestHub : "(no hub frame) " + selfLibrary, 1, Integer::sum);
                self.merge(selfLibrary, 1, Integer::sum);
                libraries.forEach(l -> inclusive.merge(l, 1, Integer::sum));
                hubFrames.forEach(m -> hub.merge(m, 1, Integer::sum));
            }
        }
        return new Summary(file.getFileName().toString(), samples, top(threads, samples, 12), top(self, samples, 20),
                top(inclusive, samples, 20), top(hub, samples, 25), top(nearest, samples, 25), top(frames, samples, 25));
    }

    /** The library of a class, or null for the JDK. */
    static String library(String className) {
        for (Map.Entry<String, String> e : LIBRARIES) {
            if (className.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        if (className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.") || className.startsWith("jakarta.")) {
            return null;
        }
        return "other: " + className.substring(0, Math.max(0, className.lastIndexOf('.')));
    }

    /** Groups threads by what they do: each route's JMS consumers, broker threads, the harness. */
    static String threadGroup(String name) {
        if (name == null) {
            return "unknown";
        }
        Matcher m = JMS_CONSUMER.matcher(name);
        if (m.find()) {
            String queue = m.group(1).replaceAll("\\d{20}", "<OIN>");
            return "Camel JMS consumer of " + queue;
        }
        if (name.startsWith("bench-")) {
            return "harness " + name.replaceAll("-\\d+$", "");
        }
        if (name.contains("ActiveMQ") || name.contains("activemq") || name.contains("Artemis")) {
            return "Artemis " + name.replaceAll("\\d+", "#");
        }
        return name.replaceAll("\\d+", "#");
    }

    private static String method(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static List<Share> top(Map<String, Integer> counts, int total, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(e -> new Share(e.getKey(), e.getValue(), Stats.round(100.0 * e.getValue() / Math.max(1, total))))
                .toList();
    }

    /** Shares as a map, for printing. */
    static Map<String, Double> percentages(List<Share> shares) {
        Map<String, Double> out = new LinkedHashMap<>();
        shares.forEach(s -> out.put(s.name(), s.percent()));
        return out;
    }
}
