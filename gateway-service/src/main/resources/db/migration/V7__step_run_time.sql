-- How long the operation itself ran for the attempt that finished the step, as it reported (milliseconds).
alter table steps add column run_millis bigint;
