package io.lamina.billing.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.agroal.api.AgroalDataSource;
import io.lamina.billing.config.BillingConfig;
import io.lamina.billing.service.BatchLedger.AccountState;
import io.lamina.billing.service.BatchLedger.BudgetLimit;
import io.lamina.billing.service.BatchLedger.DebitLine;
import io.lamina.billing.service.BatchLedger.GrantState;
import io.lamina.billing.service.BatchLedger.LedgerLine;
import io.lamina.billing.service.BatchLedger.OutboxLine;
import io.lamina.billing.service.BatchLedger.ReservationState;
import io.lamina.billing.service.BatchLedger.UsageKey;
import io.lamina.billing.service.BatchLedger.UsageSum;
import io.lamina.contracts.billing.BillingEvent;
import io.lamina.contracts.jobs.JobEvent;
import io.lamina.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies a batch of job events in <b>one</b> database transaction, with set-based SQL on the transaction's JDBC
 * connection (a handful of statements per batch, whatever its size):
 * <ol>
 *   <li>the inbox: every event id of the batch goes into {@code processed_events} with {@code on conflict do nothing
 *   returning}; only the ids that come back (first deliveries) are applied, so a redelivered or replayed event changes
 *   nothing — its id was committed with its effect;</li>
 *   <li>the accounts of the tenants named are created if missing and row-locked with {@code select … for update} in
 *   tenant-id order (the REST API locks one account per transaction, so no deadlock), then their live grants are read
 *   and the batch's existing reservations are locked (account first, reservation second, as everywhere);</li>
 *   <li>{@link BatchLedger} applies the events in log order in memory (expiry, reserve/deny, capture, release,
 *   credits.low);</li>
 *   <li>its ledger lines, grant debits, grants, reservations, usage, accounts and outbox records are written with one
 *   statement each ({@code unnest} of arrays).</li>
 * </ol>
 * Everything commits together or not at all, and Kafka offsets are committed only after the commit, so a crash at any
 * point either leaves the batch's effects and inbox rows in place (its redelivery is skipped) or none of them.
 */
@ApplicationScoped
public class JobEventBatch {

    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final Prices prices;
    private final ObjectWriter writer;
    private final long defaultLowThreshold;

    public JobEventBatch(AgroalDataSource dataSource, Outbox outbox, Prices prices, ObjectMapper mapper,
                         BillingConfig config) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.prices = prices;
        this.writer = BillingEvents.writer(mapper);
        this.defaultLowThreshold = config.lowBalanceThreshold();
    }

    /** What a batch did. */
    public record Result(int applied, int redelivered, int ledgerLines) {
    }

    /**
     * Applies {@code events} (in log order) exactly once and queues {@code deadLetters} on the outbox, all in one
     * transaction; any failure rolls all of it back.
     */
    @Transactional
    public Result apply(List<JobEvent> events, List<OutboxLine> deadLetters) {
        return apply(events, deadLetters, Map.of());
    }

    /** As {@link #apply(List, List)}; {@code traceparents} (event id → W3C traceparent) keep each event's trace. */
    @Transactional
    public Result apply(List<JobEvent> events, List<OutboxLine> deadLetters, Map<String, String> traceparents) {
        try (Connection c = dataSource.getConnection()) {
            return apply(c, events, deadLetters, traceparents);
        } catch (SQLException e) {
            throw new BatchFailedException("applying a batch of " + events.size() + " job events failed: "
                    + e.getMessage(), e);
        }
    }

    /** A batch's transaction failed; everything it did is rolled back. */
    public static final class BatchFailedException extends RuntimeException {
        BatchFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Result apply(Connection c, List<JobEvent> events, List<OutboxLine> deadLetters,
                         Map<String, String> traceparents) throws SQLException {
        List<JobEvent> fresh = firstDeliveries(c, events);
        BatchLedger batch = null;
        if (!fresh.isEmpty()) {
            TreeSet<String> tenants = new TreeSet<>();
            Set<String> jobs = new TreeSet<>();
            for (JobEvent event : fresh) {
                tenants.add(event.tenantId());
                jobs.add(event.jobId());
            }
            Map<String, AccountState> accounts = lockAccounts(c, tenants);
            loadGrants(c, accounts);
            Map<String, ReservationState> reservations = lockReservations(c, jobs);
            batch = new BatchLedger(accounts, reservations, new Budgets(c), prices::of, this::json,
                    defaultLowThreshold);
            for (JobEvent event : fresh) {
                batch.apply(event, Instant.now(), traceparents.get(event.eventId()));
            }
            writeLedger(c, batch.ledger(), batch.debits());
            writeGrants(c, batch.changedGrants());
            writeReservations(c, batch.changedReservations());
            writeUsage(c, batch.usage());
            writeAccounts(c, batch.changedAccounts());
        }
        List<OutboxLine> records = new ArrayList<>(deadLetters);
        if (batch != null) {
            records.addAll(batch.outbox());
        }
        writeOutbox(c, records);
        return new Result(fresh.size(), events.size() - fresh.size(), batch == null ? 0 : batch.ledger().size());
    }

    private String json(BillingEvent event) {
        try {
            return writer.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event, e);
        }
    }

    /** Records every event id; returns the events whose id was new (the first of duplicates within the batch). */
    private static List<JobEvent> firstDeliveries(Connection c, List<JobEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return List.of();
        }
        Map<String, JobEvent> byId = new LinkedHashMap<>();
        for (JobEvent event : events) {
            byId.putIfAbsent(event.eventId(), event);
        }
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("insert into processed_events (event_id)"
                + " select unnest(?::text[]) on conflict do nothing returning event_id")) {
            ps.setArray(1, c.createArrayOf("text", byId.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        }
        return byId.values().stream().filter(e -> inserted.contains(e.eventId())).toList();
    }

    private static Map<String, AccountState> lockAccounts(Connection c, TreeSet<String> tenants) throws SQLException {
        Array ids = c.createArrayOf("text", tenants.toArray());
        try (PreparedStatement ps = c.prepareStatement("insert into accounts (tenant_id, balance, reserved, updated_at)"
                + " select t, 0, 0, now() from unnest(?::text[]) as t order by t on conflict do nothing")) {
            ps.setArray(1, ids);
            ps.executeUpdate();
        }
        Map<String, AccountState> accounts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select tenant_id, balance, reserved, low_threshold, above_low,"
                + " next_expiry from accounts where tenant_id = any (?) order by tenant_id for update")) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long low = rs.getLong(4);
                    Long lowThreshold = rs.wasNull() ? null : low;
                    accounts.put(rs.getString(1), new AccountState(rs.getString(1), rs.getLong(2), rs.getLong(3),
                            lowThreshold, rs.getBoolean(5), instant(rs.getTimestamp(6))));
                }
            }
        }
        return accounts;
    }

    private static void loadGrants(Connection c, Map<String, AccountState> accounts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select tenant_id, id, expires_at, created_at, remaining"
                + " from grants where tenant_id = any (?) and remaining > 0")) {
            ps.setArray(1, c.createArrayOf("text", accounts.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    accounts.get(rs.getString(1)).live.add(new GrantState(rs.getString(2),
                            instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)), rs.getLong(5)));
                }
            }
        }
    }

    private static Map<String, ReservationState> lockReservations(Connection c, Set<String> jobs) throws SQLException {
        Map<String, ReservationState> reservations = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select job_id, tenant_id, amount, held, captured, status,"
                + " api_key_id, period_time, created_at, closed_at from reservations where job_id = any (?)"
                + " order by job_id for update")) {
            ps.setArray(1, c.createArrayOf("text", jobs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reservations.put(rs.getString(1), new ReservationState(rs.getString(1), rs.getString(2),
                            rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getString(7),
                            instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)),
                            false));
                }
            }
        }
        return reservations;
    }

    /** Budgets read on the batch's connection; nothing of the batch is written yet, so these are the figures before it. */
    private static final class Budgets implements BatchLedger.BudgetSource {

        private final Connection c;
        private final Map<String, List<BudgetLimit>> budgets = new HashMap<>();
        private final Map<String, Long> spent = new HashMap<>();

        Budgets(Connection c) {
            this.c = c;
        }

        @Override
        public List<BudgetLimit> budgets(String tenantId, String apiKeyId) {
            return budgets.computeIfAbsent(tenantId + '\n' + apiKeyId, k -> query(() -> {
                List<BudgetLimit> list = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("select period, credit_limit from key_budgets"
                        + " where tenant_id = ? and api_key_id = ? order by period")) {
                    ps.setString(1, tenantId);
                    ps.setString(2, apiKeyId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            list.add(new BudgetLimit(rs.getString(1), rs.getLong(2)));
                        }
                    }
                }
                return list;
            }));
        }

        @Override
        public long spentBefore(String tenantId, String apiKeyId, Instant from, Instant to) {
            return spent.computeIfAbsent(tenantId + '\n' + apiKeyId + '\n' + from + '\n' + to, k -> query(() -> {
                try (PreparedStatement ps = c.prepareStatement("select coalesce(sum(captured + held), 0)"
                        + " from reservations where api_key_id = ? and tenant_id = ? and period_time >= ?"
                        + " and period_time < ?")) {
                    ps.setString(1, apiKeyId);
                    ps.setString(2, tenantId);
                    ps.setTimestamp(3, Timestamp.from(from));
                    ps.setTimestamp(4, Timestamp.from(to));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            }));
        }

        private interface Query<T> {
            T run() throws SQLException;
        }

        private static <T> T query(Query<T> query) {
            try {
                return query.run();
            } catch (SQLException e) {
                throw new BatchFailedException("reading budgets failed: " + e.getMessage(), e);
            }
        }
    }

    private static void writeLedger(Connection c, List<LedgerLine> lines, List<DebitLine> debits) throws SQLException {
        if (lines.isEmpty()) {
            return;
        }
        // Ids in the batch's order, taken from the ledger's own sequence (REST grants draw from it too).
        Long[] ids = new Long[lines.size()];
        try (PreparedStatement ps = c.prepareStatement(
                "select nextval('ledger_id_seq') from generate_series(1, ?) order by 1")) {
            ps.setInt(1, lines.size());
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
        }
        int n = lines.size();
        String[] tenant = new String[n], type = new String[n], job = new String[n], step = new String[n],
                grant = new String[n], event = new String[n], code = new String[n], operation = new String[n],
                key = new String[n], created = new String[n];
        Long[] amount = new Long[n], fromHold = new Long[n], units = new Long[n];
        for (int i = 0; i < n; i++) {
            LedgerLine l = lines.get(i);
            tenant[i] = l.tenantId();
            type[i] = l.type();
            amount[i] = l.amount();
            fromHold[i] = l.fromHold();
            job[i] = l.jobId();
            step[i] = l.stepId();
            grant[i] = l.grantId();
            event[i] = l.eventId();
            code[i] = l.code();
            operation[i] = l.operation();
            units[i] = l.units();
            key[i] = l.apiKeyId();
            created[i] = l.createdAt().toString();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into ledger (id, tenant_id, entry_type, amount,"
                + " from_hold, job_id, step_id, grant_id, event_id, code, operation, units, api_key_id, created_at)"
                + " select * from unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::timestamptz[])")) {
            int p = 1;
            ps.setArray(p++, c.createArrayOf("bigint", ids));
            ps.setArray(p++, c.createArrayOf("text", tenant));
            ps.setArray(p++, c.createArrayOf("text", type));
            ps.setArray(p++, c.createArrayOf("bigint", amount));
            ps.setArray(p++, c.createArrayOf("bigint", fromHold));
            ps.setArray(p++, c.createArrayOf("text", job));
            ps.setArray(p++, c.createArrayOf("text", step));
            ps.setArray(p++, c.createArrayOf("text", grant));
            ps.setArray(p++, c.createArrayOf("text", event));
            ps.setArray(p++, c.createArrayOf("text", code));
            ps.setArray(p++, c.createArrayOf("text", operation));
            ps.setArray(p++, c.createArrayOf("bigint", units));
            ps.setArray(p++, c.createArrayOf("text", key));
            ps.setArray(p, c.createArrayOf("text", created));
            ps.executeUpdate();
        }
        if (debits.isEmpty()) {
            return;
        }
        int m = debits.size();
        Long[] ledgerId = new Long[m], debitAmount = new Long[m];
        String[] grantId = new String[m];
        for (int i = 0; i < m; i++) {
            DebitLine d = debits.get(i);
            ledgerId[i] = ids[d.seq()];
            grantId[i] = d.grantId();
            debitAmount[i] = d.amount();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into grant_debits (ledger_id, grant_id, amount)"
                + " select * from unnest(?::bigint[], ?::text[], ?::bigint[])")) {
            ps.setArray(1, c.createArrayOf("bigint", ledgerId));
            ps.setArray(2, c.createArrayOf("text", grantId));
            ps.setArray(3, c.createArrayOf("bigint", debitAmount));
            ps.executeUpdate();
        }
    }

    private static void writeGrants(Connection c, List<GrantState> grants) throws SQLException {
        if (grants.isEmpty()) {
            return;
        }
        int n = grants.size();
        String[] id = new String[n], expiredAt = new String[n];
        Long[] remaining = new Long[n];
        for (int i = 0; i < n; i++) {
            GrantState g = grants.get(i);
            id[i] = g.id;
            remaining[i] = g.remaining;
            expiredAt[i] = g.expiredAt == null ? null : g.expiredAt.toString();
        }
        try (PreparedStatement ps = c.prepareStatement("update grants g set remaining = u.remaining,"
                + " expired_at = coalesce(u.expired_at, g.expired_at)"
                + " from unnest(?::text[], ?::bigint[], ?::timestamptz[]) as u(id, remaining, expired_at)"
                + " where g.id = u.id")) {
            ps.setArray(1, c.createArrayOf("text", id));
            ps.setArray(2, c.createArrayOf("bigint", remaining));
            ps.setArray(3, c.createArrayOf("text", expiredAt));
            ps.executeUpdate();
        }
    }

    private static void writeReservations(Connection c, List<ReservationState> changed) throws SQLException {
        List<ReservationState> inserts = changed.stream().filter(r -> r.isNew).toList();
        List<ReservationState> updates = changed.stream().filter(r -> !r.isNew).toList();
        if (!inserts.isEmpty()) {
            int n = inserts.size();
            String[] job = new String[n], tenant = new String[n], status = new String[n], key = new String[n],
                    period = new String[n], created = new String[n], closed = new String[n];
            Long[] amount = new Long[n], held = new Long[n], captured = new Long[n];
            for (int i = 0; i < n; i++) {
                ReservationState r = inserts.get(i);
                job[i] = r.jobId;
                tenant[i] = r.tenantId;
                amount[i] = r.amount;
                held[i] = r.held;
                captured[i] = r.captured;
                status[i] = r.status;
                key[i] = r.apiKeyId;
                period[i] = r.periodTime == null ? null : r.periodTime.toString();
                created[i] = r.createdAt.toString();
                closed[i] = r.closedAt == null ? null : r.closedAt.toString();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into reservations (job_id, tenant_id, amount, held,"
                    + " captured, status, api_key_id, period_time, created_at, closed_at)"
                    + " select * from unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[],"
                    + " ?::text[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[])")) {
                ps.setArray(1, c.createArrayOf("text", job));
                ps.setArray(2, c.createArrayOf("text", tenant));
                ps.setArray(3, c.createArrayOf("bigint", amount));
                ps.setArray(4, c.createArrayOf("bigint", held));
                ps.setArray(5, c.createArrayOf("bigint", captured));
                ps.setArray(6, c.createArrayOf("text", status));
                ps.setArray(7, c.createArrayOf("text", key));
                ps.setArray(8, c.createArrayOf("text", period));
                ps.setArray(9, c.createArrayOf("text", created));
                ps.setArray(10, c.createArrayOf("text", closed));
                ps.executeUpdate();
            }
        }
        if (!updates.isEmpty()) {
            int n = updates.size();
            String[] job = new String[n], status = new String[n], closed = new String[n];
            Long[] held = new Long[n], captured = new Long[n];
            for (int i = 0; i < n; i++) {
                ReservationState r = updates.get(i);
                job[i] = r.jobId;
                held[i] = r.held;
                captured[i] = r.captured;
                status[i] = r.status;
                closed[i] = r.closedAt == null ? null : r.closedAt.toString();
            }
            try (PreparedStatement ps = c.prepareStatement("update reservations r set held = u.held,"
                    + " captured = u.captured, status = u.status, closed_at = u.closed_at"
                    + " from unnest(?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::timestamptz[])"
                    + " as u(job_id, held, captured, status, closed_at) where r.job_id = u.job_id")) {
                ps.setArray(1, c.createArrayOf("text", job));
                ps.setArray(2, c.createArrayOf("bigint", held));
                ps.setArray(3, c.createArrayOf("bigint", captured));
                ps.setArray(4, c.createArrayOf("text", status));
                ps.setArray(5, c.createArrayOf("text", closed));
                ps.executeUpdate();
            }
        }
    }

    private static void writeUsage(Connection c, Map<UsageKey, UsageSum> usage) throws SQLException {
        if (usage.isEmpty()) {
            return;
        }
        int n = usage.size();
        String[] tenant = new String[n], day = new String[n], operation = new String[n];
        Long[] steps = new Long[n], units = new Long[n], credits = new Long[n];
        int i = 0;
        for (Map.Entry<UsageKey, UsageSum> e : usage.entrySet()) {
            tenant[i] = e.getKey().tenantId();
            day[i] = e.getKey().day().toString();
            operation[i] = e.getKey().operation();
            steps[i] = e.getValue().steps;
            units[i] = e.getValue().units;
            credits[i] = e.getValue().credits;
            i++;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into usage_daily (tenant_id, day, operation, steps,"
                + " units, credits) select * from unnest(?::text[], ?::date[], ?::text[], ?::bigint[], ?::bigint[],"
                + " ?::bigint[]) on conflict (tenant_id, day, operation) do update"
                + " set steps = usage_daily.steps + excluded.steps, units = usage_daily.units + excluded.units,"
                + " credits = usage_daily.credits + excluded.credits")) {
            ps.setArray(1, c.createArrayOf("text", tenant));
            ps.setArray(2, c.createArrayOf("text", day));
            ps.setArray(3, c.createArrayOf("text", operation));
            ps.setArray(4, c.createArrayOf("bigint", steps));
            ps.setArray(5, c.createArrayOf("bigint", units));
            ps.setArray(6, c.createArrayOf("bigint", credits));
            ps.executeUpdate();
        }
    }

    private static void writeAccounts(Connection c, List<AccountState> accounts) throws SQLException {
        if (accounts.isEmpty()) {
            return;
        }
        int n = accounts.size();
        String[] tenant = new String[n], nextExpiry = new String[n];
        Long[] balance = new Long[n], reserved = new Long[n];
        Boolean[] aboveLow = new Boolean[n];
        for (int i = 0; i < n; i++) {
            AccountState a = accounts.get(i);
            tenant[i] = a.tenantId;
            balance[i] = a.balance;
            reserved[i] = a.reserved;
            aboveLow[i] = a.aboveLow;
            nextExpiry[i] = a.nextExpiry == null ? null : a.nextExpiry.toString();
        }
        try (PreparedStatement ps = c.prepareStatement("update accounts a set balance = u.balance,"
                + " reserved = u.reserved, above_low = u.above_low, next_expiry = u.next_expiry, updated_at = now()"
                + " from unnest(?::text[], ?::bigint[], ?::bigint[], ?::boolean[], ?::timestamptz[])"
                + " as u(tenant_id, balance, reserved, above_low, next_expiry) where a.tenant_id = u.tenant_id")) {
            ps.setArray(1, c.createArrayOf("text", tenant));
            ps.setArray(2, c.createArrayOf("bigint", balance));
            ps.setArray(3, c.createArrayOf("bigint", reserved));
            ps.setArray(4, c.createArrayOf("boolean", aboveLow));
            ps.setArray(5, c.createArrayOf("text", nextExpiry));
            ps.executeUpdate();
        }
    }

    /**
     * Queues the batch's records in order. The last one goes through {@link Outbox#add}, which also wakes the relay
     * once the transaction has committed, so credits.reserved/denied reach the gateway without waiting for a poll.
     */
    private void writeOutbox(Connection c, List<OutboxLine> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        int n = records.size() - 1;
        if (n > 0) {
            String[] topic = new String[n], key = new String[n], payload = new String[n], trace = new String[n];
            for (int i = 0; i < n; i++) {
                OutboxLine r = records.get(i);
                topic[i] = r.topic();
                key[i] = r.key();
                payload[i] = r.payload();
                trace[i] = r.traceparent();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into outbox (topic, msg_key, payload, traceparent)"
                    + " select u.topic, u.msg_key, u.payload, u.traceparent"
                    + " from unnest(?::text[], ?::text[], ?::text[], ?::text[])"
                    + " with ordinality as u(topic, msg_key, payload, traceparent, ord) order by u.ord")) {
                ps.setArray(1, c.createArrayOf("text", topic));
                ps.setArray(2, c.createArrayOf("text", key));
                ps.setArray(3, c.createArrayOf("text", payload));
                ps.setArray(4, c.createArrayOf("text", trace));
                ps.executeUpdate();
            }
        }
        OutboxLine last = records.get(n);
        outbox.add(last.topic(), last.key(), last.payload(), last.traceparent());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
