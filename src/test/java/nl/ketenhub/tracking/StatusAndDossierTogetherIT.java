package nl.ketenhub.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import nl.ketenhub.bench.SyntheticMessages;
import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.partner.PartnerKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A student's dossier and the MBO's application status about that student handled at the same moment, as two core
 * consumers do: whichever of the two transactions commits first, the status ends on the transfer and is never left
 * unmatched. Each round holds the first message's transaction open until the second has run as far as it can (done,
 * or waiting for the student's lock the first holds), then commits it: the interleaving in which, without that lock,
 * each transaction misses the other's uncommitted row.
 */
class StatusAndDossierTogetherIT extends TrackingIntegrationTest {

    private static final int ROUNDS = 5;

    @Autowired
    private TransferCorrelator transfers;

    @Autowired
    private PlatformTransactionManager transactions;

    @Autowired
    private JdbcClient db;

    @Autowired
    private ObjectMapper hubMapper;

    @Test
    void shouldMatchTheStatusWhenTheDossierCommitsWhileTheStatusIsBeingApplied() throws Exception {
        clock.setDay("2027-04-12");
        School vo = school(PartnerKind.VO, "14AD", null);
        School mbo = school(PartnerKind.MBO, "34ZD", 10);
        for (int round = 0; round < ROUNDS; round++) {
            Student s = student(100 + round);
            together(status(mbo, vo, s, "aanmelding-ontvangen", "2027-04-12"), dossier(vo, mbo, s));
        }
        assertEveryStatusMatched(vo);
    }

    @Test
    void shouldMatchTheStatusWhenItIsAppliedWhileTheDossierIsBeingCommitted() throws Exception {
        clock.setDay("2027-04-12");
        School vo = school(PartnerKind.VO, "15AE", null);
        School mbo = school(PartnerKind.MBO, "35ZE", 10);
        for (int round = 0; round < ROUNDS; round++) {
            Student s = student(200 + round);
            together(dossier(vo, mbo, s), status(mbo, vo, s, "aanmelding-ontvangen", "2027-04-12"));
        }
        assertEveryStatusMatched(vo);
    }

    /**
     * Applies {@code first} in a transaction that stays open while {@code second} is applied on another thread; commits
     * it once the second is done or waits for it.
     */
    private void together(ObjectNode first, ObjectNode second) throws Exception {
        Envelope a = hubMapper.treeToValue(first, Envelope.class);
        Envelope b = hubMapper.treeToValue(second, Envelope.class);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch firstApplied = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        try {
            Future<?> one = pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                transfers.apply(UUID.randomUUID().toString(), a);
                firstApplied.countDown();
                try {
                    assertThat(commitFirst.await(60, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(firstApplied.await(60, TimeUnit.SECONDS)).as("first message applied").isTrue();
            AtomicReference<Thread> applying = new AtomicReference<>();
            Future<?> two = pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                // H2 gives up waiting for a lock after 2 s (the hub then has the broker redeliver); this test commits
                // the first transaction as soon as the second waits, which a busy machine may take longer to see
                db.sql("set lock_timeout 60000").update();
                try {
                    applying.set(Thread.currentThread());
                    transfers.apply(UUID.randomUUID().toString(), b);
                } finally {
                    db.sql("set lock_timeout 2000").update();
                }
            }));
            await("second message applied or waiting for the first").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> two.isDone() || waitsForALock(applying.get()));
            commitFirst.countDown();
            one.get(60, TimeUnit.SECONDS);
            two.get(60, TimeUnit.SECONDS);
        } finally {
            commitFirst.countDown();
            pool.shutdownNow();
        }
    }

    /**
     * Whether the thread is taking the student's lock: the first transaction holds it until it commits, so the thread
     * waits there (H2 retries the statement until the row is free).
     */
    private static boolean waitsForALock(Thread thread) {
        return thread != null && Arrays.stream(thread.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(TransferRepository.class.getName())
                        && f.getMethodName().equals("lockStudents"));
    }

    private void assertEveryStatusMatched(School vo) {
        assertThat(db.sql("select count(*) from transfer_pending where vo_oin = ? and applied_at is null")
                .param(vo.oin()).query(Long.class).single())
                .as("statuses left waiting although the dossier of their student was recorded").isZero();
        assertThat(db.sql("select count(*) from transfer where vo_oin = ?").param(vo.oin()).query(Long.class).single())
                .isEqualTo(ROUNDS);
        assertThat(db.sql("select application_status from transfer where vo_oin = ?").param(vo.oin())
                .query(String.class).list())
                .as("every transfer knows the status sent with its dossier").containsOnly("AANMELDING_ONTVANGEN");
    }

    private static Student student(int n) {
        return new Student("S" + n, SyntheticMessages.bsn(710_000 + n), "2010-05-14", "0901", false);
    }
}
