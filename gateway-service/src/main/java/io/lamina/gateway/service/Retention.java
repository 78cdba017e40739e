package io.lamina.gateway.service;

import io.lamina.gateway.Job;
import io.lamina.gateway.Status;
import io.lamina.gateway.StoredFile;
import io.lamina.gateway.config.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Forgets finished jobs, files and Idempotency-Keys past their time to live ({@code lamina.retention.*},
 * {@code lamina.jobs.idempotency-key-ttl}). The bytes stay in the content-addressed blob store, which another file may
 * still share; collecting unreferenced blobs is not done yet.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    @Inject
    GatewayConfig config;

    @Inject
    IdempotencyKeys idempotencyKeys;

    public record Purged(long jobs, long files, long idempotencyKeys) {
    }

    @Scheduled(every = "${lamina.retention.every:1h}", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Purged purged = purge();
        if (purged.jobs() + purged.files() + purged.idempotencyKeys() > 0) {
            LOG.infof("retention: forgot %d jobs, %d files, %d idempotency keys", purged.jobs(), purged.files(),
                    purged.idempotencyKeys());
        }
    }

    @Transactional
    public Purged purge() {
        Instant now = Instant.now();
        long jobs = Job.delete("status in (?1, ?2, ?3) and finishedAt < ?4", Status.SUCCEEDED, Status.FAILED,
                Status.CANCELLED, now.minus(config.retention().jobs()));
        long files = StoredFile.delete("createdAt < ?1", now.minus(config.retention().files()));
        long keys = idempotencyKeys.expire();
        return new Purged(jobs, files, keys);
    }
}
