package io.lamina.gateway.service;

import io.lamina.blobs.BlobStore;
import io.lamina.blobs.BlobTooLargeException;
import io.lamina.gateway.StoredFile;
import io.lamina.problem.ApiException;
import io.lamina.gateway.api.FileView;
import io.lamina.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Tenant files: bytes in the blob store, ownership in the {@code files} table. */
@ApplicationScoped
@Transactional
public class FileService {

    @Inject
    BlobStore blobs;

    @Inject
    GatewayConfig config;

    /** Stores an upload for a tenant; oversize content is refused with 413 and nothing is kept. */
    public FileView upload(UUID tenantId, InputStream content, String name, String mimeType) {
        BlobStore.StoredBlob blob = storeBlob(content);
        return view(record(tenantId, blob, name, mimeType, null));
    }

    BlobStore.StoredBlob storeBlob(InputStream content) {
        long limit = config.files().maxBytes().asLongValue();
        try {
            return blobs.put(content, limit);
        } catch (BlobTooLargeException e) {
            throw ApiException.tooLarge("file_too_large", "the file is larger than the limit of " + limit + " bytes");
        } catch (IOException e) {
            throw new UncheckedIOException("blob store write failed", e);
        }
    }

    StoredFile record(UUID tenantId, BlobStore.StoredBlob blob, String name, String mimeType, UUID jobId) {
        StoredFile f = new StoredFile();
        f.id = UUID.randomUUID();
        f.tenantId = tenantId;
        f.blobId = blob.id();
        f.name = safeName(name);
        f.mimeType = mimeType == null || mimeType.isBlank() ? "application/octet-stream" : mimeType;
        f.size = blob.size();
        f.jobId = jobId;
        f.createdAt = Instant.now();
        f.persist();
        return f;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<StoredFile> find(UUID tenantId, UUID fileId) {
        return StoredFile.findOwned(fileId, tenantId);
    }

    public Optional<InputStream> open(StoredFile file) {
        try {
            return blobs.open(file.blobId);
        } catch (IOException e) {
            throw new UncheckedIOException("blob store read failed", e);
        }
    }

    public static FileView view(StoredFile f) {
        return new FileView(f.id.toString(), f.name, f.mimeType, f.size, f.createdAt);
    }

    /** Keeps the last path segment and drops control characters, so names are safe in headers and listings. */
    static String safeName(String name) {
        if (name == null || name.isBlank()) {
            return "file";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String clean = base.replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (clean.isEmpty()) {
            return "file";
        }
        return clean.length() > 255 ? clean.substring(0, 255) : clean;
    }
}
