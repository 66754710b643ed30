package nl.ketenhub.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One system under one workload: where the partner puts its messages and where the receiving partner reads them.
 *
 * @param system raw, bridge or hub
 * @param workload small or dossier
 * @param inQueue the queue the sending partner puts its messages on
 * @param outQueue the queue the receiving partner consumes
 * @param apiKey the sender's API key (hub only; null otherwise)
 * @param replies whether the system answers each message on the sender's JMSReplyTo (hub only)
 * @param templates the payload variants, used in turn
 * @param students the students the messages are about, used in turn
 */
record Flow(String system, String workload, String inQueue, String outQueue, String apiKey, boolean replies,
        List<SyntheticMessages.Template> templates, StudentPool students) {

    /** The body of message number {@code seq}: the same shape and size for every system, about the next student. */
    String body(long seq, String messageId) {
        return templates.get((int) (seq % templates.size())).render(messageId, students.nextBsn());
    }

    int payloadBytes() {
        return templates.get(0).typicalBytes();
    }

    String label() {
        return workload + "/" + system;
    }

    static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
