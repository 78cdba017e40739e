package io.lamina.webhook.delivery;

import io.lamina.webhook.config.WebhookConfig;
import io.lamina.webhook.service.Attempt;
import io.lamina.webhook.service.ClaimedMessage;
import io.lamina.webhook.service.DeliveryService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves due messages to the delivery pool: claims only as many as there are free pool slots (so a claimed message
 * never waits in a queue while its lease runs), sends each on the pool, then records the result. Runs on a timer
 * and whenever a new message is stored.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    @Inject
    WebhookConfig config;

    @Inject
    DeliveryService deliveries;

    @Inject
    WebhookSender sender;

    @Inject
    MeterRegistry registry;

    private ExecutorService pool;
    private ExecutorService waker;
    private Semaphore slots;
    private final ReentrantLock dispatching = new ReentrantLock();
    private final AtomicBoolean wakePending = new AtomicBoolean();

    @PostConstruct
    void init() {
        slots = new Semaphore(config.concurrency());
        pool = Executors.newFixedThreadPool(config.concurrency(), named("webhook-delivery"));
        waker = Executors.newSingleThreadExecutor(named("webhook-dispatch"));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        waker.shutdownNow();
        pool.shutdown();
        // Messages still in flight after this keep their lease and are sent again after it ends.
        pool.awaitTermination(config.timeout().toSeconds() + 1, TimeUnit.SECONDS);
    }

    @Scheduled(every = "${lamina.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        dispatchDue();
    }

    /** Asks for a dispatch round soon; called after a message is stored and after each attempt. */
    public void wake() {
        if (wakePending.compareAndSet(false, true)) {
            waker.execute(() -> {
                wakePending.set(false);
                dispatchDue();
            });
        }
    }

    void dispatchDue() {
        if (!dispatching.tryLock()) {
            return;
        }
        try {
            int free = slots.availablePermits();
            while (free > 0) {
                List<ClaimedMessage> claimed = deliveries.claimDue(free);
                for (ClaimedMessage m : claimed) {
                    slots.acquireUninterruptibly();
                    pool.execute(() -> deliver(m));
                }
                if (claimed.size() < free) {
                    return;
                }
                free = slots.availablePermits();
            }
        } catch (RuntimeException e) {
            LOG.warnf("claiming due webhook messages failed, next round retries: %s", e.toString());
        } finally {
            dispatching.unlock();
        }
    }

    private void deliver(ClaimedMessage m) {
        MDC.put("messageId", m.id());
        if (m.jobId() != null) {
            MDC.put("jobId", m.jobId());
        }
        MDC.put("tenantId", m.tenantId());
        try {
            Attempt attempt = sender.send(m);
            DeliveryService.Result result = deliveries.record(m, attempt);
            registry.counter("lamina.webhook.attempts", "result", result.name().toLowerCase(Locale.ROOT)).increment();
            LOG.debugf("attempt %d of delivery %d (%s): %s -> %s", m.attemptNo(), m.deliveryId(), m.id(),
                    attempt.outcome(), result);
        } catch (RuntimeException e) {
            // The message keeps its lease and is attempted again when the lease ends.
            LOG.errorf(e, "attempt %d of delivery %d (%s) could not be completed", m.attemptNo(), m.deliveryId(), m.id());
        } finally {
            slots.release();
            MDC.remove("messageId");
            MDC.remove("jobId");
            MDC.remove("tenantId");
            wake();
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
