package nl.ketenhub.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A partner system's REST endpoint for tests: records every delivery it accepts and answers with whatever status
 * the test sets (503 to play a partner that is down).
 */
public class FakePartner implements AutoCloseable {

    /** One received request. */
    public record Received(String body, Map<String, List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile int status = 200;
    private volatile int acceptBeforeFailing = Integer.MAX_VALUE;
    private volatile int statusAfterwards = 200;

    public FakePartner() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/inbox", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            int answer;
            synchronized (this) {
                answer = accepted.size() >= acceptBeforeFailing ? statusAfterwards : status;
            }
            synchronized (this) {
                if (answer >= 200 && answer < 300) {
                    accepted.add(new Received(new String(body, StandardCharsets.UTF_8), Map.copyOf(exchange.getRequestHeaders())));
                } else {
                    refused.incrementAndGet();
                }
            }
            byte[] reply = ("{\"status\":" + answer + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/inbox";
    }

    public void answer(int status) {
        this.status = status;
        this.acceptBeforeFailing = Integer.MAX_VALUE;
    }

    /** Accepts {@code count} deliveries, then answers {@code status} to every further one. */
    public void acceptThenFail(int count, int status) {
        this.statusAfterwards = status;
        this.acceptBeforeFailing = count;
    }

    /** How often each messageId arrived. */
    public java.util.Map<String, Long> countsByMessageId() {
        return accepted.stream().collect(java.util.stream.Collectors.groupingBy(
                r -> r.header("KetenhubMessageId") == null ? "?" : r.header("KetenhubMessageId"),
                java.util.stream.Collectors.counting()));
    }

    public List<Received> accepted() {
        return List.copyOf(accepted);
    }

    public int refusedCount() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
