package nl.ketenhub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import nl.ketenhub.ledger.DeliveryKind;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.DeliveryState;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerFormat;
import nl.ketenhub.partner.PartnerKind;
import nl.ketenhub.partner.PartnerService;
import nl.ketenhub.routing.LedgerRepair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** When the delivery route treats a delivery as already made and sends nothing. */
class DeliveryServiceTest {

    private final DeliveryService service = new DeliveryService(mock(MessageLedger.class), mock(PartnerService.class),
            mock(ForwardingGate.class), new ObjectMapper(), Clock.systemUTC(), new SimpleMeterRegistry(), List.of(),
            List.of(), mock(DeliveryEndpoint.class), mock(LedgerRepair.class));

    @ParameterizedTest
    @EnumSource(Channel.class)
    void shouldSendADeliveryTheLedgerDoesNotRecordAsDelivered(Channel channel) {
        for (DeliveryState state : DeliveryState.values()) {
            if (state != DeliveryState.DELIVERED) {
                assertThat(service.alreadyDelivered(delivery(state), partner(channel), false)).as(state.name()).isFalse();
                assertThat(service.alreadyDelivered(delivery(state), partner(channel), true)).as(state.name()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void shouldDropADeliveryTheLedgerRecordsAsDeliveredOnAFirstDelivery(Channel channel) {
        assertThat(service.alreadyDelivered(delivery(DeliveryState.DELIVERED), partner(channel), false)).isTrue();
        assertThat(service.alreadyDelivered(delivery(DeliveryState.DELIVERED), partner(channel), null)).isTrue();
    }

    @Test
    void shouldSendAgainOnAJmsRedeliveryBecauseTheEarlierSendRolledBackWithTheConsumption() {
        assertThat(service.alreadyDelivered(delivery(DeliveryState.DELIVERED), partner(Channel.JMS), true)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = Channel.class, names = "JMS", mode = EnumSource.Mode.EXCLUDE)
    void shouldNotSendAgainOnARedeliveryOverAChannelWhoseSendDoesNotRollBack(Channel channel) {
        assertThat(service.alreadyDelivered(delivery(DeliveryState.DELIVERED), partner(channel), true)).isTrue();
    }

    private static DeliveryRecord delivery(DeliveryState state) {
        Instant now = Instant.now();
        return new DeliveryRecord("d-1", "t-1", "00000099700000000101", DeliveryKind.PRIMARY, "vo/m-1|mbo", state, 1,
                null, now, now, state == DeliveryState.DELIVERED ? now : null);
    }

    private static Partner partner(Channel channel) {
        Instant now = Instant.now();
        return new Partner("00000099700000000101", "MBO", PartnerKind.MBO, "25XA", null, channel,
                "https://mbo.example/inbox", PartnerFormat.CANONICAL_JSON, "kh_x", 10, true, false, now, now, now);
    }
}
