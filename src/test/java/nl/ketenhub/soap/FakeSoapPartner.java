package nl.ketenhub.soap;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A partner system implementing the Overdracht port type for tests: records every SOAP request and answers with a
 * receipt related to the request's wsa:MessageID, or with the fault the test asks for (a number of times).
 */
public class FakeSoapPartner implements AutoCloseable {

    private static final Pattern MESSAGE_ID = Pattern.compile("MessageID[^>]*>([^<]+)<");

    private final HttpServer server;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile String faultCode;
    private volatile int faultsLeft;

    public FakeSoapPartner() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/soap", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            calls.incrementAndGet();
            Matcher m = MESSAGE_ID.matcher(body);
            String relatesTo = m.find() ? m.group(1) : "none";
            String reply;
            int status;
            if (faultCode != null && faultsLeft > 0) {
                faultsLeft--;
                status = 500;
                reply = envelope(relatesTo, "<soap:Fault><faultcode>soap:" + faultCode + "</faultcode><faultstring>"
                        + faultCode + " fault for the test</faultstring></soap:Fault>");
            } else {
                accepted.add(body);
                status = 200;
                reply = envelope(relatesTo, "<receipt xmlns=\"https://ketenhub.nl/ws/overdracht/v1\"><trackingId>partner-"
                        + accepted.size() + "</trackingId><messageId>" + relatesTo + "</messageId><repeat>false</repeat></receipt>");
            }
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    private static String envelope(String relatesTo, String body) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:wsa=\"http://www.w3.org/2005/08/addressing\"><soap:Header>"
                + "<wsa:Action>https://ketenhub.nl/ws/overdracht/v1/Receipt</wsa:Action>"
                + "<wsa:RelatesTo>" + relatesTo + "</wsa:RelatesTo></soap:Header><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/soap";
    }

    /** Answer the next {@code times} calls with a fault of this code (Client or Server). */
    public void fault(String code, int times) {
        this.faultCode = code;
        this.faultsLeft = times;
    }

    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
