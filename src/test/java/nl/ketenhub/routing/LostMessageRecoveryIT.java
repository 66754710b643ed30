package nl.ketenhub.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import nl.ketenhub.canonical.Hashes;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.ledger.MessageState;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.support.FakePartner;
import nl.ketenhub.support.Fixtures;
import nl.ketenhub.support.HubIntegrationTest;
import nl.ketenhub.support.MutableClock;
import nl.ketenhub.support.MutableClockConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** A message the ledger recorded but the broker never got (a crash between the two commits) is found and sent. */
@Import(MutableClockConfig.class)
class LostMessageRecoveryIT extends HubIntegrationTest {

    @Autowired
    private MessageLedger ledger;

    @Autowired
    private LostMessageRecovery recovery;

    @Autowired
    private MutableClock clock;

    @Test
    void shouldPutALostMessageBackOnTheIntakeQueueOnceTheQueueIsQuiet() throws Exception {
        try (FakePartner mboSystem = new FakePartner()) {
            TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
            TestPartner mbo = register(PartnerKind.MBO, Channel.REST, mboSystem.url());
            ObjectNode dossier = Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[6]);
            String json = Fixtures.json(dossier);
            String trackingId = ledger.recordReceived(new MessageLedger.NewMessage(dossier.path("messageId").asText(),
                    vo.oin(), mbo.oin(), "transfer-dossier", null, null, "rest", json.length(), Hashes.sha256(json), json));

            assertThat(recovery.requeue()).as("too recent to call lost").isZero();
            clock.advance(Duration.ofMinutes(11));
            assertThat(recovery.requeue()).isEqualTo(1);

            await().atMost(Duration.ofSeconds(20)).until(() -> mboSystem.accepted().size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    ledger.find(trackingId).orElseThrow().state() == MessageState.DELIVERED);
            assertThat(ledger.history(trackingId)).extracting(e -> e.state()).contains("REQUEUED", "ROUTED", "DELIVERED");
            assertThat(recovery.requeue()).as("routed now: nothing left to recover").isZero();
        }
    }
}
