package nl.ketenhub.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.partner.PartnerFormat;
import org.springframework.stereotype.Component;

/** Canonical JSON: the envelope as the hub's own schema describes it. */
@Component
public class CanonicalJsonFormatter implements OutboundFormatter {

    private final ObjectMapper mapper;

    public CanonicalJsonFormatter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public PartnerFormat format() {
        return PartnerFormat.CANONICAL_JSON;
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public String render(Envelope gated) {
        try {
            return mapper.writeValueAsString(gated);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render envelope " + gated.messageId(), e);
        }
    }
}
