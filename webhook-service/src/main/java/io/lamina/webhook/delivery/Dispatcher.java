package io.lamina.webhook.delivery;

import io.agroal.api.AgroalDataSource;
import io.lamina.net.UrlGuard;
import io.lamina.webhook.config.WebhookConfig;
import io.lamina.webhook.service.Attempt;
import io.lamina.webhook.service.ClaimedMessage;
import io.lamina.webhook.service.DeliveryService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Moves due deliveries through three stages, each batched or concurrent so that no delivery waits for another's
 * round trip:
 *
 * <ol>
 *   <li><b>claim</b> (the {@code webhook-dispatch} thread): takes up to {@code batch-size} due deliveries in one short
 *       transaction, in due order, while fewer than {@code concurrency + batch-size} claimed deliveries wait for a
 *       sending slot or are in flight, so the next claim runs while the previous one is being sent. A delivery that
 *       waited for a slot until its lease has less than {@code timeout} + 5 s left is not sent: it stays pending and is
 *       claimed again when the lease ends. The claim runs again at once while claims come back full, when woken (a
 *       new message, a replay, a finished attempt), when the earliest pending delivery falls due (looked up after
 *       every claim that was not full), and otherwise every {@code poll-interval}.</li>
 *   <li><b>send</b>: each claimed delivery is checked by the SSRF guard and signed on a {@code webhook-delivery}
 *       thread (DNS may block there), then sent asynchronously over the keep-alive client; at most
 *       {@code concurrency} requests are in flight.</li>
 *   <li><b>record</b> (the {@code webhook-record} thread): finished attempts are written in batches, one transaction
 *       per batch (attempt rows, status and schedule changes). A batch that cannot be written is retried one attempt
 *       per transaction; an attempt that still cannot be written keeps its lease and is sent again after it.</li>
 * </ol>
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    @Inject
    WebhookConfig config;

    @Inject
    DeliveryService deliveries;

    @Inject
    MeterRegistry registry;

    @Inject
    Vertx vertx;

    @Inject
    AgroalDataSource dataSource;

    private WebhookSender sender;
    private ExecutorService senders;
    /** Requests in flight. */
    private Semaphore sending;
    /** Claimed deliveries waiting for a sending slot or in flight: concurrency + batch size (see {@link #claimLoop}). */
    private Semaphore claimedBudget;
    /** Claimed deliveries not yet recorded: in flight, or finished and waiting for the recorder. */
    private Semaphore unrecorded;
    private final BlockingQueue<DeliveryService.Finished> finished = new LinkedBlockingQueue<>();
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private int claimThreshold;
    private Duration minimumLease;
    private Thread claimer;
    private Thread recorder;

    void start(@Observes StartupEvent ignored) {
        int concurrency = config.concurrency();
        sender = new WebhookSender(vertx, UrlGuard.allowing(config.allowedHosts().orElse(List.of())), config.timeout(),
                concurrency, null);
        senders = Executors.newFixedThreadPool(concurrency, named("webhook-delivery"));
        sending = new Semaphore(concurrency);
        int budget = concurrency + config.batchSize();
        claimedBudget = new Semaphore(budget);
        minimumLease = config.timeout().plusSeconds(5);
        unrecorded = new Semaphore(2 * concurrency + 3 * config.batchSize());
        claimThreshold = Math.max(1, Math.min(config.batchSize(), budget / 2));
        running = true;
        claimer = named("webhook-dispatch").newThread(this::claimLoop);
        recorder = named("webhook-record").newThread(this::recordLoop);
        claimer.start();
        recorder.start();
        if (config.lease().compareTo(config.timeout().multipliedBy(2).plusSeconds(10)) < 0) {
            LOG.warnf("lamina.webhooks.lease (%s) should exceed twice lamina.webhooks.timeout (%s) plus 10 s: claimed "
                    + "deliveries that wait for a sending slot would often be left for the next claim",
                    config.lease(), config.timeout());
        }
        LOG.infof("webhook deliveries: concurrency %d, batch %d, poll every %s, timeout %s", concurrency,
                config.batchSize(), config.pollInterval(), config.timeout());
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        running = false;
        wake();
        claimer.join(config.timeout().toMillis());
        // Attempts still in flight finish or time out; what is not recorded by then keeps its lease and is sent again.
        long deadline = System.nanoTime() + config.timeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
        int total = 2 * config.concurrency() + 3 * config.batchSize();
        while (unrecorded.availablePermits() < total && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        recorder.interrupt();
        recorder.join(TimeUnit.SECONDS.toMillis(5));
        senders.shutdownNow();
        sender.close();
    }

    /** Asks for a claim round now; called after a message is stored or replayed and whenever a slot frees up. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void claimLoop() {
        while (running) {
            // Claims run ahead of the sending slots by up to one batch, so that requests keep flowing while the next
            // claim runs; a delivery whose lease has run too short while it waited is not sent (see send).
            int free = Math.min(Math.min(claimedBudget.availablePermits(), unrecorded.availablePermits()),
                    config.batchSize());
            boolean full = false;
            long waitMillis = config.pollInterval().toMillis();
            // Below the threshold, attempts are in flight or being recorded and each of them wakes this loop when it
            // ends; waiting for a few free places saves a claim transaction per delivery.
            if (free >= claimThreshold) {
                try {
                    List<ClaimedMessage> claimed = deliveries.claimDue(free);
                    for (ClaimedMessage m : claimed) {
                        claimedBudget.acquireUninterruptibly();
                        unrecorded.acquireUninterruptibly();
                        senders.execute(() -> send(m));
                    }
                    full = claimed.size() == free;
                    if (claimed.isEmpty()) {
                        // (After a claim that did take some, their attempts wake this loop when they end.)
                        waitMillis = untilNextDue(waitMillis);
                    }
                } catch (RuntimeException e) {
                    LOG.warnf("claiming due webhook deliveries failed, next round retries: %s", e.toString());
                }
            }
            if (!full) {
                awaitSignal(waitMillis);
            }
        }
    }

    /**
     * How long the claim loop may sleep: until the earliest pending delivery is due (a scheduled retry, or the end of
     * a lease, claimed here or by another replica), at most {@code limit}. Whatever becomes due later than this look
     * without waking this replica (a message stored or replayed by another replica) is found by the next look, at most
     * {@code poll-interval} later.
     */
    private long untilNextDue(long limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select min(next_attempt_at) from deliveries where status = 'pending'");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                Timestamp next = rs.getTimestamp(1);
                if (next != null) {
                    return Math.max(1, Math.min(limit, next.getTime() - System.currentTimeMillis() + 1));
                }
            }
            return limit;
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("looking up the next due delivery failed: %s", e.toString());
            return limit;
        }
    }

    private void awaitSignal(long millis) {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(Math.max(1, millis));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    private void send(ClaimedMessage m) {
        sending.acquireUninterruptibly();
        if (!running || Instant.now().plus(minimumLease).isAfter(m.leaseUntil())) {
            // Shutting down, or waited too long for a slot (every slot busy with slow endpoints): an attempt now could
            // outlive the lease and be sent twice. Left alone, the delivery stays pending and is claimed again when
            // its lease ends.
            if (running) {
                LOG.infof("delivery %d (%s) not sent: its lease ends at %s; claimed again after it", m.deliveryId(),
                        m.id(), m.leaseUntil());
            }
            sending.release();
            claimedBudget.release();
            unrecorded.release();
            wake();
            return;
        }
        try {
            sender.send(m).whenComplete((attempt, error) -> done(m, attempt != null ? attempt
                    : new Attempt(Instant.now(), 0, new Attempt.NoAnswer(String.valueOf(error)))));
        } catch (RuntimeException e) {
            LOG.errorf(e, "attempt %d of delivery %d (%s) could not be started", m.attemptNo(), m.deliveryId(), m.id());
            done(m, new Attempt(Instant.now(), 0, new Attempt.NoAnswer(e.toString())));
        }
    }

    private void done(ClaimedMessage m, Attempt attempt) {
        finished.add(new DeliveryService.Finished(m, attempt));
        sending.release();
        claimedBudget.release();
        wake();
    }

    private void recordLoop() {
        List<DeliveryService.Finished> batch = new ArrayList<>(config.batchSize());
        while (true) {
            try {
                batch.add(finished.take());
            } catch (InterruptedException e) {
                finished.drainTo(batch);
                if (!batch.isEmpty()) {
                    record(batch);
                }
                return;
            }
            finished.drainTo(batch, config.batchSize() - 1);
            record(batch);
            batch.clear();
        }
    }

    private void record(List<DeliveryService.Finished> batch) {
        try {
            count(batch, deliveries.recordAll(batch));
        } catch (RuntimeException batchFailed) {
            LOG.warnf("recording %d webhook attempts together failed (%s); recording them one by one", batch.size(),
                    batchFailed.toString());
            for (DeliveryService.Finished f : batch) {
                ClaimedMessage m = f.message();
                try {
                    count(List.of(f), deliveries.recordAll(List.of(f)));
                } catch (RuntimeException e) {
                    // The delivery keeps its lease and is attempted again when the lease ends.
                    LOG.errorf(e, "attempt %d of delivery %d (%s) could not be recorded", m.attemptNo(),
                            m.deliveryId(), m.id());
                }
            }
        } finally {
            unrecorded.release(batch.size());
            wake();
        }
    }

    private void count(List<DeliveryService.Finished> batch, List<DeliveryService.Result> results) {
        for (int i = 0; i < results.size(); i++) {
            DeliveryService.Result result = results.get(i);
            registry.counter("lamina.webhook.attempts", "result", result.name().toLowerCase(Locale.ROOT)).increment();
            if (LOG.isDebugEnabled()) {
                ClaimedMessage m = batch.get(i).message();
                LOG.debugf("attempt %d of delivery %d (%s) for tenant %s: %s -> %s", m.attemptNo(), m.deliveryId(),
                        m.id(), m.tenantId(), batch.get(i).attempt().outcome(), result);
            }
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
