package nl.ketenhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import nl.ketenhub.canonical.Hashes;
import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An acknowledgement or a rejection names the message it answers by that message's messageId; the ledger finds it
 * among the messages its sender received, and only there.
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
    void shouldFindTheMessageItRelatesToAmongThoseItsSenderReceived() {
        String toMbo = record("related-it-0001", VO, MBO);
        record("related-it-0001", OTHER_VO, OTHER_MBO);
        record("related-it-0002", VO, MBO);

        assertThat(ledger.findRelated("related-it-0001", MBO)).map(MessageRecord::trackingId).contains(toMbo);
        assertThat(ledger.findRelated("related-it-0003", MBO)).as("a messageId the partner never received").isEmpty();
        assertThat(ledger.findRelated("related-it-0002", OTHER_MBO)).as("received by another partner").isEmpty();
    }

    @Test
    void shouldLookTheMessageUpByRecipientAndMessageIdNotByScanningTheRecipientsMessages() {
        String plan = jdbc.sql("explain select tracking_id from message where message_id = ? and recipient_oin = ?")
                .params("related-it-0001", MBO).query(String.class).single();

        // H2 names the index it reads and the conditions it seeks by in a comment after the table
        assertThat(plan.toLowerCase()).containsPattern(
                "ix_message_recipient_id: (message_id = \\?1\\s+and recipient_oin = \\?2|recipient_oin = \\?2\\s+and message_id = \\?1)");
    }

    private String record(String messageId, String sender, String recipient) {
        String json = "{\"messageId\":\"" + messageId + "\"}";
        return ledger.recordReceived(new MessageLedger.NewMessage(messageId, sender, recipient, "transfer-dossier", null,
                null, "rest", json.length(), Hashes.sha256(json), json));
    }
}
