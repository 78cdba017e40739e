package io.lamina.gateway;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A tenant's API key, stored as its SHA-256 only. */
@Entity
@Table(name = "api_keys")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID tenantId;

    public String name;

    /** The first characters of the key, to tell keys apart in listings. */
    public String prefix;

    public String keyHash;

    public Instant createdAt;

    public Instant revokedAt;

    public static Optional<ApiKey> findActiveByHash(String hash) {
        return find("keyHash = ?1 and revokedAt is null", hash).firstResultOptional();
    }
}
