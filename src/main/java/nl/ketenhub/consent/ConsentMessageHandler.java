package nl.ketenhub.consent;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenhub.canonical.ConsentPayload;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.routing.HubMessageHandler;
import org.springframework.stereotype.Component;

/** Consent messages that come through the normal intake (addressed to the hub) go into the registry. */
@Component
public class ConsentMessageHandler implements HubMessageHandler {

    private final ConsentService consents;
    private final ObjectMapper mapper;

    public ConsentMessageHandler(ConsentService consents, ObjectMapper mapper) {
        this.consents = consents;
        this.mapper = mapper;
    }

    @Override
    public MessageType handles() {
        return MessageType.CONSENT;
    }

    @Override
    public void handle(String trackingId, Envelope envelope) {
        ConsentPayload payload = envelope.payloadAs(mapper, ConsentPayload.class);
        consents.record(payload, ConsentService.SOURCE_MESSAGE, trackingId, envelope.sender(), null);
    }
}
