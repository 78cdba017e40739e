-- Fair dispatch: a ready step waits (ready_since set) until its tenant has a free slot for its operation.
alter table steps add column tenant_id uuid;
update steps s set tenant_id = j.tenant_id from jobs j where j.id = s.job_id;
alter table steps alter column tenant_id set not null;
alter table steps add column ready_since timestamptz;
create index steps_in_flight on steps (tenant_id, operation) where status = 'running';
create index steps_waiting on steps (tenant_id, operation, ready_since) where ready_since is not null;
create index steps_unfinished on steps (tenant_id) where status in ('queued', 'running');

-- Fan-out: a step with for_each runs as one item step per element of an array; the item steps name their parent.
alter table steps add column for_each text;          -- the reference to the array, as JSON; null for plain steps
alter table steps add column parent_step_id text;    -- set on item steps: the fan-out step they belong to
alter table steps add column item_index int;

-- Progress reported by the operation for the running attempt (e.g. 3 of 12 pages).
alter table steps add column progress_done bigint;
alter table steps add column progress_total bigint;
alter table steps add column progress_unit text;
