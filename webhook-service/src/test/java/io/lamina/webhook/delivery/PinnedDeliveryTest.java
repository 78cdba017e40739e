package io.lamina.webhook.delivery;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.lamina.net.HostResolver;
import io.lamina.net.UrlGuard;
import io.lamina.webhook.DeliveryAttempt;
import io.lamina.webhook.service.Attempt;
import io.lamina.webhook.service.ClaimedMessage;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sender connects to the address the SSRF guard checked, for http and https alike, while the host name stays what
 * the request is about (Host header, TLS SNI, certificate check). Two loopback receivers share a port: the "good" one
 * on 127.0.0.1, the "rebind target" on 127.0.0.2. The guard's resolver answers 127.0.0.1 (allowed) first and
 * 127.0.0.2 (loopback, refused) afterwards, and the HTTP client's own resolver (Vert.x hosts table) answers 127.0.0.2:
 * a client that resolved the name again would land on the rebind target.
 */
class PinnedDeliveryTest {

    private static final String HOST = "hooks.lamina.test";
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static SSLContext serverTls;
    private static PemTrustOptions trust;

    private final List<Receiver> receivers = new ArrayList<>();
    private WebhookSender sender;

    @BeforeAll
    static void certificateAndClient() throws Exception {
        // A self-signed certificate for a made-up name only (no IP address in it).
        Path keystore = dir.resolve("hook.p12");
        keytool("-genkeypair", "-alias", "hook", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + HOST, "-ext", "SAN=dns:" + HOST, "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        Path pem = dir.resolve("hook.pem");
        keytool("-exportcert", "-rfc", "-alias", "hook", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", pem.toString());
        trust = new PemTrustOptions().addCertPath(pem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(new KeyManager[]{new SniRecorder((X509ExtendedKeyManager) kmf.getKeyManagers()[0])}, null,
                null);
        vertx = Vertx.vertx(new VertxOptions().setAddressResolverOptions(new AddressResolverOptions()
                .setHostsValue(Buffer.buffer("127.0.0.2 " + HOST + "\n127.0.0.2 other.lamina.test\n"))));
    }

    @AfterAll
    static void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void forgetServerNames() {
        SniRecorder.NAMES.clear();
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(r -> r.server.stop(0));
        if (sender != null) {
            sender.close();
        }
    }

    @Test
    void theClientsOwnResolverWouldReachTheRebindTarget() throws Exception {
        int port = freePort();
        Receiver good = https("127.0.0.1", port);
        Receiver rebound = https("127.0.0.2", port);
        HttpClient plain = vertx.createHttpClient(new HttpClientOptions().setTrustOptions(trust).setVerifyHost(true));
        try {
            int status = plain.request(new RequestOptions().setMethod(HttpMethod.POST).setSsl(true).setHost(HOST)
                            .setPort(port).setURI("/hook"))
                    .compose(r -> r.send("{}")).map(HttpClientResponse::statusCode)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(204, status);
        } finally {
            plain.close();
        }
        assertEquals(0, good.count.get());
        assertEquals(1, rebound.count.get(), "an unpinned request follows the changed DNS answer");
    }

    @Test
    void httpsGoesToTheCheckedAddressWithSniAndCertificateOfTheHostName() throws Exception {
        int port = freePort();
        Receiver good = https("127.0.0.1", port);
        Receiver rebound = https("127.0.0.2", port);
        Rebinding dns = new Rebinding("127.0.0.1", "127.0.0.2");
        sender = sender(dns, trust);

        Attempt first = send("https://" + HOST + ":" + port + "/hook?x=1");

        Attempt.Answered answered = assertInstanceOf(Attempt.Answered.class, first.outcome(), first.toString());
        assertEquals(204, answered.status());
        assertEquals(1, good.count.get());
        assertEquals(0, rebound.count.get());
        assertEquals(1, dns.calls.get(), "the name is resolved once, by the guard");
        assertEquals(HOST + ":" + port, good.lastHost);
        assertEquals("/hook?x=1", good.lastPath);
        assertEquals("msg_pinned", good.lastWebhookId);
        assertEquals(List.of(HOST), SniRecorder.NAMES, "TLS server name");

        // The resolver now answers the private address: refused before any connection.
        Attempt second = send("https://" + HOST + ":" + port + "/hook");
        Attempt.Refused refused = assertInstanceOf(Attempt.Refused.class, second.outcome(), second.toString());
        assertTrue(refused.error().startsWith("unsafe_url: " + HOST + " resolves to 127.0.0.2"), refused.error());
        assertEquals(1, good.count.get());
        assertEquals(0, rebound.count.get());
    }

    @Test
    void certificateIsCheckedAgainstTheHostNameNotTheAddress() throws Exception {
        int port = freePort();
        Receiver good = https("127.0.0.1", port);
        sender = sender(new Rebinding("127.0.0.1", "127.0.0.1"), trust);

        Attempt wrongName = send("https://other.lamina.test:" + port + "/hook");

        Attempt.NoAnswer failed = assertInstanceOf(Attempt.NoAnswer.class, wrongName.outcome(), wrongName.toString());
        assertTrue(failed.error().contains("SSL") || failed.error().contains("ertificate"), failed.error());
        assertEquals(0, good.count.get());
        assertEquals(List.of("other.lamina.test"), SniRecorder.NAMES);
    }

    @Test
    void certificateOutsideTheTrustStoreIsRefused() throws Exception {
        int port = freePort();
        Receiver good = https("127.0.0.1", port);
        sender = sender(new Rebinding("127.0.0.1", "127.0.0.1"), null);

        Attempt attempt = send("https://" + HOST + ":" + port + "/hook");

        assertInstanceOf(Attempt.NoAnswer.class, attempt.outcome(), attempt.toString());
        assertEquals(0, good.count.get());
    }

    @Test
    void httpGoesToTheCheckedAddressWithTheOriginalHostHeader() throws Exception {
        int port = freePort();
        Receiver good = http("127.0.0.1", port);
        Receiver rebound = http("127.0.0.2", port);
        Rebinding dns = new Rebinding("127.0.0.1", "127.0.0.2");
        sender = sender(dns, null);

        Attempt attempt = send("http://" + HOST + ":" + port + "/hook");

        assertEquals(204, assertInstanceOf(Attempt.Answered.class, attempt.outcome(), attempt.toString()).status());
        assertEquals(1, good.count.get());
        assertEquals(0, rebound.count.get());
        assertEquals(HOST + ":" + port, good.lastHost);
    }

    @Test
    void redirectsAreNotFollowedAndLongBodiesAreCut() throws Exception {
        int port = freePort();
        Receiver good = http("127.0.0.1", port);
        sender = sender(new Rebinding("127.0.0.1", "127.0.0.1"), null);

        Attempt redirected = send("http://" + HOST + ":" + port + "/redirect");
        Attempt big = send("http://" + HOST + ":" + port + "/big");

        assertEquals(302, assertInstanceOf(Attempt.Answered.class, redirected.outcome()).status());
        assertEquals(0, good.count.get(), "the redirect target /hook was not called");
        Attempt.Answered bigAnswer = assertInstanceOf(Attempt.Answered.class, big.outcome());
        assertEquals(200, bigAnswer.status());
        assertEquals("x".repeat(DeliveryAttempt.BODY_LIMIT), bigAnswer.body());
    }

    private WebhookSender sender(HostResolver dns, PemTrustOptions trustOptions) {
        return new WebhookSender(vertx, new UrlGuard(List.of("127.0.0.1"), dns), Duration.ofSeconds(20), 4,
                trustOptions);
    }

    private Attempt send(String url) throws Exception {
        String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        ClaimedMessage m = new ClaimedMessage(1, "msg_pinned", "t_1", "job_1", null, url, "{\"type\":\"job.completed\"}",
                1, 1, List.of(secret), Instant.now().plusSeconds(60));
        return sender.send(m).toCompletableFuture().get(40, TimeUnit.SECONDS);
    }

    /** Answers 127.0.0.1 the first time (an address the guard allows), then the other address. */
    private static final class Rebinding implements HostResolver {
        final AtomicInteger calls = new AtomicInteger();
        final String first;
        final String later;

        Rebinding(String first, String later) {
            this.first = first;
            this.later = later;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            String answer = calls.getAndIncrement() == 0 ? first : later;
            return new InetAddress[]{InetAddress.getByName(answer)};
        }
    }

    private static final class Receiver {
        final AtomicInteger count = new AtomicInteger();
        volatile String lastHost;
        volatile String lastPath;
        volatile String lastWebhookId;
        HttpServer server;
    }

    private Receiver https(String address, int port) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(address, port), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        return start(server);
    }

    private Receiver http(String address, int port) throws IOException {
        return start(HttpServer.create(new InetSocketAddress(address, port), 16));
    }

    private Receiver start(HttpServer server) {
        Receiver r = new Receiver();
        r.server = server;
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            r.count.incrementAndGet();
            r.lastHost = exchange.getRequestHeaders().getFirst("host");
            r.lastPath = exchange.getRequestURI().toString();
            r.lastWebhookId = exchange.getRequestHeaders().getFirst("webhook-id");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/redirect", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("location", "/hook");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/big", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "x".repeat(100_000).getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try {
                exchange.getResponseBody().write(body);
            } catch (IOException closedByClient) {
                // The client stops reading after its limit.
            }
            exchange.close();
        });
        server.start();
        receivers.add(r);
        return r;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    /** Records the TLS server names (SNI) that clients ask the receivers for. */
    private static final class SniRecorder extends X509ExtendedKeyManager {
        static final List<String> NAMES = new CopyOnWriteArrayList<>();
        private final X509ExtendedKeyManager delegate;

        SniRecorder(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            if (engine.getHandshakeSession() instanceof ExtendedSSLSession session) {
                for (SNIServerName name : session.getRequestedServerNames()) {
                    if (name instanceof SNIHostName host) {
                        NAMES.add(host.getAsciiName());
                    }
                }
            }
            return delegate.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
