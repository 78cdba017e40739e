package io.lamina.billing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One append-only line of a tenant's credit history; rows are inserted, never updated or deleted (a database trigger
 * refuses both). Amounts are positive; the type gives the direction: {@code grant} adds to the balance,
 * {@code capture} and {@code expire} take from it, {@code reserve}/{@code release} move credits into and out of holds,
 * {@code deny} records a refused job and moves nothing.
 */
@Entity
@Table(name = "ledger")
public class LedgerEntry extends PanacheEntityBase {

    public static final String GRANT = "grant";
    public static final String RESERVE = "reserve";
    public static final String CAPTURE = "capture";
    public static final String RELEASE = "release";
    public static final String DENY = "deny";
    public static final String EXPIRE = "expire";
    public static final Set<String> TYPES = Set.of(GRANT, RESERVE, CAPTURE, RELEASE, DENY, EXPIRE);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String tenantId;

    public String entryType;

    public long amount;

    /** capture: the part of {@code amount} taken from the job's hold (the rest came from the available balance). */
    public long fromHold;

    public String jobId;

    public String stepId;

    public String grantId;

    public String eventId;

    /** deny: insufficient_credits or budget_exceeded. */
    public String code;

    /** capture: the step's operation and reported units. */
    public String operation;

    public Long units;

    /** reserve, deny: the API key that submitted the job (REST submissions). */
    public String apiKeyId;

    public Instant createdAt;

    public static LedgerEntry forJob(String type, String tenantId, long amount, String jobId, String stepId,
                                     String eventId) {
        LedgerEntry e = new LedgerEntry();
        e.entryType = type;
        e.tenantId = tenantId;
        e.amount = amount;
        e.jobId = jobId;
        e.stepId = stepId;
        e.eventId = eventId;
        e.createdAt = Instant.now();
        return e;
    }

    public static LedgerEntry forGrant(String type, String tenantId, long amount, String grantId) {
        LedgerEntry e = new LedgerEntry();
        e.entryType = type;
        e.tenantId = tenantId;
        e.amount = amount;
        e.grantId = grantId;
        e.createdAt = Instant.now();
        return e;
    }

    /** Filters of a ledger page; null fields do not filter. */
    public record Filter(String type, String jobId, Long before) {
    }

    /** Up to {@code limit} entries of the tenant matching {@code filter}, newest first. */
    public static List<LedgerEntry> page(String tenantId, Filter filter, int limit) {
        StringBuilder query = new StringBuilder("tenantId = :tenant");
        Parameters params = Parameters.with("tenant", tenantId);
        if (filter.type() != null) {
            query.append(" and entryType = :type");
            params = params.and("type", filter.type());
        }
        if (filter.jobId() != null) {
            query.append(" and jobId = :job");
            params = params.and("job", filter.jobId());
        }
        if (filter.before() != null) {
            query.append(" and id < :before");
            params = params.and("before", filter.before());
        }
        query.append(" order by id desc");
        return find(query.toString(), params).page(0, limit).list();
    }

    /** The ledger's own account of the pool: the sums the cached balance and holds must equal. */
    public record Sums(long granted, long captured, long expired, long reservedTotal, long released,
                       long capturedFromHold) {

        public long balance() {
            return granted - captured - expired;
        }

        public long reserved() {
            return reservedTotal - released - capturedFromHold;
        }
    }

    public static Sums sums(String tenantId) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery("select"
                        + " coalesce(sum(amount) filter (where entry_type = 'grant'), 0),"
                        + " coalesce(sum(amount) filter (where entry_type = 'capture'), 0),"
                        + " coalesce(sum(amount) filter (where entry_type = 'expire'), 0),"
                        + " coalesce(sum(amount) filter (where entry_type = 'reserve'), 0),"
                        + " coalesce(sum(amount) filter (where entry_type = 'release'), 0),"
                        + " coalesce(sum(from_hold) filter (where entry_type = 'capture'), 0)"
                        + " from ledger where tenant_id = ?1")
                .setParameter(1, tenantId)
                .getSingleResult();
        return new Sums(n(row[0]), n(row[1]), n(row[2]), n(row[3]), n(row[4]), n(row[5]));
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
