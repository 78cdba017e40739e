package io.lamina.billing.rest;

import io.lamina.billing.api.AccountView;
import io.lamina.problem.ApiException;
import io.lamina.billing.api.GrantRequest;
import io.lamina.billing.api.GrantView;
import io.lamina.billing.api.LedgerPage;
import io.lamina.billing.service.AccountService;
import io.lamina.billing.service.GrantOutcome;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Internal API, called by the gateway only (the gateway authenticates and authorizes; billing trusts its caller).
 */
@Path("/internal/accounts/{tenantId}")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    static final int MAX_LEDGER_PAGE = 500;
    private static final int MAX_TENANT_ID_LENGTH = 200;

    private final AccountService accounts;

    public AccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @GET
    public AccountView account(@PathParam("tenantId") String tenantId) {
        checkTenant(tenantId);
        return accounts.account(tenantId).map(AccountView::of).orElseGet(() -> AccountView.empty(tenantId));
    }

    /** 201 when credited now, 200 when this grant id was already credited with the same content, 409 otherwise. */
    @POST
    @Path("/grants")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grant(@PathParam("tenantId") String tenantId, GrantRequest request) {
        checkTenant(tenantId);
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
    @Path("/ledger")
    public LedgerPage ledger(@PathParam("tenantId") String tenantId,
                             @QueryParam("limit") @DefaultValue("50") String limit,
                             @QueryParam("before") String before) {
        checkTenant(tenantId);
        int size = parseLimit(limit);
        return LedgerPage.of(accounts.ledger(tenantId, parseBefore(before), size), size);
    }

    private static void checkTenant(String tenantId) {
        if (tenantId.isBlank() || tenantId.length() > MAX_TENANT_ID_LENGTH) {
            throw ApiException.badRequest("invalid_tenant", "tenant id must be 1 to " + MAX_TENANT_ID_LENGTH
                    + " characters");
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
