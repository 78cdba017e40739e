-- Steps a step reads outputs from (its params reference them); it is dispatched when all of them succeeded.
alter table steps add column depends_on text not null default '';
