package io.lamina.gateway.service;

import io.lamina.blobs.BlobStore;
import io.lamina.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Garbage collection of the blob store, mark and sweep: deletes the bytes that nothing in the gateway references any
 * more and that nobody has written for the grace period ({@code lamina.retention.blobs.*}).
 *
 * <p><b>Mark.</b> One statement collects every referenced blob id into a temporary table of this run's connection:
 * {@code files.blob_id} (uploads and step outputs), {@code steps.params_blob_id} (params too large to keep inline),
 * and the {@code "blob_id"} of every blob reference inside {@code steps.params} (base64 file inputs are stored as
 * blobs and referenced only there, also in fan-out item steps) and inside {@code steps.output} (the gateway turns
 * output blob references into files, so none are expected there; they are marked anyway). Nothing else holds blob
 * ids: templates keep documents as the client sent them (base64 or {@code file_id}; clients may not send blob
 * references), job views, idempotent answers, events and webhooks carry {@code file_id}s, billing and webhook-service
 * keep no blob ids. Cost: one pass over {@code files} and {@code steps} per run (the regular expression reads only
 * params and outputs that contain {@code "blob_id"}); the ids live in PostgreSQL, not in this JVM.
 *
 * <p><b>Sweep.</b> The store is listed page by page ({@code page-size} ids); per page one {@code = any(?)} lookup in
 * the marked ids decides, and each unreferenced blob last written before the cutoff is deleted with
 * {@link BlobStore#deleteIfUnmodifiedSince}. Memory stays bounded by the page size for any number of blobs.
 *
 * <p><b>Why racing writers are safe.</b> The cutoff is {@code min(now, start of the oldest running attempt) - grace}.
 * Every new reference either copies one that existed when the mark ran (then its blob is marked) or follows a
 * {@link BlobStore#put}, which renews the blob's modification time even when the content was stored before:
 * <ul>
 *   <li>uploads, base64 inputs and large params are written and recorded in one request (milliseconds apart);</li>
 *   <li>an operation service writes its output during an attempt and the gateway records it as a file when the
 *       result arrives; while that attempt is running its blobs are younger than its start, hence than the cutoff,
 *       however long the result takes (a slow attempt, a gateway that was down); once the attempt is no longer
 *       running its late result is ignored, so its bytes are garbage;</li>
 *   <li>params with pipeline references are resolved at dispatch into a blob that only the step command names: it is
 *       written when the attempt starts, so the same bound covers it.</li>
 * </ul>
 * The grace period covers the rest: clock differences between the gateway and the store, and requests between their
 * write and their commit. Several gateways may run this at once; a PostgreSQL advisory lock lets one collect.
 */
@ApplicationScoped
public class BlobCollector {

    private static final Logger LOG = Logger.getLogger(BlobCollector.class);

    /** Advisory lock key of the collector ("lamina-blob-gc"). */
    private static final long LOCK = 0x6c616d696e61676cL;

    private static final String BLOB_ID_IN_JSON = "\"blob_id\"\\s*:\\s*\"([0-9a-f]{64})\"";

    @Inject
    GatewayConfig config;

    @Inject
    BlobStore blobs;

    @Inject
    DataSource dataSource;

    /**
     * What one run did: blobs listed, spared because they were written recently, kept because something references
     * them, and deleted (with their bytes). {@code skipped} is true when collection is disabled or another gateway was
     * collecting.
     */
    public record Collected(long listed, long recent, long referenced, long deleted, long deletedBytes,
                            boolean skipped) {

        static Collected skip() {
            return new Collected(0, 0, 0, 0, 0, true);
        }
    }

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Collected collect() {
        GatewayConfig.Retention.Blobs settings = config.retention().blobs();
        if (!settings.enabled()) {
            return Collected.skip();
        }
        int pageSize = settings.pageSize();
        if (pageSize < 1) {
            throw new IllegalStateException("lamina.retention.blobs.page-size must be at least 1, not " + pageSize);
        }
        Instant started = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            if (!lock(c)) {
                LOG.info("blob collection skipped: another gateway is collecting");
                return Collected.skip();
            }
            try {
                Instant cutoff = cutoff(c, started, settings.grace());
                long marked = mark(c);
                Collected collected = sweep(c, cutoff, pageSize);
                LOG.infof("blob collection: %d referenced ids marked, %d blobs listed, %d written after %s kept,"
                                + " %d referenced kept, %d deleted (%d bytes) in %d ms", marked, collected.listed(),
                        collected.recent(), cutoff, collected.referenced(), collected.deleted(),
                        collected.deletedBytes(), Duration.between(started, Instant.now()).toMillis());
                return collected;
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("drop table if exists blob_gc_live");
                    s.execute("select pg_advisory_unlock(" + LOCK + ")");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("blob collection failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("blob collection failed: " + e.getMessage(), e);
        }
    }

    private static boolean lock(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_try_advisory_lock(" + LOCK + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** {@code min(now, start of the oldest running attempt) - grace}: see the class comment. */
    static Instant cutoff(Connection c, Instant now, Duration grace) throws SQLException {
        Instant bound = now;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select min(started_at) from steps where status = 'running'")) {
            if (rs.next()) {
                Timestamp oldest = rs.getTimestamp(1);
                if (oldest != null && oldest.toInstant().isBefore(bound)) {
                    bound = oldest.toInstant();
                }
            }
        }
        return bound.minus(grace);
    }

    /** Every referenced blob id, into this connection's temporary table {@code blob_gc_live}; returns how many. */
    static long mark(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists blob_gc_live");
            s.execute("create temporary table blob_gc_live (blob_id text primary key)");
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into blob_gc_live (blob_id)
                select blob_id from files
                union
                select params_blob_id from steps where params_blob_id is not null
                union
                select (regexp_matches(params, ?, 'g'))[1] from steps where params like '%"blob_id"%'
                union
                select (regexp_matches(output, ?, 'g'))[1] from steps where output like '%"blob_id"%'
                """)) {
            ps.setString(1, BLOB_ID_IN_JSON);
            ps.setString(2, BLOB_ID_IN_JSON);
            long marked = ps.executeLargeUpdate();
            try (Statement s = c.createStatement()) {
                s.execute("analyze blob_gc_live");
            }
            return marked;
        }
    }

    private Collected sweep(Connection c, Instant cutoff, int pageSize) throws SQLException, IOException {
        long listed = 0;
        long recent = 0;
        long referenced = 0;
        long deleted = 0;
        long deletedBytes = 0;
        String after = null;
        while (true) {
            List<BlobStore.Listed> page = blobs.list(after, pageSize);
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).id();
            listed += page.size();
            List<BlobStore.Listed> old = page.stream().filter(b -> b.lastModified().isBefore(cutoff)).toList();
            recent += page.size() - old.size();
            if (old.isEmpty()) {
                continue;
            }
            Set<String> live = referenced(c, old.stream().map(BlobStore.Listed::id).toArray(String[]::new));
            for (BlobStore.Listed blob : old) {
                if (live.contains(blob.id())) {
                    referenced++;
                } else if (blobs.deleteIfUnmodifiedSince(blob.id(), cutoff)) {
                    deleted++;
                    deletedBytes += blob.size();
                } else {
                    recent++;
                }
            }
        }
        return new Collected(listed, recent, referenced, deleted, deletedBytes, false);
    }

    private static Set<String> referenced(Connection c, String[] ids) throws SQLException {
        Set<String> live = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select blob_id from blob_gc_live where blob_id = any(?)")) {
            Array array = c.createArrayOf("text", ids);
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    live.add(rs.getString(1));
                }
            }
            array.free();
        }
        return live;
    }
}
