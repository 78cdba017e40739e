-- Schedule-to-close timeout of a whole job: past its deadline an unfinished job fails with job_timeout.
alter table jobs add column deadline timestamptz;
create index jobs_overdue on jobs (deadline) where status in ('queued', 'running');
