package nl.ketenhub.tracking;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the test moves by hand: the hub's only time source in the tracking tests. */
public class TestClock extends Clock {

    private final AtomicReference<Instant> now;

    public TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    /** Moves to 09:00 in Amsterdam on the given day (yyyy-MM-dd). */
    public void setDay(String isoDate) {
        set(java.time.LocalDate.parse(isoDate).atTime(9, 0).atZone(ZoneId.of("Europe/Amsterdam")).toInstant());
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        TestClock outer = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return outer.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return outer.withZone(other);
            }
        };
    }
}
