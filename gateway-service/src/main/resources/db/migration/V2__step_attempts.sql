-- Retries and attempt timeouts: how many attempts a step may take, when the running attempt is overdue, and when a
-- step waiting for its next attempt is due.
alter table steps add column max_attempts int not null default 1;
alter table steps add column attempt_timeout_ms bigint not null default 300000;
alter table steps add column attempt_deadline timestamptz;
alter table steps add column next_attempt_at timestamptz;

create index steps_overdue on steps (attempt_deadline) where status = 'running';
create index steps_due on steps (next_attempt_at) where status = 'queued' and next_attempt_at is not null;
