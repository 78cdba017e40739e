-- Tables of libs/outbox, created in the schema of each service that uses the library
-- (quarkus.flyway.locations=db/migration,db/outbox).

-- Records waiting to be published to Kafka (Outbox, OutboxRelay).
create table outbox (
    id           bigserial primary key,
    topic        text not null,
    msg_key      text,
    payload      text not null,
    traceparent  text,               -- W3C trace context of the writing transaction
    created_at   timestamptz not null default now()
);

-- Ids of consumed events whose effects are committed (Inbox).
create table processed_events (
    event_id      text primary key,
    processed_at  timestamptz not null default now()
);
