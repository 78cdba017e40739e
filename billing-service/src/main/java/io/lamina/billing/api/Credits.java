package io.lamina.billing.api;

import io.lamina.problem.ApiException;

import java.math.BigDecimal;

/** Reading a number of credits from a request: whole, within bounds, or a 422 naming the field. */
final class Credits {

    static final long MAX = 1_000_000_000_000L;

    private Credits() {
    }

    static long wholeAmount(BigDecimal value, long min, String code, String field) {
        if (value == null) {
            throw ApiException.unprocessable(code, field + " is required");
        }
        if (value.stripTrailingZeros().scale() > 0) {
            throw ApiException.unprocessable(code, field + " must be a whole number of credits");
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(MAX)) > 0) {
            throw ApiException.unprocessable(code, field + " must be from " + min + " to " + MAX);
        }
        return value.longValueExact();
    }
}
