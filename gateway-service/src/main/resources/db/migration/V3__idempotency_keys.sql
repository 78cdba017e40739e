-- Idempotency-Key of POST /v1/jobs (Stripe's semantics): the first request with a key creates the job and stores its
-- answer in the same transaction; later requests with the same key and body get that answer again.
create table idempotency_keys (
    tenant_id     uuid not null references tenants (id),
    idem_key      text not null,
    request_hash  text not null,   -- SHA-256 of the request (body and wait), to refuse a reused key
    job_id        uuid,
    response      text,            -- the JSON of the first answer
    created_at    timestamptz not null,
    primary key (tenant_id, idem_key)
);
create index idempotency_keys_created on idempotency_keys (created_at);
