package io.lamina.gateway.client;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InternalTokenRefusedTest {

    final ClientRequestContext request = (ClientRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{ClientRequestContext.class}, (proxy, method, args) -> {
                if (method.getName().equals("getUri")) {
                    return URI.create("http://billing:8085/internal/accounts/t/ledger");
                }
                throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void aRefusedTokenFailsTheCallInsteadOfReachingTheTenantAsA401() {
        ProcessingException e = assertThrows(ProcessingException.class,
                () -> new InternalTokenRefused().filter(request, response(401)));
        assertTrue(e.getMessage().contains("billing:8085 refused the gateway's internal token"), e.getMessage());
    }

    @Test
    void otherAnswersPassThrough() {
        for (int status : new int[]{200, 201, 400, 404, 409, 422, 500}) {
            assertDoesNotThrow(() -> new InternalTokenRefused().filter(request, response(status)));
        }
    }

    private static ClientResponseContext response(int status) {
        return (ClientResponseContext) Proxy.newProxyInstance(InternalTokenRefusedTest.class.getClassLoader(),
                new Class<?>[]{ClientResponseContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getStatus")) {
                        return status;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
