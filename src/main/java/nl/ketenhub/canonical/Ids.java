package nl.ketenhub.canonical;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * New keys for the ledger's rows (tracking ids, delivery, transfer and report ids): UUIDs of version 7 (RFC 9562),
 * whose first 48 bits are the time in milliseconds and the rest random, in their usual text form.
 *
 * <p>Why not random (version 4) UUIDs: every table and index keyed by such an id takes a new row at a random place
 * in its B-tree, so each message changed a different page of every one of them, and the embedded database wrote
 * each of those pages out whole at its next store. Ids that grow with time land on the last pages, which many
 * messages share. The text sorts as the time does (fixed width, lower-case hex). An id says when it was made, to the
 * millisecond, which the ledger records beside it anyway; 74 random bits keep it unguessable.
 */
public final class Ids {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {}

    /** A new time-ordered id, e.g. {@code 019ae4a1-7c3b-7d2e-9f41-0a6b2c8d1e55}. */
    public static String next() {
        return GENERATOR.generate().toString();
    }
}
