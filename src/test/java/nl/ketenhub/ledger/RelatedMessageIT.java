package nl.ketenhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import nl.ketenhub.canonical.Hashes;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An acknowledgement, a rejection or an absence follow-up names the message it answers by that message's messageId;
 * the ledger finds the one its recipient received from its sender, and no other.
 */
class RelatedMessageIT extends HubIntegrationTest {

    private static final String VO = "00000099800000000711";
    private static final String MBO = "00000099800000000712";
    private static final String OTHER_VO = "00000099800000000713";
    private static final String OTHER_MBO = "00000099800000000714";

    @Autowired
    private MessageLedger ledger;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void shouldFindTheMessageItAnswersAmongThoseItsSenderReceivedFromItsRecipient() {
        String answered = record("related-it-0001", VO, MBO);
        // the same messageId from another school to the same MBO, received later: not the one the VO's partner answers
        record("related-it-0001", OTHER_VO, MBO);
        record("related-it-0002", VO, OTHER_MBO);

        assertThat(ledger.findRelated("related-it-0001", VO, MBO)).map(MessageRecord::trackingId).contains(answered);
        assertThat(ledger.findRelated("related-it-0003", VO, MBO)).as("a messageId the VO never sent").isEmpty();
        assertThat(ledger.findRelated("related-it-0002", VO, MBO)).as("sent to another MBO").isEmpty();
    }

    @Test
    void shouldLookTheAnsweredMessageUpThroughTheSendersUniqueMessageIds() {
        String plan = jdbc.sql("explain select tracking_id from message where sender_oin = ? and message_id = ? "
                        + "and recipient_oin = ?")
                .params(VO, "related-it-0001", MBO).query(String.class).single();

        // H2 names the index it reads and the conditions it seeks by in a comment after the table
        assertThat(plan.toLowerCase()).containsPattern("uq_message_sender_id\\w*: (sender_oin = \\?1\\s+and message_id = \\?2"
                + "|message_id = \\?2\\s+and sender_oin = \\?1)");
    }

    private String record(String messageId, String sender, String recipient) {
        String json = "{\"messageId\":\"" + messageId + "\"}";
        return ledger.recordReceived(new MessageLedger.NewMessage(messageId, sender, recipient, "transfer-dossier", null,
                null, "rest", json.length(), Hashes.sha256(json), json));
    }
}
