package io.lamina.ops.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lamina.contracts.ops.CancelJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jobs ended elsewhere (cancelled, or failed by another step), from {@code lamina.ops.control}: their commands still
 * queued here are skipped, and the threads running their steps are interrupted. Every replica reads every record
 * (its own consumer group); the most recent {@value #REMEMBERED} job ids are remembered.
 */
@ApplicationScoped
public class Cancellations {

    private static final Logger LOG = Logger.getLogger(Cancellations.class);
    static final int REMEMBERED = 10_000;

    private final Map<String, Boolean> cancelled = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            });
    private final Map<String, Set<Thread>> running = new ConcurrentHashMap<>();

    @Inject
    ObjectMapper mapper;

    /** A record that cannot be read is logged and skipped: cancellation is best effort. */
    @Incoming("control")
    public void consume(String json) {
        try {
            CancelJob cancel = mapper.readValue(json, CancelJob.class);
            if (CancelJob.TYPE.equals(cancel.type()) && cancel.jobId() != null) {
                cancel(cancel.jobId());
            }
        } catch (Exception e) {
            LOG.warnf("unreadable control record skipped: %s", e.toString());
        }
    }

    void cancel(String jobId) {
        cancelled.put(jobId, Boolean.TRUE);
        Set<Thread> threads = running.get(jobId);
        if (threads != null) {
            LOG.infof("job %s ended elsewhere: interrupting %d running step(s)", jobId, threads.size());
            threads.forEach(Thread::interrupt);
        }
    }

    public boolean isCancelled(String jobId) {
        return cancelled.containsKey(jobId);
    }

    /** The current thread runs a step of {@code jobId} until {@link #finished}. */
    void started(String jobId) {
        running.computeIfAbsent(jobId, k -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread());
    }

    void finished(String jobId) {
        running.computeIfPresent(jobId, (k, threads) -> {
            threads.remove(Thread.currentThread());
            return threads.isEmpty() ? null : threads;
        });
        Thread.interrupted(); // a late interrupt must not leak into the next step on this thread
    }
}
