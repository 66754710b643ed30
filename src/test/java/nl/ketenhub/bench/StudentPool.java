package nl.ketenhub.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out synthetic students in turn. Real traffic carries a handful of messages per student; a pool of many
 * thousands keeps the benchmark close to that, so per-student lookups in the hub (consents, pending statuses,
 * transfers) cost what they would cost in production instead of growing with the length of the run. Pools with
 * different first numbers never share a student.
 */
final class StudentPool {

    private final int first;
    private final int size;
    private final AtomicLong next = new AtomicLong();

    StudentPool(int first, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one student");
        }
        this.first = first;
        this.size = size;
    }

    /** The BSN of the next student in turn. */
    String nextBsn() {
        return SyntheticMessages.bsn(first + (int) Math.floorMod(next.getAndIncrement(), (long) size));
    }

    @Override
    public String toString() {
        return size + " students from number " + first;
    }
}
