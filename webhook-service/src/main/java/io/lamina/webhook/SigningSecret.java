package io.lamina.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A tenant's webhook signing secret ({@code whsec_…}); every message of the tenant is signed with it. */
@Entity
@Table(name = "signing_secrets")
public class SigningSecret extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(nullable = false)
    public String secret;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
