package io.lamina.billing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lamina.billing.LedgerEntry;

import java.time.Instant;
import java.util.List;

/** A page of the ledger, newest first; pass {@code next_cursor} as {@code before} for the next one (null: no more). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LedgerPage(List<Entry> entries, String nextCursor) {

    /** {@code rows} as fetched with one row more than {@code limit}, so the extra one reveals a further page. */
    public static LedgerPage of(List<LedgerEntry> rows, int limit) {
        List<Entry> entries = rows.stream().limit(limit).map(Entry::of).toList();
        String next = rows.size() > limit ? String.valueOf(entries.get(entries.size() - 1).id()) : null;
        return new LedgerPage(entries, next);
    }

    /**
     * {@code job_id}/{@code step_id} are set on job entries, {@code grant_id} on grants and expiries, {@code code} on
     * denials, {@code operation}/{@code units}/{@code from_hold} on captures; the others are null.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Entry(long id, String type, long amount, String jobId, String stepId, String grantId,
                        Instant createdAt, String code, String operation, Long units, Long fromHold) {

        static Entry of(LedgerEntry e) {
            return new Entry(e.id, e.entryType, e.amount, e.jobId, e.stepId, e.grantId, e.createdAt, e.code,
                    e.operation, e.units, LedgerEntry.CAPTURE.equals(e.entryType) ? e.fromHold : null);
        }
    }
}
