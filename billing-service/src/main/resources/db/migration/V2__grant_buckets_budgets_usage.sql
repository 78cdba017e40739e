-- Grants become buckets that captures consume (soonest-expiring first, then oldest) and that expire; per-API-key
-- budgets; the low-balance flag; usage per day and operation. The ledger stays the source of truth:
--   balance  = Σ grant − Σ capture − Σ expire
--   reserved = Σ reserve − Σ release − Σ capture.from_hold
-- and accounts.balance/reserved are a cache of those sums, changed only in the transaction that appends the entry.

alter table grants add column remaining bigint not null default 0;
alter table grants add column expired_at timestamptz;  -- set when expiry took the last of the grant
alter table grants add constraint grants_remaining_range check (remaining >= 0 and remaining <= amount);

-- Existing pools had one number: hand the balance back to the grants as if consumption had always followed the order.
with ordered as (
    select g.id, g.amount, a.balance,
           sum(g.amount) over (partition by g.tenant_id
                               order by g.expires_at asc nulls last, g.created_at, g.id
                               rows between unbounded preceding and current row) as upto,
           sum(g.amount) over (partition by g.tenant_id) as total
    from grants g join accounts a on a.tenant_id = g.tenant_id
)
update grants g
set remaining = greatest(0, least(o.amount, o.upto - (o.total - o.balance)))
from ordered o where o.id = g.id;

create index grants_live on grants (tenant_id, expires_at, created_at) where remaining > 0;
create index grants_due on grants (expires_at) where remaining > 0 and expires_at is not null;

-- Which grants a capture or an expiry took its credits from.
create table grant_debits (
    ledger_id   bigint not null references ledger (id),
    grant_id    text not null references grants (id),
    amount      bigint not null check (amount > 0),
    primary key (ledger_id, grant_id)
);
create index grant_debits_grant on grant_debits (grant_id);

alter table ledger drop constraint ledger_entry_type_check;
alter table ledger add constraint ledger_entry_type_check
    check (entry_type in ('grant', 'reserve', 'capture', 'release', 'deny', 'expire'));
alter table ledger add column from_hold bigint not null default 0 check (from_hold >= 0);  -- capture: part taken from the job's hold
alter table ledger add column code text;            -- deny: insufficient_credits | budget_exceeded
alter table ledger add column operation text;       -- capture: the step's operation
alter table ledger add column units bigint;         -- capture: the step's reported usage
alter table ledger add column api_key_id text;      -- reserve/deny: the submitting key (REST jobs)
create index ledger_tenant_job on ledger (tenant_id, job_id) where job_id is not null;

-- Append-only, enforced by the database: no entry is ever changed or removed.
create function ledger_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'billing.ledger is append-only (% refused)', tg_op;
end
$$;
create trigger ledger_append_only before update or delete on ledger
    for each row execute function ledger_is_append_only();
create trigger ledger_no_truncate before truncate on ledger
    for each statement execute function ledger_is_append_only();

-- Budgets: what one API key may spend per UTC day or month (captured + still held by its jobs of the period).
alter table reservations add column api_key_id text;
alter table reservations add column period_time timestamptz;  -- the submission time the budget periods count from
create index reservations_key_period on reservations (api_key_id, period_time) where api_key_id is not null;

create table key_budgets (
    tenant_id    text not null,
    api_key_id   text not null,
    period       text not null check (period in ('day', 'month')),
    credit_limit bigint not null check (credit_limit >= 0),
    updated_at   timestamptz not null default now(),
    primary key (api_key_id, period)
);
create index key_budgets_tenant on key_budgets (tenant_id);

-- credits.low: null threshold = the configured default; above_low remembers the side of the threshold last seen.
alter table accounts add column low_threshold bigint check (low_threshold >= 0);
alter table accounts add column above_low boolean not null default false;

-- Usage per tenant, UTC day and operation, kept with every capture.
create table usage_daily (
    tenant_id  text not null,
    day        date not null,
    operation  text not null,
    steps      bigint not null default 0,
    units      bigint not null default 0,
    credits    bigint not null default 0,
    primary key (tenant_id, day, operation)
);

-- Lets every pool change skip the expiry check without a query when nothing can be due.
alter table accounts add column next_expiry timestamptz;
update accounts a set next_expiry = (select min(expires_at) from grants g where g.tenant_id = a.tenant_id and g.remaining > 0);
