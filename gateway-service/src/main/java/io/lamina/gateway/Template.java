package io.lamina.gateway;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One version of a tenant's stored document template; versions are never changed, only added. */
@Entity
@Table(name = "templates")
public class Template extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID tenantId;

    public String name;

    public int version;

    /** The document model with placeholders, as JSON. */
    public String document;

    public Instant createdAt;

    /** The given version, or the latest when {@code version} is null. */
    public static Optional<Template> find(UUID tenantId, String name, Integer version) {
        return version == null
                ? find("tenantId = ?1 and name = ?2 order by version desc", tenantId, name).firstResultOptional()
                : find("tenantId = ?1 and name = ?2 and version = ?3", tenantId, name, version).firstResultOptional();
    }

    public static List<Template> versions(UUID tenantId, String name) {
        return list("tenantId = ?1 and name = ?2 order by version", tenantId, name);
    }

    /** The latest version of each of the tenant's templates, by name. */
    public static List<Template> latest(UUID tenantId) {
        return list("from Template o where o.tenantId = ?1 and o.version = (select max(t.version) from Template t"
                + " where t.tenantId = o.tenantId and t.name = o.name) order by o.name", tenantId);
    }
}
