package io.lamina.gateway.service;

import io.lamina.gateway.Job;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Lets a synchronous request wait for its job to end. A job that ends in this process wakes its waiter right after the
 * commit; a job finished by another gateway replica is seen by the periodic re-read.
 */
@ApplicationScoped
public class JobWaiters {

    private static final long RECHECK_MILLIS = 250;

    private final Map<UUID, Object> monitors = new ConcurrentHashMap<>();

    @Inject
    TransactionSynchronizationRegistry txRegistry;

    /** Waits until the job is finished or {@code timeout} passes; true when it finished. */
    public boolean await(UUID jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object monitor = monitors.computeIfAbsent(jobId, id -> new Object());
        try {
            while (true) {
                if (isFinished(jobId)) {
                    return true;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                synchronized (monitor) {
                    monitor.wait(Math.min(left, RECHECK_MILLIS));
                }
            }
        } finally {
            monitors.remove(jobId);
        }
    }

    /** Called inside the transaction that ends the job; wakes the waiter once that transaction has committed. */
    void finished(UUID jobId) {
        txRegistry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                Object monitor = monitors.get(jobId);
                if (status == Status.STATUS_COMMITTED && monitor != null) {
                    synchronized (monitor) {
                        monitor.notifyAll();
                    }
                }
            }
        });
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean isFinished(UUID jobId) {
        Job job = Job.findById(jobId);
        return job != null && job.isFinished();
    }
}
