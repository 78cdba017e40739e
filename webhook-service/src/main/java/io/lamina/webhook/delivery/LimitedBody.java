package io.lamina.webhook.delivery;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads at most {@code limit} bytes of a response body and then stops reading, so a receiver that streams an endless
 * or huge answer costs neither memory nor time.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<String> {

    private final int limit;
    private final byte[] buffer;
    private int size;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    LimitedBody(int limit) {
        this.limit = limit;
        this.buffer = new byte[limit];
    }

    static HttpResponse.BodyHandler<String> handler(int limit) {
        return info -> new LimitedBody(limit);
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer b : items) {
            int n = Math.min(b.remaining(), limit - size);
            b.get(buffer, size, n);
            size += n;
        }
        if (size >= limit) {
            subscription.cancel();
            finish();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable t) {
        if (!result.isDone()) {
            finish();
        }
    }

    @Override
    public void onComplete() {
        finish();
    }

    private void finish() {
        // Malformed UTF-8 at the cut is replaced, never thrown: the body is for a human reading the log.
        result.complete(new String(buffer, 0, size, StandardCharsets.UTF_8));
    }
}
