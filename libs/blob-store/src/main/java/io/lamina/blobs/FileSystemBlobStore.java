package io.lamina.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Blobs as files under one root folder, sharded as {@code ab/cd/abcd…}. Writes go to a temporary file in the same
 * file system and are renamed into place, so a reader never sees a partial blob and concurrent writers of the same
 * content both succeed. Several processes may share the root (the local run does).
 *
 * <p>Storing content that is already there replaces the file with the fresh copy (or, where rename does not replace,
 * touches it), so its modification time is always the last write: the garbage collector relies on that.
 */
public final class FileSystemBlobStore implements BlobStore {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHARD = Pattern.compile("[0-9a-f]{2}");

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
                // Where rename does not replace (Linux's does): keep the old file but mark it as written now.
                Files.deleteIfExists(tmp);
                Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
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

    @Override
    public List<Listed> list(String after, int limit) throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        String from = after == null ? "" : after;
        List<Listed> page = new ArrayList<>();
        for (String first : children(root, SHARD, from.length() >= 2 ? from.substring(0, 2) : "")) {
            String secondFrom = from.startsWith(first) && from.length() >= 4 ? from.substring(2, 4) : "";
            for (String second : children(root.resolve(first), SHARD, secondFrom)) {
                Path dir = root.resolve(first).resolve(second);
                for (String id : children(dir, ID, "")) {
                    if (id.compareTo(from) <= 0 || !id.startsWith(first + second)) {
                        continue;
                    }
                    try {
                        BasicFileAttributes attributes = Files.readAttributes(dir.resolve(id),
                                BasicFileAttributes.class);
                        page.add(new Listed(id, attributes.size(), attributes.lastModifiedTime().toInstant()));
                    } catch (NoSuchFileException deletedMeanwhile) {
                        continue;
                    }
                    if (page.size() == limit) {
                        return page;
                    }
                }
            }
        }
        return page;
    }

    /**
     * Moves the file aside first (an atomic rename), then looks at its modification time: a {@code put} that
     * replaced the file before the move shows a fresh time and the file is moved back; one that comes after the move
     * simply stores the content again. Only a reader opening the blob in the instant between the two renames of a
     * blob that was just written again could miss it.
     */
    @Override
    public boolean deleteIfUnmodifiedSince(String blobId, Instant cutoff) throws IOException {
        if (!isId(blobId)) {
            return false;
        }
        Path target = pathOf(blobId);
        Path aside = incoming.resolve(blobId + "." + UUID.randomUUID() + ".gc");
        try {
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException alreadyGone) {
            return false;
        }
        if (Files.getLastModifiedTime(aside).toInstant().isBefore(cutoff)) {
            Files.delete(aside);
            return true;
        }
        // Written again meanwhile: put it back (a writer that stored it again since holds identical bytes).
        Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return false;
    }

    /** Names in {@code dir} matching {@code pattern} and not before {@code from}, sorted. */
    private static List<String> children(Path dir, Pattern pattern, String from) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> pattern.matcher(name).matches() && name.compareTo(from) >= 0)
                    .sorted().toList();
        } catch (NoSuchFileException removedMeanwhile) {
            return List.of();
        }
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
