package nl.ketenhub.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import nl.ketenhub.audit.IntakeRejections;
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

    @Autowired
    private org.apache.camel.ProducerTemplate producer;

    @Autowired
    private nl.ketenhub.audit.IntakeRejections rejections;

    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;

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

    @Test
    void shouldFailAnUnreadableMessageVisiblyAndNeverPutItBack() {
        TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        TestPartner mbo = register(PartnerKind.MBO, Channel.REST, "http://127.0.0.1:9/unused");
        String json = Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[7]));
        String trackingId = record(vo, mbo, json);
        double failedBefore = failedCount();

        producer.sendBodyAndHeaders("jms:queue:ketenhub.core", "\uFEFF" + json, java.util.Map.of(
                Headers.TRACKING_ID, trackingId, Headers.SENDER, vo.oin(), Headers.RECIPIENT, mbo.oin()));

        await().atMost(Duration.ofSeconds(20)).until(() ->
                ledger.find(trackingId).orElseThrow().state() == MessageState.FAILED);
        assertThat(rejections.latest(50)).anySatisfy(r -> {
            assertThat(r.problemType()).isEqualTo("core-failure");
            assertThat(r.detail()).contains(trackingId).contains("cannot be routed");
        });
        assertThat(failedCount()).isGreaterThan(failedBefore);
        clock.advance(Duration.ofMinutes(11));
        recovery.requeue();
        assertThat(ledger.history(trackingId)).extracting(e -> e.state()).doesNotContain("REQUEUED");
    }

    @Test
    void shouldMarkWhatTheBrokerDeadLetteredAsFailedInsteadOfRequeueingIt() {
        TestPartner vo = register(PartnerKind.VO, Channel.REST, "http://127.0.0.1:9/unused");
        TestPartner mbo = register(PartnerKind.MBO, Channel.REST, "http://127.0.0.1:9/unused");
        String json = Fixtures.json(Fixtures.dossier(vo.oin(), mbo.oin(), Fixtures.BSNS[8]));
        String trackingId = record(vo, mbo, json);
        producer.sendBodyAndHeaders("jms:queue:DLQ", json, java.util.Map.of(Headers.TRACKING_ID, trackingId));

        clock.advance(Duration.ofMinutes(11));
        // the recovery runs only while the intake queue stands empty
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            recovery.requeue();
            return ledger.find(trackingId).orElseThrow().state() == MessageState.FAILED;
        });

        assertThat(ledger.history(trackingId)).extracting(e -> e.state()).doesNotContain("REQUEUED");
        assertThat(rejections.latest(50)).anySatisfy(r -> assertThat(r.detail()).contains(trackingId)
                .contains("dead-letter"));
    }

    @Test
    void shouldRecordAMessageThatFailsOnEveryAttemptBeforeTheBrokerDeadLettersIt() {
        // A queued message without a ledger entry is recorded again from its envelope (a crash repair), so what fails on
        // every attempt here is a tracking id longer than the ledger can hold: not even the repair can record it.
        String unknown = "tracking-id-longer-than-the-ledger-holds-" + System.nanoTime();

        producer.sendBodyAndHeaders("jms:queue:ketenhub.core", Fixtures.json(Fixtures.dossier(newOin(), newOin(),
                Fixtures.BSNS[9])), java.util.Map.of(Headers.TRACKING_ID, unknown));

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(rejections.latest(50))
                .anySatisfy(r -> {
                    assertThat(r.problemType()).isEqualTo("core-failure");
                    assertThat(r.detail()).contains(unknown).contains("dead-letter queue");
                }));
    }

    private String record(TestPartner vo, TestPartner mbo, String json) {
        return ledger.recordReceived(new MessageLedger.NewMessage(java.util.UUID.randomUUID().toString(), vo.oin(),
                mbo.oin(), "transfer-dossier", null, null, "rest", json.length(), Hashes.sha256(json), json));
    }

    private double failedCount() {
        return meters.find("ketenhub.core.failed").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
