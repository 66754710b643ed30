package nl.ketenhub.security;

import java.util.List;

/**
 * What the authority rules need to know of the transfers the hub tracks. Tracking owns the transfer table and
 * implements this port, so security asks instead of reading tracking's table.
 */
public interface StudentTransfers {

    /** Whether the hub holds a transfer of the student (by keyed pseudonym) from this VO school. */
    boolean fromSchool(String studentPseudonym, String voOin);

    /** The VO schools the hub holds transfers of the student from in any of these school years. */
    List<String> voSchools(String studentPseudonym, List<String> schoolYears);
}
