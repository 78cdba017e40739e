-- Tenant endpoints: where a tenant's subscribed events go, each with its own signing secret. During a rotation the
-- previous secret keeps signing (a second v1 signature) until previous_secret_expires_at.
create table endpoints (
    id                         text primary key,
    tenant_id                  text        not null,
    url                        text        not null,
    description                text        not null default '',
    -- space-separated event types; null = every event type
    event_types                text,
    enabled                    boolean     not null default true,
    disabled_reason            text,
    secret                     text        not null,
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    -- start of the current run of failed attempts (null after a success); an endpoint failing longer than
    -- lamina.webhooks.disable-after is disabled
    failing_since              timestamptz,
    created_at                 timestamptz not null default now(),
    updated_at                 timestamptz not null default now()
);

create index endpoints_tenant on endpoints (tenant_id, created_at);

-- A message is one event (its id is the webhook-id); a delivery is that message on its way to one destination: a
-- tenant endpoint or the job's webhook_url. Schedules, leases and statuses move from messages to deliveries.
create table deliveries (
    id              bigserial primary key,
    message_id      text        not null references messages (id),
    endpoint_id     text references endpoints (id) on delete set null,
    -- 'endpoint' (signed with the endpoint's secrets) or 'job_url' (signed with the tenant's signing secret)
    destination     text        not null check (destination in ('endpoint', 'job_url')),
    url             text        not null,
    status          text        not null default 'pending'
        check (status in ('pending', 'delivered', 'failed', 'dead')),
    -- every attempt ever made (numbers the delivery log), and those of the current schedule (reset by a replay)
    attempts        int         not null default 0,
    round_attempts  int         not null default 0,
    next_attempt_at timestamptz,
    last_error      text,
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz
);

insert into deliveries (message_id, destination, url, status, attempts, round_attempts, next_attempt_at, created_at,
                        delivered_at)
select id, 'job_url', url, status, attempts, attempts, next_attempt_at, created_at, delivered_at
from messages;

create index deliveries_due on deliveries (next_attempt_at) where status = 'pending';
create index deliveries_message on deliveries (message_id);
create index deliveries_endpoint on deliveries (endpoint_id, status);

alter table attempts add column delivery_id bigint references deliveries (id);
update attempts a set delivery_id = d.id from deliveries d where d.message_id = a.message_id;
alter table attempts alter column delivery_id set not null;
create index attempts_delivery on attempts (delivery_id, attempt_no);

drop index messages_due;
alter table messages
    drop column url,
    drop column status,
    drop column attempts,
    drop column next_attempt_at,
    drop column delivered_at,
    alter column job_id drop not null;
create index messages_tenant_created on messages (tenant_id, created_at);
