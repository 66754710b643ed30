package nl.ketenhub.csv;

import java.util.List;
import java.util.Map;

/** The documented column sets of the CSV files (connectors/csv-file/README.md), one per kind of file. */
public final class CsvColumns {

    /** Outbound: in- and uitschrijvingen of residents (one row per notice). */
    public static final List<String> ENROLMENT_NOTICES = List.of("messageId", "sender", "kind", "effectiveDate", "bsn",
            "onderwijsnummer", "birthDate", "gemeentecode", "hasStartkwalificatie", "schoolBrin", "schoolVestigingscode",
            "schoolName", "schoolYear", "destinationBrin", "destinationName");

    /** Outbound: MBO application statuses (one row per status). */
    public static final List<String> APPLICATION_STATUSES = List.of("messageId", "sender", "status", "statusDate", "bsn",
            "onderwijsnummer", "birthDate", "gemeentecode", "hasStartkwalificatie", "schoolYear", "mboBrin", "mboName",
            "voBrin", "voName");

    /** Outbound: leavers a VO school expects to go to MBO (one row per leaver). */
    public static final List<String> EXPECTED_TRANSFERS_OUT = List.of("messageId", "sender", "schoolYear", "voBrin", "voName",
            "bsn", "onderwijsnummer", "birthDate", "gemeentecode", "hasStartkwalificatie", "expectedLeavingDate", "mboBrin",
            "mboName");

    /** Outbound: the hub's own notifications, such as RMC signals (one row per notification). */
    public static final List<String> NOTIFICATIONS = List.of("messageId", "kind", "text", "bsn", "onderwijsnummer",
            "birthDate", "gemeentecode", "schoolYear", "voBrin", "mboBrin", "state", "dueDate", "relatesToMessageId");

    /** Inbound from a VO school: expected transfers (one row per leaver). */
    public static final List<String> EXPECTED_TRANSFERS_IN = List.of("bsn", "onderwijsnummer", "birthDate", "gemeentecode",
            "hasStartkwalificatie", "expectedLeavingDate", "schoolYear", "mboBrin", "mboName", "crebo");

    /** File kind (the first part of an outbound file name) per message type. */
    public static final Map<String, String> KIND_BY_TYPE = Map.of(
            "enrolment-notice", "enrolment-notices",
            "application-status", "application-statuses",
            "expected-transfer", "expected-transfers",
            "notification", "notifications");

    /** Columns per outbound file kind. */
    public static final Map<String, List<String>> OUTBOUND = Map.of(
            "enrolment-notices", ENROLMENT_NOTICES,
            "application-statuses", APPLICATION_STATUSES,
            "expected-transfers", EXPECTED_TRANSFERS_OUT,
            "notifications", NOTIFICATIONS);

    private CsvColumns() {}
}
