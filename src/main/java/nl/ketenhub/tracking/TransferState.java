package nl.ketenhub.tracking;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import nl.ketenhub.canonical.ApplicationStatus;

/**
 * Where a VO-to-MBO transfer stands. The dossier states (received to rejected) follow the doorstroomdossier; the
 * application states follow the MBO's legally defined statuses, where 'ingeschreven' is {@link #ENROLLED};
 * {@link #SIGNALLED} means the student was reported to the RMC of the gemeente of residence.
 */
public enum TransferState {
    /** Reported by the VO school as expected to go to MBO; no dossier yet. */
    EXPECTED,
    /** The hub accepted the VO school's dossier. */
    RECEIVED,
    /** The consent gate released the dossier to the MBO's delivery (its legal-basis part at least). */
    FORWARDED,
    /** The MBO's system accepted the dossier (transport acknowledgement). */
    DELIVERED,
    /** Delivered, but not acknowledged by the MBO within its acknowledgement period. */
    OVERDUE,
    /** The MBO accepted the dossier (business acknowledgement). */
    ACKNOWLEDGED,
    /** The MBO rejected the dossier, with a reason. */
    REJECTED,
    AANMELDING_ONTVANGEN,
    ONDERWIJSOVEREENKOMST_AANGEBODEN,
    LEIDT_NIET_TOT_INSCHRIJVING,
    INGETROKKEN,
    /** Application status 'ingeschreven': the student is enrolled at the MBO. */
    ENROLLED,
    /** Not enrolled by the RMC deadline: signalled to the gemeente of residence. */
    SIGNALLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a wire name ("aanmelding-ontvangen") or an enum name ("AANMELDING_ONTVANGEN"). */
    public static Optional<TransferState> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String normalised = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(s -> s.name().equals(normalised)).findFirst();
    }

    /** The state an application status puts a transfer in. */
    public static TransferState of(ApplicationStatus.Status status) {
        return switch (status) {
            case AANMELDING_ONTVANGEN -> AANMELDING_ONTVANGEN;
            case ONDERWIJSOVEREENKOMST_AANGEBODEN -> ONDERWIJSOVEREENKOMST_AANGEBODEN;
            case LEIDT_NIET_TOT_INSCHRIJVING -> LEIDT_NIET_TOT_INSCHRIJVING;
            case INGETROKKEN -> INGETROKKEN;
            case INGESCHREVEN -> ENROLLED;
        };
    }

    public boolean isDossierState() {
        return ordinal() >= RECEIVED.ordinal() && ordinal() <= REJECTED.ordinal();
    }

    public boolean isApplicationState() {
        return ordinal() >= AANMELDING_ONTVANGEN.ordinal() && ordinal() <= ENROLLED.ordinal();
    }
}
