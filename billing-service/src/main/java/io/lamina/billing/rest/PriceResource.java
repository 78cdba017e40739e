package io.lamina.billing.rest;

import io.lamina.billing.service.Prices;
import io.lamina.contracts.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/** The price list (credits per unit of each operation), for cost estimates at the gateway. */
@Path("/internal/prices")
@Produces(MediaType.APPLICATION_JSON)
public class PriceResource {

    @Inject
    Prices prices;

    @GET
    public Map<String, Long> list() {
        Map<String, Long> list = new LinkedHashMap<>();
        for (Operation op : Operation.values()) {
            list.put(op.id(), prices.of(op.id()));
        }
        return list;
    }
}
