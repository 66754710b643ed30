package nl.ketenhub.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenhub.bench.SyntheticMessages;
import nl.ketenhub.partner.PartnerKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Transfer tracking runs inside the core step's one database transaction. When it fails on a message after it has
 * started writing, the message is still routed and delivered, and nothing of what tracking wrote for it is kept: the
 * tracking rolls back to its own savepoint, not the whole step (which would send the message round the broker's
 * redeliveries into the dead-letter queue).
 *
 * <p>The tracking scans stay off: stubbing a spy is not safe while other threads call it (Mockito takes the next call
 * on the spy, from any thread, as the one being stubbed).
 */
@TestPropertySource(properties = "ketenhub.tracking.scan-delay=1h")
class TrackingFailureIT extends TrackingIntegrationTest {

    @MockitoSpyBean
    private TransferRepository repository;

    @Autowired
    private JdbcClient db;

    @Test
    void shouldDeliverAMessageWhoseTrackingFailsAndKeepNoneOfItsTrackingWrites() {
        clock.setDay("2027-04-12");
        School vo = school(PartnerKind.VO, "16AF", null);
        School mbo = school(PartnerKind.MBO, "36ZF", 10);
        Student student = new Student("S1", SyntheticMessages.bsn(720_001), "2010-05-14", "0901", false);
        // a status before its dossier is kept as pending: fail there, after tracking marked the message applied
        doThrow(new IllegalStateException("tracking failed")).when(repository).addPending(any());

        String trackingId = accepted(mbo, status(mbo, vo, student, "aanmelding-ontvangen", "2027-04-12"));

        JsonNode view = awaitSettled(trackingId);
        verify(repository, atLeastOnce()).addPending(any());
        assertThat(view.path("state").asText()).isEqualTo("DELIVERED");
        assertThat(deliveriesOf(view, "primary", vo.oin())).isEqualTo(1);
        assertThat(view.path("deliveries").get(0).path("state").asText()).isEqualTo("DELIVERED");
        assertThat(vo.system().accepted()).hasSize(1);
        assertThat(db.sql("select count(*) from transfer_message where tracking_id = ?").param(trackingId)
                .query(Long.class).single())
                .as("the tracking's mark that it applied the message, rolled back with the rest of it").isZero();
        assertThat(db.sql("select count(*) from transfer_pending where tracking_id = ?").param(trackingId)
                .query(Long.class).single()).isZero();
    }
}
