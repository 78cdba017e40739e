package io.lamina.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Blobs as files under one root folder, sharded as {@code ab/cd/abcd…}. Writes go to a temporary file in the same
 * file system and are renamed into place, so a reader never sees a partial blob and concurrent writers of the same
 * content both succeed. Several processes may share the root (the local run does).
 */
public final class FileSystemBlobStore implements BlobStore {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Path incoming;

    public FileSystemBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath();
        this.incoming = this.root.resolve("incoming");
        Files.createDirectories(incoming);
    }

    @Override
    public StoredBlob put(InputStream in, long maxBytes) throws IOException {
        Path tmp = Files.createTempFile(incoming, "blob", ".part");
        try {
            MessageDigest sha256 = sha256();
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha256)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) != -1) {
                    size += n;
                    if (size > maxBytes) {
                        throw new BlobTooLargeException(maxBytes);
                    }
                    out.write(buf, 0, n);
                }
            }
            String id = HexFormat.of().formatHex(sha256.digest());
            Path target = pathOf(id);
            Files.createDirectories(target.getParent());
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException sameContentAlreadyStored) {
                Files.deleteIfExists(tmp);
            }
            return new StoredBlob(id, size);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public Optional<InputStream> open(String blobId) throws IOException {
        if (!isId(blobId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.newInputStream(pathOf(blobId)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Long> size(String blobId) throws IOException {
        if (!isId(blobId)) {
            return Optional.empty();
        }
        Path p = pathOf(blobId);
        return Files.exists(p) ? Optional.of(Files.size(p)) : Optional.empty();
    }

    private Path pathOf(String id) {
        return root.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id);
    }

    private static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
