package nl.ketenhub.consent;

import java.time.LocalDate;
import java.util.Optional;
import nl.ketenhub.canonical.DataCategory;
import nl.ketenhub.partner.Partner;

/** Finds a consent that allows one category of one student's data to reach one recipient on a given day. */
public interface ConsentLookup {

    /**
     * @param subjectPseudonym the student's keyed pseudonym
     * @param parentRequired true when the student is under the age of consent: only a parent's or guardian's counts
     * @param dataSender the OIN of the school that sent the data: only a consent it recorded (or an admin's entry)
     *     releases it
     * @return the id of the consent record that allows it
     */
    Optional<Long> find(String subjectPseudonym, DataCategory category, Partner recipient, LocalDate on, boolean parentRequired,
            String dataSender);

    /** A lookup for one decision about one student: an implementation may read the student's consents once. */
    default ConsentLookup forDecision(String subjectPseudonym) {
        return this;
    }
}
