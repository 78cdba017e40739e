-- Stored document templates: a document model with placeholders, per tenant and name, in immutable versions.
create table templates (
    id          uuid primary key,
    tenant_id   uuid not null references tenants (id),
    name        text not null,
    version     int not null,
    document    text not null,     -- JSON: the document model with placeholders
    created_at  timestamptz not null,
    unique (tenant_id, name, version)
);
