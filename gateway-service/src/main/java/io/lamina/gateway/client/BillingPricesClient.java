package io.lamina.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** billing-service's price list: {@code {"<operation>": credits per unit}}. */
@RegisterRestClient(configKey = "billing")
@RegisterClientHeaders(InternalTokenHeaders.class)
@RegisterProvider(InternalTokenRefused.class)
@Path("/internal/prices")
public interface BillingPricesClient {

    @GET
    JsonNode prices();
}
