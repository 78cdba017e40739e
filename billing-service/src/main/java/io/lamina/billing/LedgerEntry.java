package io.lamina.billing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** One append-only line of a tenant's credit history; rows are inserted, never updated or deleted. */
@Entity
@Table(name = "ledger")
public class LedgerEntry extends PanacheEntityBase {

    public static final String GRANT = "grant";
    public static final String RESERVE = "reserve";
    public static final String CAPTURE = "capture";
    public static final String RELEASE = "release";
    public static final String DENY = "deny";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String tenantId;

    public String entryType;

    public long amount;

    public String jobId;

    public String stepId;

    public String grantId;

    public String eventId;

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

    public static LedgerEntry forGrant(String tenantId, long amount, String grantId) {
        LedgerEntry e = new LedgerEntry();
        e.entryType = GRANT;
        e.tenantId = tenantId;
        e.amount = amount;
        e.grantId = grantId;
        e.createdAt = Instant.now();
        return e;
    }

    /** Up to {@code limit} entries of the tenant, newest first, older than entry {@code before} when given. */
    public static List<LedgerEntry> page(String tenantId, Long before, int limit) {
        Sort newestFirst = Sort.descending("id");
        PanacheQuery<LedgerEntry> query = before == null
                ? find("tenantId = :tenant", newestFirst, Parameters.with("tenant", tenantId))
                : find("tenantId = :tenant and id < :before", newestFirst,
                        Parameters.with("tenant", tenantId).and("before", before));
        return query.page(0, limit).list();
    }
}
