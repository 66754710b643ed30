package nl.ketenhub.routing;

import java.util.ArrayList;
import java.util.List;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.ledger.DeliveryKind;
import org.springframework.stereotype.Component;

/**
 * Decides who receives a message: the addressed recipient, plus whatever {@link DeliveryContributor}s add (such as
 * notices to a gemeente of residence).
 */
@Component
public class DeliveryPlanner {

    /** Adds derived deliveries for a message. */
    public interface DeliveryContributor {
        List<PlannedDelivery> contribute(String trackingId, Envelope envelope);
    }

    private final List<DeliveryContributor> contributors;

    public DeliveryPlanner(List<DeliveryContributor> contributors) {
        this.contributors = contributors;
    }

    public List<PlannedDelivery> plan(String trackingId, Envelope envelope, String body) {
        List<PlannedDelivery> planned = new ArrayList<>();
        planned.add(new PlannedDelivery(envelope.recipient(), DeliveryKind.PRIMARY,
                PlannedDelivery.key(envelope.sender(), envelope.messageId(), envelope.recipient()), body));
        for (DeliveryContributor contributor : contributors) {
            for (PlannedDelivery extra : contributor.contribute(trackingId, envelope)) {
                if (planned.stream().noneMatch(p -> p.idempotencyKey().equals(extra.idempotencyKey()))) {
                    planned.add(extra);
                }
            }
        }
        return planned;
    }
}
