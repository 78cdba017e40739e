package io.lamina.billing.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Usage per tenant, UTC day and operation: steps charged, their units and credits, kept with every capture. */
@ApplicationScoped
public class Usage {

    /** One day's usage of one operation. */
    public record Day(LocalDate date, String operation, long steps, long units, long credits) {
    }

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String tenantId, Instant time, String operation, long units, long credits) {
        em.createNativeQuery("insert into usage_daily (tenant_id, day, operation, steps, units, credits)"
                        + " values (?1, ?2, ?3, 1, ?4, ?5) on conflict (tenant_id, day, operation) do update"
                        + " set steps = usage_daily.steps + 1, units = usage_daily.units + excluded.units,"
                        + " credits = usage_daily.credits + excluded.credits")
                .setParameter(1, tenantId)
                .setParameter(2, Date.valueOf(time.atOffset(ZoneOffset.UTC).toLocalDate()))
                .setParameter(3, operation == null ? "unknown" : operation)
                .setParameter(4, units)
                .setParameter(5, credits)
                .executeUpdate();
    }

    /** The days from {@code from} to {@code to} (both included) with usage, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<Day> days(String tenantId, LocalDate from, LocalDate to) {
        List<Object[]> rows = em.createNativeQuery("select day, operation, steps, units, credits from usage_daily"
                        + " where tenant_id = ?1 and day >= ?2 and day <= ?3 order by day, operation")
                .setParameter(1, tenantId)
                .setParameter(2, Date.valueOf(from))
                .setParameter(3, Date.valueOf(to))
                .getResultList();
        return rows.stream().map(r -> new Day(toDate(r[0]), (String) r[1], ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), ((Number) r[4]).longValue())).toList();
    }

    private static LocalDate toDate(Object value) {
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }
}
