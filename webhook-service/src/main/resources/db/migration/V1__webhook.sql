-- Per-tenant signing secret (Standard Webhooks symmetric scheme): whsec_ + base64 of 32 random bytes.
create table signing_secrets (
    tenant_id  text primary key,
    secret     text        not null,
    created_at timestamptz not null default now()
);

-- One row per webhook message; id = 'msg_' + source event id, so it is stable across retries and redeliveries.
create table messages (
    id              text primary key,
    tenant_id       text        not null,
    job_id          text        not null,
    event_type      text        not null,
    url             text        not null,
    payload         text        not null,
    status          text        not null default 'pending'
        check (status in ('pending', 'delivered', 'failed', 'dead')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz,
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz
);

-- The dispatcher's claim query: due pending messages in due order.
create index messages_due on messages (next_attempt_at) where status = 'pending';
create index messages_tenant_job on messages (tenant_id, job_id, created_at);

-- Delivery log: one row per HTTP attempt (or per refusal before one).
create table attempts (
    id              bigserial primary key,
    message_id      text        not null references messages (id),
    attempt_no      int         not null,
    started_at      timestamptz not null,
    latency_ms      bigint      not null,
    response_status int,
    response_body   text,
    error           text
);

create index attempts_message on attempts (message_id, attempt_no);
