package io.lamina.billing.service;

import io.lamina.billing.Account;
import io.lamina.billing.Grant;

/** What a grant request did: credited now, already credited by an earlier identical request, or refused. */
public sealed interface GrantOutcome {

    record Created(Grant grant, Account account) implements GrantOutcome {
    }

    record Replayed(Grant grant, Account account) implements GrantOutcome {
    }

    /** The grant id is taken by a different grant (other tenant, amount, source or expiry). */
    record Conflict(String grantId) implements GrantOutcome {
    }
}
