-- billing-service owns one credit pool per tenant. Other services never read these tables.
-- Invariant kept by the database itself: 0 <= reserved <= balance, so no interleaving can spend credits twice.
create table accounts (
    tenant_id   text primary key,
    balance     bigint not null default 0,
    reserved    bigint not null default 0,  -- sum of the open reservations' held amounts
    updated_at  timestamptz not null default now(),
    constraint accounts_reserved_non_negative check (reserved >= 0),
    constraint accounts_reserved_covered check (reserved <= balance)
);

create table grants (
    id          text primary key,           -- caller-supplied grant id: the idempotency key of POST .../grants
    tenant_id   text not null,
    amount      bigint not null check (amount > 0),
    source      text not null check (source in ('trial', 'subscription', 'pack', 'manual')),
    expires_at  timestamptz,                -- stored only; expiry is not enforced yet
    created_at  timestamptz not null default now()
);
create index grants_tenant on grants (tenant_id, created_at);

create table reservations (
    job_id      text primary key,
    tenant_id   text not null,
    amount      bigint not null check (amount >= 0),  -- reserved when the job was submitted
    held        bigint not null check (held >= 0),    -- still held: amount minus what captures took from the hold
    captured    bigint not null default 0 check (captured >= 0),  -- charged for the job's steps in total
    status      text not null check (status in ('open', 'closed')),
    created_at  timestamptz not null default now(),
    closed_at   timestamptz,
    constraint reservations_held_within_amount check (held <= amount)
);
create index reservations_tenant on reservations (tenant_id, created_at);

-- Append-only: every change of an account is one row here. Amounts are positive; entry_type gives the direction.
create table ledger (
    id          bigserial primary key,
    tenant_id   text not null,
    entry_type  text not null check (entry_type in ('grant', 'reserve', 'capture', 'release', 'deny')),
    amount      bigint not null check (amount >= 0),
    job_id      text,
    step_id     text,
    grant_id    text,
    event_id    text,                       -- the consumed job event that caused the entry (null for REST grants)
    created_at  timestamptz not null default now()
);
create index ledger_tenant on ledger (tenant_id, id desc);
