package io.lamina.gateway;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A tenant's file: an upload or a step's binary output. The bytes are a blob; this row says who may read them. */
@Entity
@Table(name = "files")
public class StoredFile extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID tenantId;

    public String blobId;

    public String name;

    public String mimeType;

    public long size;

    public UUID jobId;

    public Instant createdAt;

    public static Optional<StoredFile> findOwned(UUID id, UUID tenantId) {
        return find("id = ?1 and tenantId = ?2", id, tenantId).firstResultOptional();
    }
}
