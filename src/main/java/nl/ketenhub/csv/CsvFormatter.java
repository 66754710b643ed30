package nl.ketenhub.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.delivery.OutboundFormatter;
import nl.ketenhub.partner.PartnerFormat;
import org.springframework.stereotype.Component;

/**
 * The csv format: the delivery route hands the gated envelope, as canonical JSON, to deliver-file, which stages its
 * CSV rows; csv-outbox-writer writes them with their header into the gemeente's drop directory.
 */
@Component
public class CsvFormatter implements OutboundFormatter {

    private final ObjectMapper mapper;

    public CsvFormatter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public PartnerFormat format() {
        return PartnerFormat.CSV;
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
