package nl.ketenhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import nl.ketenhub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A message's summary state follows its deliveries, whatever the order in which they finish. */
class MessageStateIT extends HubIntegrationTest {

    private static final int ROUNDS = 150;

    @Autowired
    private MessageLedger ledger;

    @Test
    void shouldBeDeliveredWhenTwoDeliveriesOfOneMessageFinishAtTheSameMoment() throws Exception {
        assertThat(new SummaryStateRaces(ledger).race(ROUNDS, DeliveryState.DELIVERED, DeliveryState.DELIVERED,
                MessageState.DELIVERED)).as("messages not DELIVERED although both deliveries were delivered").isEmpty();
    }

    @Test
    void shouldBeParkedWhenOneDeliveryIsParkedWhileTheOtherIsDeliveredAtTheSameMoment() throws Exception {
        assertThat(new SummaryStateRaces(ledger).race(ROUNDS / 3, DeliveryState.DELIVERED, DeliveryState.PARKED,
                MessageState.PARKED)).as("messages not PARKED although one delivery was parked").isEmpty();
    }

    @Test
    void shouldStayRoutedWhileOneDeliveryIsStillQueued() throws Exception {
        assertThat(new SummaryStateRaces(ledger).race(ROUNDS / 3, DeliveryState.DELIVERED, DeliveryState.QUEUED,
                MessageState.ROUTED)).as("messages not ROUTED although one delivery is still queued").isEmpty();
    }
}
