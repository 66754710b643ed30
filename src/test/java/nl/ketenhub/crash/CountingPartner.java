package nl.ketenhub.crash;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A partner's system on localhost that accepts every delivery and counts it by its KetenhubIdempotencyKey. */
final class CountingPartner implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, AtomicInteger> byKey = new ConcurrentHashMap<>();
    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
    private volatile long downUntil;

    CountingPartner() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            String key = exchange.getRequestHeaders().getFirst("KetenhubIdempotencyKey");
            if (System.nanoTime() - downUntil < 0) {
                exchange.sendResponseHeaders(503, -1); // down: nothing taken, nothing counted
                exchange.close();
                return;
            }
            if (key != null) {
                firstArrival.putIfAbsent(key, System.nanoTime());
                byKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            }
            exchange.sendResponseHeaders(key == null ? 400 : 200, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/inbox";
    }

    /** How often the delivery with this key arrived (0 when never). */
    int received(String key) {
        AtomicInteger n = byKey.get(key);
        return n == null ? 0 : n.get();
    }

    /** Answers every delivery 503 for the given time from now, as a partner's system that is down. */
    void downFor(java.time.Duration outage) {
        downUntil = System.nanoTime() + outage.toNanos();
    }

    /** When the delivery with this key first arrived ({@link System#nanoTime()}), or null when never. */
    Long firstArrival(String key) {
        return firstArrival.get(key);
    }

    int distinctKeys() {
        return byKey.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
