package nl.ketenhub.consent;

import java.time.LocalDate;
import java.util.Optional;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.partner.Partner;

import org.springframework.stereotype.Component;

/** Used while no consent registry is configured: no consent is ever found, so consent categories are held. */
@Component

class NoConsentYet implements ConsentLookup {

    @Override
    public Optional<Long> find(String subjectPseudonym, DataCategory category, Partner recipient, LocalDate on,
            boolean parentRequired) {
        return Optional.empty();
    }
}
