package io.lamina.blobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileSystemBlobStoreTest {

    @TempDir
    Path root;

    @Test
    void storesBytesUnderTheirSha256AndReadsThemBack() throws Exception {
        BlobStore store = new FileSystemBlobStore(root);
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);

        BlobStore.StoredBlob blob = store.put(bytes);

        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", blob.id());
        assertEquals(5, blob.size());
        try (InputStream in = store.open(blob.id()).orElseThrow()) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        assertEquals(5L, store.size(blob.id()).orElseThrow());
    }

    @Test
    void storingTheSameContentTwiceKeepsOneBlob() throws Exception {
        BlobStore store = new FileSystemBlobStore(root);
        String first = store.put("same".getBytes()).id();
        String second = store.put("same".getBytes()).id();

        assertEquals(first, second);
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(1, files.filter(Files::isRegularFile).count());
        }
    }

    @Test
    void rejectsContentOverTheLimitAndStoresNothing() throws Exception {
        BlobStore store = new FileSystemBlobStore(root);

        assertThrows(BlobTooLargeException.class,
                () -> store.put(new ByteArrayInputStream(new byte[1001]), 1000));
        try (Stream<Path> files = Files.walk(root)) {
            assertEquals(0, files.filter(Files::isRegularFile).count());
        }
    }

    @Test
    void unknownOrMalformedIdsAreEmptyNotErrors() throws Exception {
        BlobStore store = new FileSystemBlobStore(root);

        assertTrue(store.open("0".repeat(64)).isEmpty());
        assertTrue(store.open("../../etc/passwd").isEmpty());
        assertTrue(store.size("nope").isEmpty());
    }

    @Test
    void listsEveryBlobOnceInIdOrderPageByPage() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            stored.add(store.put(("blob " + i).getBytes(StandardCharsets.UTF_8)).id());
        }
        // a writer's temporary file is not a blob
        Files.writeString(root.resolve("incoming").resolve("blob123.part"), "partial");

        List<String> listed = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            List<BlobStore.Listed> page = store.list(after, 7);
            if (page.isEmpty()) {
                break;
            }
            pages++;
            assertTrue(page.size() <= 7);
            for (BlobStore.Listed blob : page) {
                listed.add(blob.id());
                assertEquals(store.size(blob.id()).orElseThrow(), blob.size());
                assertTrue(Duration.between(blob.lastModified(), Instant.now()).abs().toMinutes() < 5);
            }
            after = page.get(page.size() - 1).id();
        }
        assertEquals(stored.stream().sorted().toList(), listed);
        assertEquals(6, pages);
    }

    @Test
    void deletesOnlyBlobsNotWrittenSinceTheCutoff() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(root);
        String old = store.put("old bytes".getBytes(StandardCharsets.UTF_8)).id();
        String rewritten = store.put("written again".getBytes(StandardCharsets.UTF_8)).id();
        String fresh = store.put("fresh".getBytes(StandardCharsets.UTF_8)).id();
        age(old, Duration.ofHours(2));
        age(rewritten, Duration.ofHours(2));
        // storing known content again renews it, so a collector spares it
        store.put("written again".getBytes(StandardCharsets.UTF_8));
        Instant cutoff = Instant.now().minus(Duration.ofHours(1));

        assertTrue(store.deleteIfUnmodifiedSince(old, cutoff));
        assertFalse(store.deleteIfUnmodifiedSince(rewritten, cutoff));
        assertFalse(store.deleteIfUnmodifiedSince(fresh, cutoff));
        assertFalse(store.deleteIfUnmodifiedSince(old, cutoff), "already gone");
        assertFalse(store.deleteIfUnmodifiedSince("../../etc/passwd", cutoff));

        assertTrue(store.open(old).isEmpty());
        try (InputStream in = store.open(rewritten).orElseThrow()) {
            assertArrayEquals("written again".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
        assertTrue(store.size(fresh).isPresent());
        assertEquals(List.of(fresh, rewritten).stream().sorted().toList(),
                store.list(null, 100).stream().map(BlobStore.Listed::id).toList());
        try (Stream<Path> leftovers = Files.list(root.resolve("incoming"))) {
            assertEquals(0, leftovers.count(), "nothing left aside");
        }
    }

    private void age(String id, Duration by) throws Exception {
        Path file = root.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(by)));
    }
}
