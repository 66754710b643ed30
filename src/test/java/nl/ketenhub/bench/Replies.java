package nl.ketenhub.bench;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sending partners' receipts: the hub answers every message on its JMSReplyTo. A receipt other than 202 means the
 * hub refused a benchmark message (for instance a dossier that does not validate), which makes every figure of the
 * run meaningless: {@link #check()} then fails the run with the hub's own explanation.
 */
final class Replies implements AutoCloseable {

    static final String STATUS = "KetenhubStatus";

    private final Connection connection;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<String> refusals = new CopyOnWriteArrayList<>();

    Replies(ConnectionFactory factory) throws JMSException {
        connection = factory.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createConsumer(session.createQueue(BenchHub.REPLY_QUEUE)).setMessageListener(m -> {
            try {
                Object status = m.getObjectProperty(STATUS);
                if ("202".equals(String.valueOf(status))) {
                    accepted.incrementAndGet();
                } else if (refusals.size() < 20) {
                    refusals.add(status + " " + (m instanceof TextMessage t ? t.getText() : m.toString()));
                }
            } catch (JMSException e) {
                refusals.add("unreadable receipt: " + e);
            }
        });
        connection.start();
    }

    int accepted() {
        return accepted.get();
    }

    /** Fails the run if the hub refused any benchmark message. */
    void check() {
        if (!refusals.isEmpty()) {
            throw new IllegalStateException("the hub REFUSED benchmark messages, so this run measures nothing: "
                    + refusals.size() + " refusal(s), first: " + refusals.get(0));
        }
    }

    String describe() {
        return accepted.get() + " accepted, " + refusals.size() + " refused";
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
