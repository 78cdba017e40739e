-- gateway-service owns tenants, API keys, files, jobs and steps. Other services never read these tables.
create table tenants (
    id          uuid primary key,
    name        text not null,
    created_at  timestamptz not null
);

create table api_keys (
    id          uuid primary key,
    tenant_id   uuid not null references tenants (id),
    name        text,
    prefix      text not null,
    key_hash    text not null unique,  -- SHA-256 of the key; the key itself is shown once and never stored
    created_at  timestamptz not null,
    revoked_at  timestamptz
);

create table files (
    id          uuid primary key,
    tenant_id   uuid not null references tenants (id),
    blob_id     text not null,
    name        text not null,
    mime_type   text not null,
    size        bigint not null,
    job_id      uuid,                  -- set for files produced by a job's step
    created_at  timestamptz not null
);
create index files_tenant on files (tenant_id, created_at desc);

create table jobs (
    id             uuid primary key,
    tenant_id      uuid not null references tenants (id),
    status         text not null check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    webhook_url    text,
    error_code     text,
    error_message  text,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    finished_at    timestamptz
);
create index jobs_tenant on jobs (tenant_id, created_at desc);

create table steps (
    id               bigserial primary key,
    job_id           uuid not null references jobs (id) on delete cascade,
    step_id          text not null,
    position         int not null,
    operation        text not null,
    status           text not null check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    params           text,             -- JSON, inline when small
    params_blob_id   text,             -- JSON in the blob store when large
    estimated_units  bigint not null,
    attempt          int not null default 0,
    output           text,             -- JSON as returned to clients (file references, never bytes)
    usage_units      bigint,
    usage_unit       text,
    error_code       text,
    error_message    text,
    error_retryable  boolean,
    started_at       timestamptz,
    finished_at      timestamptz,
    unique (job_id, step_id)
);
