package io.lamina.blobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
