package nl.ketenhub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import nl.ketenhub.ledger.DeliveryKind;
import nl.ketenhub.support.HubIntegrationTest;
import nl.ketenhub.support.MutableClock;
import nl.ketenhub.support.MutableClockConfig;
import nl.ketenhub.web.IntakeOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the hub keeps of refused input is bounded: body size, age and number of entries. */
@Import(MutableClockConfig.class)
class RejectionRetentionIT extends HubIntegrationTest {

    @Autowired
    private IntakeRejections rejections;

    @Autowired
    private MutableClock clock;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private org.apache.camel.CamelContext camel;

    @Test
    void shouldKeepOnlyTheCappedBeginningOfARefusedBodyWithoutControlCharacters() {
        byte[] body = ("{\"a\":\"\u0000\"}" + "x".repeat(100_000)).getBytes(java.nio.charset.StandardCharsets.UTF_8);

        rejections.record("rest", null, rejected("cap-test"), body);

        String kept = jdbc.sql("select body from intake_rejection where message_id = 'cap-test'").query(String.class).single();
        assertThat(kept).startsWith("{\"a\":\"\uFFFD\"}").contains("[truncated at 8192 of " + body.length + " bytes]");
        assertThat(kept.length()).isLessThan(8300);
    }

    @Test
    void shouldDropRefusedMessagesPastTheirRetentionAndBeyondTheCap() {
        rejections.record("rest", null, rejected("old-one"), new byte[10]);
        clock.advance(Duration.ofDays(31));
        for (int i = 0; i < 3; i++) {
            rejections.record("rest", null, rejected("recent-" + i), new byte[10]);
        }

        retentionRoute();
        assertThat(messageIds()).doesNotContain("old-one").contains("recent-0", "recent-1", "recent-2");

        rejections.purgeKeeping(2);
        assertThat(rejections.count()).isEqualTo(2);
        assertThat(messageIds()).containsExactly("recent-2", "recent-1");
    }

    /** One run of the hourly retention route, as its timer runs it. */
    private void retentionRoute() {
        org.apache.camel.Exchange run = new org.apache.camel.support.DefaultExchange(camel);
        try {
            camel.getRoute("intake-retention").getProcessor().process(run);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(run.getException()).as("the retention route's run").isNull();
    }

    @Test
    void shouldClearTheBodyOfAParkedDeliveryReplayedLongAgoButNeverOfOneStillParked() {
        TestPartner vo = register(nl.ketenhub.partner.PartnerKind.VO, nl.ketenhub.partner.Channel.REST, "http://127.0.0.1:9/x");
        TestPartner mbo = register(nl.ketenhub.partner.PartnerKind.MBO, nl.ketenhub.partner.Channel.REST, "http://127.0.0.1:9/x");
        String replayed = park(vo, mbo, "replayed");
        String waiting = park(vo, mbo, "waiting");
        assertThat(parked.markReplayed(replayed, "admin")).isTrue();

        clock.advance(Duration.ofDays(31));
        retentionRoute();

        assertThat(parked.body(replayed)).hasValue("");
        assertThat(parked.body(waiting)).hasValue("{\"body\":\"waiting\"}");
    }

    @Autowired
    private nl.ketenhub.ledger.MessageLedger ledger;

    @Autowired
    private nl.ketenhub.delivery.ParkedDeliveries parked;

    private String park(TestPartner vo, TestPartner mbo, String what) {
        String trackingId = ledger.recordReceived(new nl.ketenhub.ledger.MessageLedger.NewMessage(
                java.util.UUID.randomUUID().toString(), vo.oin(), mbo.oin(), "transfer-dossier", null, null, "rest", 2,
                "h", "{}"));
        var delivery = ledger.createDelivery(trackingId, mbo.oin(), DeliveryKind.PRIMARY, java.util.UUID.randomUUID().toString());
        parked.park(delivery, 12, "gave up", "{\"body\":\"" + what + "\"}");
        return parked.list(mbo.oin(), "PARKED", 10).stream().filter(p -> p.deliveryId().equals(delivery.id()))
                .findFirst().orElseThrow().id();
    }

    private List<String> messageIds() {
        return rejections.latest(1000).stream().map(IntakeRejections.Entry::messageId).toList();
    }

    private static IntakeOutcome.Rejected rejected(String messageId) {
        return new IntakeOutcome.Rejected(HttpStatus.BAD_REQUEST, "invalid-json", "t", "d", List.of(), messageId);
    }
}
