package nl.ketenhub.bench;

import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark's partners: sending threads that put persistent text messages on a flow's in-queue, and one receiving
 * partner that consumes its out-queue and measures each message's end-to-end latency.
 *
 * <p>Every message carries a unique messageId {@code <tag>-<seq>-<sentNanos>}: the tag names the phase, the sequence
 * number makes it unique (the hub drops repeats), and the send time travels in the message itself (in the envelope's
 * messageId and in the {@code KetenhubMessageId} property, which the hub sets on what it delivers), so the receiver
 * needs no shared state with the senders. All run in one JVM, so {@link System#nanoTime()} is one clock.
 */
final class Traffic {

    static final String MESSAGE_ID = "KetenhubMessageId";
    static final String API_KEY = "KetenhubApiKey";
    /** The origin of the nanosecond timestamps in messageIds (kept positive and short). */
    private static final long ORIGIN = System.nanoTime();

    /**
     * The outcome of one phase.
     *
     * @param sent messages sent
     * @param received messages of this phase the receiving partner got
     * @param throughputPerSecond received per second in the steady part of the phase (closed loop), or overall
     * @param latency end-to-end latency from (scheduled) send to receipt
     * @param usage the topology's CPU, the JVM's heap and GC, and the machine's other load in the phase
     * @param cpuMicrosPerMessage CPU time of the topology's processes per message received
     * @param outliers notes on the slow tail (latency phases only; null otherwise)
     */
    record Result(int sent, int received, double throughputPerSecond, Stats.Latency latency, Resources.Usage usage,
            double cpuMicrosPerMessage, Outliers.Notes outliers) {}

    private final ConnectionFactory factory;
    private final Replies replies;
    private final int producers;

    Traffic(ConnectionFactory factory, Replies replies, int producers) {
        this.factory = factory;
        this.replies = replies;
        this.producers = producers;
    }

    /**
     * Maximum throughput: the senders go as fast as the system takes messages, with at most {@code window} in flight
     * (so no backlog builds up that would outlast the phase). Throughput counts the messages received after the first
     * quarter of the phase (the pipeline filling) up to its end.
     */
    Result closedLoop(Flow flow, String tag, Duration duration, int window) throws Exception {
        Semaphore inFlight = new Semaphore(window);
        try (Receiver receiver = new Receiver(factory, flow.outQueue(), tag, inFlight)) {
            Resources resources = Resources.start();
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            AtomicLong seq = new AtomicLong();
            int sent = send(flow, tag, producers, thread -> new Pacer() {
                    @Override
                    public long next() throws InterruptedException {
                        while (!inFlight.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                            if (System.nanoTime() >= end) {
                                return -1;
                            }
                        }
                        if (System.nanoTime() >= end) {
                            inFlight.release();
                            return -1;
                        }
                        return seq.getAndIncrement();
                    }

                    @Override
                    public long sentAt(long n) {
                        return System.nanoTime();
                    }
                });
            receiver.awaitAll(sent, replies, flow);
            Resources.Usage usage = resources.stop();
            long from = start + duration.toNanos() / 4;
            double throughput = receiver.countBetween(from, end) / ((end - from) / 1e9);
            return new Result(sent, receiver.received(), Stats.round(throughput), receiver.latency(), usage,
                    Stats.round(usage.cpuSeconds() * 1e6 / Math.max(1, receiver.received())), null);
        }
    }

    /**
     * Latency at a fixed offered load: message i is due at start + i / rate, whatever happened to earlier ones
     * (an open loop, so a stall shows up as latency instead of being hidden by a slower sender). Latency counts
     * from the time a message was due.
     */
    Result openLoop(Flow flow, String tag, Duration duration, double ratePerSecond) throws Exception {
        try (Receiver receiver = new Receiver(factory, flow.outQueue(), tag, null)) {
            Outliers.GcWatch gc = new Outliers.GcWatch();
            DiskWatch disks = DiskWatch.start();
            Resources resources = Resources.start();
            long start = System.nanoTime() + 50_000_000L;
            long total = Math.max(1, (long) (ratePerSecond * duration.toNanos() / 1e9));
            double interval = 1e9 / ratePerSecond;
            // twice the senders of the closed loop, so one slow send does not hold back the messages due after it
            int threads = 2 * producers;
            Sends sends = new Sends();
            int sent = send(flow, tag, threads, thread -> new Pacer() {
                private long j;

                @Override
                public long next() {
                    long n = j++ * threads + thread;
                    if (n >= total) {
                        return -1;
                    }
                    long due = start + (long) (n * interval);
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    return n;
                }

                @Override
                public long sentAt(long n) {
                    return start + (long) (n * interval);
                }
            }, sends);
            long last = receiver.awaitAll(sent, replies, flow);
            Resources.Usage usage = resources.stop();
            Outliers.Pauses pauses = gc.stop();
            double throughput = sent / ((last - start) / 1e9);
            long[][] timed = receiver.sentAndLatency();
            Stats.Latency latency = receiver.latency();
            Outliers.Notes notes = Outliers.notes(latency, timed[0], timed[1], timed[0].length, pauses, start,
                    gc.loadAverageStart, usage, disks, sends);
            if (disks != null) {
                disks.close();
            }
            return new Result(sent, receiver.received(), Stats.round(throughput), latency, usage,
                    Stats.round(usage.cpuSeconds() * 1e6 / Math.max(1, receiver.received())), notes);
        }
    }

    /**
     * Puts messages on a flow's in-queue without a receiver (the backlog run) as fast as {@code producers} threads
     * can; answers how many were sent.
     */
    int fill(Flow flow, String tag, int count) throws Exception {
        AtomicLong seq = new AtomicLong();
        return send(flow, tag, producers, thread -> new Pacer() {
            @Override
            public long next() {
                long n = seq.getAndIncrement();
                return n < count ? n : -1;
            }

            @Override
            public long sentAt(long n) {
                return System.nanoTime();
            }
        });
    }

    /** Decides when each sending thread sends its next message. */
    interface Pacer {
        /** The next sequence number, after waiting until it is due; -1 to stop. */
        long next() throws InterruptedException;

        /** The send time recorded for message {@code n}. */
        long sentAt(long n);
    }

    interface PacerFactory {
        Pacer forThread(int thread);
    }

    /**
     * How long the senders' {@code send} calls took (a persistent send returns once the broker has stored the
     * message): the slowest, when it began, and how many took longer than {@value #SLOW_SEND_MS} ms. A stall in
     * accepting messages shows here; one after acceptance shows only in the latency.
     */
    static final class Sends {

        static final long SLOW_SEND_MS = 10;

        private long slowestNanos;
        private long slowestStart;
        private int slow;

        synchronized void record(long start, long end) {
            long took = end - start;
            if (took > slowestNanos) {
                slowestNanos = took;
                slowestStart = start;
            }
            if (took > SLOW_SEND_MS * 1_000_000L) {
                slow++;
            }
        }

        synchronized double slowestMs() {
            return Stats.ms(slowestNanos);
        }

        synchronized long slowestStart() {
            return slowestStart;
        }

        synchronized int slow() {
            return slow;
        }
    }

    private int send(Flow flow, String tag, int threads, PacerFactory pacers) throws Exception {
        return send(flow, tag, threads, pacers, new Sends());
    }

    private int send(Flow flow, String tag, int threads, PacerFactory pacers, Sends sends) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, named("bench-sender"));
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Pacer pacer = pacers.forThread(t);
                counts.add(pool.submit(() -> sendLoop(flow, tag, pacer, sends)));
            }
            int sent = 0;
            for (Future<Integer> count : counts) {
                try {
                    sent += count.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a sending partner failed in " + flow.label(), e.getCause());
                }
            }
            return sent;
        } finally {
            pool.shutdownNow();
        }
    }

    private int sendLoop(Flow flow, String tag, Pacer pacer, Sends sends) throws JMSException, InterruptedException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(flow.inQueue()));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Queue replyTo = flow.replies() ? session.createQueue(BenchHub.REPLY_QUEUE) : null;
            int sent = 0;
            long n;
            while ((n = pacer.next()) >= 0) {
                String id = tag + "-" + n + "-" + (pacer.sentAt(n) - ORIGIN);
                TextMessage message = session.createTextMessage(flow.body(n, id));
                message.setStringProperty(MESSAGE_ID, id);
                if (flow.apiKey() != null) {
                    message.setStringProperty(API_KEY, flow.apiKey());
                }
                if (replyTo != null) {
                    message.setJMSReplyTo(replyTo);
                }
                long begin = System.nanoTime();
                producer.send(message);
                sends.record(begin, System.nanoTime());
                sent++;
            }
            return sent;
        }
    }

    /** The tag part of a messageId, and its send time; null for a messageId the harness did not make. */
    static long[] parse(String messageId, String tag) {
        if (messageId == null || !messageId.startsWith(tag + "-")) {
            return null;
        }
        int last = messageId.lastIndexOf('-');
        int before = messageId.lastIndexOf('-', last - 1);
        if (before != tag.length()) {
            return null;
        }
        return new long[] {Long.parseLong(messageId.substring(before + 1, last)), Long.parseLong(messageId.substring(last + 1))};
    }

    static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * The receiving partner: one thread that consumes the out-queue (auto-acknowledge), reads every body, and records
     * for each message of its phase the latency and the arrival time. Messages of other phases are counted as strays.
     */
    static final class Receiver implements AutoCloseable {

        private final String tag;
        private final Semaphore inFlight;
        private final Connection connection;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile Throwable failure;
        private final AtomicInteger received = new AtomicInteger();
        private final AtomicInteger strays = new AtomicInteger();
        private volatile long lastArrival;
        // written by the receiving thread only; read after it has stopped
        private long[] latencies = new long[4096];
        private long[] arrivals = new long[4096];
        private int count;

        Receiver(ConnectionFactory factory, String queue, String tag, Semaphore inFlight) throws JMSException {
            this.tag = tag;
            this.inFlight = inFlight;
            this.connection = factory.createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            this.thread = named("bench-receiver").newThread(() -> run(consumer));
            thread.start();
        }

        private void run(MessageConsumer consumer) {
            try {
                while (running) {
                    Message m = consumer.receive(50);
                    if (m == null) {
                        continue;
                    }
                    long now = System.nanoTime();
                    long[] parsed = parse(m.getStringProperty(MESSAGE_ID), tag);
                    String body = m instanceof TextMessage t ? t.getText() : null;
                    if (parsed == null || body == null || body.isEmpty()) {
                        strays.incrementAndGet();
                        continue;
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                        arrivals = Arrays.copyOf(arrivals, count * 2);
                    }
                    latencies[count] = now - ORIGIN - parsed[1];
                    arrivals[count] = now;
                    count++;
                    lastArrival = now;
                    received.incrementAndGet();
                    if (inFlight != null) {
                        inFlight.release();
                    }
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        int received() {
            return received.get();
        }

        /**
         * Waits until {@code expected} messages of the phase have arrived; fails loudly when the hub refused any, or
         * when nothing arrives for a minute. Answers the arrival time of the last message.
         */
        long awaitAll(int expected, Replies replies, Flow flow) {
            long[] lastProgress = {System.nanoTime()};
            int[] seen = {-1};
            await().forever().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> {
                if (failure != null) {
                    throw new IllegalStateException("the receiving partner of " + flow.label() + " failed", failure);
                }
                if (flow.replies() && replies != null) {
                    replies.check();
                }
                int now = received.get();
                if (now != seen[0]) {
                    seen[0] = now;
                    lastProgress[0] = System.nanoTime();
                } else if (System.nanoTime() - lastProgress[0] > Duration.ofSeconds(60).toNanos()) {
                    throw new IllegalStateException(flow.label() + ": only " + now + " of " + expected
                            + " messages arrived and none for 60 s (strays " + strays.get() + ")"
                            + (replies == null ? "" : "; replies " + replies.describe()));
                }
                return now >= expected;
            });
            if (flow.replies() && replies != null) {
                replies.check();
            }
            return lastArrival;
        }

        /** Messages that arrived in [from, to). Only after {@link #close()} or {@link #awaitAll}. */
        int countBetween(long from, long to) {
            stopThread();
            int n = 0;
            for (int i = 0; i < count; i++) {
                if (arrivals[i] >= from && arrivals[i] < to) {
                    n++;
                }
            }
            return n;
        }

        /**
         * Each message's due time and latency (nanoseconds), in arrival order; call before {@link #latency()}, which
         * sorts the latencies in place.
         */
        long[][] sentAndLatency() {
            stopThread();
            long[] sent = new long[count];
            long[] latency = Arrays.copyOf(latencies, count);
            for (int i = 0; i < count; i++) {
                sent[i] = arrivals[i] - latencies[i];
            }
            return new long[][] {sent, latency};
        }

        Stats.Latency latency() {
            stopThread();
            return Stats.latency(latencies, count);
        }

        private void stopThread() {
            running = false;
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws JMSException {
            stopThread();
            connection.close();
        }
    }
}
