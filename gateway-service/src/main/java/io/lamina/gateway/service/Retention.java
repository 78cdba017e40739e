package io.lamina.gateway.service;

import io.lamina.gateway.Job;
import io.lamina.gateway.Status;
import io.lamina.gateway.StoredFile;
import io.lamina.gateway.config.GatewayConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Forgets finished jobs, files and Idempotency-Keys past their time to live ({@code lamina.retention.*},
 * {@code lamina.jobs.idempotency-key-ttl}), then deletes the bytes that nothing references any more
 * ({@link BlobCollector}, {@code lamina.retention.blobs.*}): a blob another file or job still uses stays.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    @Inject
    GatewayConfig config;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    BlobCollector blobCollector;

    /**
     * What a run removed: rows, then unreferenced blobs and their bytes ({@code blobs} is 0 when blob collection is
     * disabled or another gateway was collecting).
     */
    public record Purged(long jobs, long files, long idempotencyKeys, long blobs, long blobBytes) {
    }

    private record Rows(long jobs, long files, long idempotencyKeys) {
    }

    @Scheduled(every = "${lamina.retention.every:1h}", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Rows rows = purgeRows();
        if (rows.jobs() + rows.files() + rows.idempotencyKeys() > 0) {
            LOG.infof("retention: forgot %d jobs, %d files, %d idempotency keys", rows.jobs(), rows.files(),
                    rows.idempotencyKeys());
        }
        try {
            BlobCollector.Collected blobs = blobCollector.collect();
            if (blobs.deleted() > 0) {
                LOG.infof("retention: deleted %d unreferenced blobs (%d bytes)", blobs.deleted(), blobs.deletedBytes());
            }
        } catch (RuntimeException e) {
            // The rows are gone already; the bytes wait for the next run.
            LOG.errorf(e, "retention: blob collection failed");
        }
    }

    /** Removes expired rows (committed), then collects the blobs they were the last to reference. */
    public Purged purge() {
        Rows rows = purgeRows();
        BlobCollector.Collected blobs = blobCollector.collect();
        return new Purged(rows.jobs(), rows.files(), rows.idempotencyKeys(), blobs.deleted(), blobs.deletedBytes());
    }

    private Rows purgeRows() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Instant.now();
            long jobs = Job.delete("status in (?1, ?2, ?3) and finishedAt < ?4", Status.SUCCEEDED, Status.FAILED,
                    Status.CANCELLED, now.minus(config.retention().jobs()));
            long files = StoredFile.delete("createdAt < ?1", now.minus(config.retention().files()));
            long keys = idempotencyKeys.expire();
            return new Rows(jobs, files, keys);
        });
    }
}
