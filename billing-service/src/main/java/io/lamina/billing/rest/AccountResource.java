package io.lamina.billing.rest;

import io.lamina.billing.Account;
import io.lamina.billing.LedgerEntry;
import io.lamina.billing.api.AccountView;
import io.lamina.billing.api.BudgetList;
import io.lamina.billing.api.BudgetRequest;
import io.lamina.billing.api.BudgetView;
import io.lamina.billing.api.GrantList;
import io.lamina.billing.api.ReconciliationView;
import io.lamina.billing.api.SettingsRequest;
import io.lamina.billing.api.UsageReport;
import io.lamina.billing.service.Budgets;
import io.lamina.billing.service.BudgetPeriod;
import io.lamina.billing.service.Usage;
import io.lamina.problem.ApiException;
import io.lamina.billing.api.GrantRequest;
import io.lamina.billing.api.GrantView;
import io.lamina.billing.api.LedgerPage;
import io.lamina.billing.service.AccountService;
import io.lamina.billing.service.GrantOutcome;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.TreeSet;

/**
 * Internal API, called by the gateway only (the gateway authenticates and authorizes the tenant; billing trusts a
 * caller that holds the internal token, see {@link InternalTokenFilter}).
 */
@Path("/internal/accounts/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    static final int MAX_LEDGER_PAGE = 500;
    static final int MAX_GRANTS = 1000;
    static final int MAX_USAGE_DAYS = 366;
    static final int DEFAULT_USAGE_DAYS = 30;
    private static final int MAX_ID_LENGTH = 200;

    private final AccountService accounts;
    private final Budgets budgets;
    private final Usage usage;

    public AccountResource(AccountService accounts, Budgets budgets, Usage usage) {
        this.accounts = accounts;
        this.budgets = budgets;
        this.usage = usage;
    }

    @GET
    public AccountView account(@PathParam("tenantId") String tenantId) {
        checkId(tenantId, "tenant id", "invalid_tenant");
        return accounts.account(tenantId).map(a -> AccountView.of(a, accounts.lowThreshold(a)))
                .orElseGet(() -> AccountView.empty(tenantId, accounts.lowThreshold(null)));
    }

    /** 201 when credited now, 200 when this grant id was already credited with the same content, 409 otherwise. */
    @POST
    @Path("/grants")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grant(@PathParam("tenantId") String tenantId, GrantRequest request) {
        checkId(tenantId, "tenant id", "invalid_tenant");
        GrantOutcome outcome = accounts.grant(tenantId, GrantRequest.validate(request));
        if (outcome instanceof GrantOutcome.Created created) {
            return Response.status(Response.Status.CREATED).entity(GrantView.of(created.grant(), created.account()))
                    .build();
        }
        if (outcome instanceof GrantOutcome.Replayed replayed) {
            return Response.ok(GrantView.of(replayed.grant(), replayed.account())).build();
        }
        throw ApiException.conflict("grant_conflict", "grant_id " + ((GrantOutcome.Conflict) outcome).grantId()
                + " was already used for a different grant");
    }

    @GET
    @Path("/grants")
    public GrantList grants(@PathParam("tenantId") String tenantId) {
        checkId(tenantId, "tenant id", "invalid_tenant");
        accounts.account(tenantId);  // expires what is due, so the list is current
        return GrantList.of(accounts.grants(tenantId, MAX_GRANTS));
    }

    @GET
    @Path("/ledger")
    public LedgerPage ledger(@PathParam("tenantId") String tenantId,
                             @QueryParam("limit") @DefaultValue("50") String limit,
                             @QueryParam("before") String before,
                             @QueryParam("type") String type,
                             @QueryParam("job_id") String jobId) {
        checkId(tenantId, "tenant id", "invalid_tenant");
        int size = parseLimit(limit);
        if (type != null && !type.isEmpty() && !LedgerEntry.TYPES.contains(type)) {
            throw ApiException.badRequest("invalid_type", "type must be one of " + String.join(", ",
                    new TreeSet<>(LedgerEntry.TYPES)));
        }
        LedgerEntry.Filter filter = new LedgerEntry.Filter(type == null || type.isEmpty() ? null : type,
                jobId == null || jobId.isEmpty() ? null : jobId, parseBefore(before));
        return LedgerPage.of(accounts.ledger(tenantId, filter, size), size);
    }

    /** Usage per UTC day and operation, {@code from}..{@code to} inclusive (default: the last 30 days). */
    @GET
    @Path("/usage")
    public UsageReport usage(@PathParam("tenantId") String tenantId, @QueryParam("from") String from,
                             @QueryParam("to") String to) {
        checkId(tenantId, "tenant id", "invalid_tenant");
        LocalDate end = to == null || to.isEmpty() ? LocalDate.now(ZoneOffset.UTC) : parseDate(to, "to");
        LocalDate start = from == null || from.isEmpty() ? end.minusDays(DEFAULT_USAGE_DAYS - 1)
                : parseDate(from, "from");
        if (start.isAfter(end) || ChronoUnit.DAYS.between(start, end) >= MAX_USAGE_DAYS) {
            throw ApiException.badRequest("invalid_range", "from must not be after to, and the range at most "
                    + MAX_USAGE_DAYS + " days");
        }
        return UsageReport.of(tenantId, start, end, usage.days(tenantId, start, end));
    }

    @PUT
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccountView settings(@PathParam("tenantId") String tenantId, SettingsRequest request) {
        checkId(tenantId, "tenant id", "invalid_tenant");
        Account account = accounts.setLowThreshold(tenantId, SettingsRequest.validate(request));
        return AccountView.of(account, accounts.lowThreshold(account));
    }

    @GET
    @Path("/budgets")
    public BudgetList budgets(@PathParam("tenantId") String tenantId) {
        checkId(tenantId, "tenant id", "invalid_tenant");
        return new BudgetList(budgets.standings(tenantId, Instant.now()).stream().map(BudgetView::of).toList());
    }

    @PUT
    @Path("/budgets/{apiKeyId}/{period}")
    @Consumes(MediaType.APPLICATION_JSON)
    public BudgetView setBudget(@PathParam("tenantId") String tenantId, @PathParam("apiKeyId") String apiKeyId,
                                @PathParam("period") String period, BudgetRequest request) {
        checkId(tenantId, "tenant id", "invalid_tenant");
        checkId(apiKeyId, "API key id", "invalid_api_key_id");
        BudgetPeriod p = period(period);
        long limit = BudgetRequest.validate(request);
        return accounts.setBudget(tenantId, apiKeyId, p, limit)
                .map(b -> BudgetView.of(Budgets.standing(b, Instant.now())))
                .orElseThrow(() -> ApiException.conflict("budget_conflict",
                        "API key " + apiKeyId + " has a budget under another tenant"));
    }

    @DELETE
    @Path("/budgets/{apiKeyId}/{period}")
    public Response removeBudget(@PathParam("tenantId") String tenantId, @PathParam("apiKeyId") String apiKeyId,
                                 @PathParam("period") String period) {
        checkId(tenantId, "tenant id", "invalid_tenant");
        checkId(apiKeyId, "API key id", "invalid_api_key_id");
        if (!accounts.removeBudget(tenantId, apiKeyId, period(period))) {
            throw ApiException.notFound("no " + period + " budget for API key " + apiKeyId);
        }
        return Response.noContent().build();
    }

    /** The cached pool next to the ledger's sums: {@code consistent} is false if they ever disagree. */
    @GET
    @Path("/reconciliation")
    public ReconciliationView reconciliation(@PathParam("tenantId") String tenantId) {
        checkId(tenantId, "tenant id", "invalid_tenant");
        return ReconciliationView.of(accounts.reconcile(tenantId));
    }

    private static BudgetPeriod period(String period) {
        return BudgetPeriod.byId(period).orElseThrow(() -> ApiException.badRequest("invalid_period",
                "period must be day or month"));
    }

    private static void checkId(String id, String what, String code) {
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw ApiException.badRequest(code, what + " must be 1 to " + MAX_ID_LENGTH + " characters");
        }
    }

    private static LocalDate parseDate(String value, String name) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_date", name + " must be a date like 2026-11-24");
        }
    }

    private static int parseLimit(String limit) {
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= MAX_LEDGER_PAGE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw ApiException.badRequest("invalid_limit", "limit must be a whole number from 1 to " + MAX_LEDGER_PAGE);
    }

    private static Long parseBefore(String before) {
        if (before == null || before.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(before);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_cursor", "before must be a next_cursor from an earlier page");
        }
    }
}
