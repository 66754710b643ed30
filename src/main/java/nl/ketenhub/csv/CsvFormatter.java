package nl.ketenhub.csv;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenhub.delivery.CanonicalJsonFormatter;
import nl.ketenhub.partner.PartnerFormat;
import org.springframework.stereotype.Component;

/**
 * The csv format: the delivery route hands the gated envelope, as canonical JSON, to deliver-file, which stages its
 * CSV rows; csv-outbox-writer writes them with their header into the gemeente's drop directory.
 */
@Component
public class CsvFormatter extends CanonicalJsonFormatter {

    public CsvFormatter(ObjectMapper mapper) {
        super(mapper);
    }

    @Override
    public PartnerFormat format() {
        return PartnerFormat.CSV;
    }
}
