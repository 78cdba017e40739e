package io.lamina.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlGuardTest {

    /** A DNS that answers from a table and never touches the network. */
    private static final Map<String, List<String>> DNS = Map.of(
            "public.example", List.of("93.184.216.34"),
            "rebind.example", List.of("93.184.216.34", "127.0.0.1"),
            "metadata.example", List.of("169.254.169.254"),
            "internal.example", List.of("10.1.2.3"),
            "localhost", List.of("127.0.0.1", "::1"),
            "dns64.example", List.of("64:ff9b::5db8:d822"));

    private static final HostResolver FAKE_DNS = host -> {
        List<String> answers = DNS.get(host);
        if (answers == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[answers.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = InetAddress.getByName(answers.get(i));
        }
        return out;
    };

    private final UrlGuard strict = new UrlGuard(List.of(), FAKE_DNS);

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1/hook",
            "http://127.255.255.254/",
            "http://localhost:8080/",
            "http://0.0.0.0/",
            "http://10.0.0.1/",
            "http://172.16.0.1/",
            "http://172.31.255.255/",
            "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://metadata.example/",
            "http://internal.example/",
            "http://100.64.0.1/",
            "http://100.127.255.255/",
            "http://224.0.0.1/",
            "http://255.255.255.255/",
            "http://240.0.0.1/",
            "http://198.18.0.1/",
            "http://[::1]/",
            "http://[::]/",
            "http://[fc00::1]/",
            "http://[fd12:3456:789a::1]/",
            "http://[fe80::1]/",
            "http://[fe80::1%25eth0]/",
            "http://[ff02::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:7f00:1]/",
            "http://[::ffff:169.254.169.254]/",
            "http://[::127.0.0.1]/",
            "http://[64:ff9b::7f00:1]/",
            "http://[64:ff9b::a00:1]/",
            "http://[64:ff9b:1::1]/",
            "http://[2002:7f00:1::1]/",
            "http://[2001:db8::1]/",
            "http://0x7f.1/",
            "http://0x7f000001/",
            "http://2130706433/",
            "http://017700000001/",
            "http://0177.0.0.1/",
            "http://127.1/",
            "http://127.000.000.001/",
            "http://rebind.example/",
    })
    void refusesInternalAddressesAndEncodings(String url) {
        assertInstanceOf(UrlCheck.Unsafe.class, strict.check(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ftp://93.184.216.34/",
            "file:///etc/passwd",
            "gopher://93.184.216.34/",
            "http://user:pass@93.184.216.34/",
            "not a url",
            "http:///nohost",
    })
    void refusesOtherSchemesAndMalformedUrls(String url) {
        assertInstanceOf(UrlCheck.Unsafe.class, strict.check(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://93.184.216.34/hook",
            "https://93.184.216.34:8443/hook?x=1",
            "https://public.example/hook",
            "HTTPS://PUBLIC.EXAMPLE./hook",
            "http://[2606:2800:220:1:248:1893:25c8:1946]/",
            "http://dns64.example/",
            "http://[::ffff:93.184.216.34]/",
            "http://8.8.8.8/",
            "http://172.32.0.1/",
            "http://100.128.0.1/",
    })
    void allowsPublicAddresses(String url) {
        assertInstanceOf(UrlCheck.Safe.class, strict.check(url), url);
    }

    @Test
    void reportsUnresolvableHostsAsTemporary() {
        assertInstanceOf(UrlCheck.Unresolvable.class, strict.check("https://nowhere.example/hook"));
    }

    @Test
    void allowListOpensHostsAndBlocks() {
        UrlGuard guard = new UrlGuard(List.of("localhost", " 10.1.0.0/16 ", "127.0.0.1"), FAKE_DNS);
        assertInstanceOf(UrlCheck.Safe.class, guard.check("http://localhost:9000/hook"));
        assertInstanceOf(UrlCheck.Safe.class, guard.check("http://127.0.0.1:9000/hook"));
        assertInstanceOf(UrlCheck.Safe.class, guard.check("http://internal.example/"));
        assertInstanceOf(UrlCheck.Unsafe.class, guard.check("http://10.2.0.1/"));
        assertInstanceOf(UrlCheck.Unsafe.class, guard.check("http://127.0.0.2/"));
        assertInstanceOf(UrlCheck.Unsafe.class, guard.check("http://2130706433/"));
    }

    @Test
    void returnsTheCheckedAddressForPinning() {
        UrlCheck.Safe safe = (UrlCheck.Safe) strict.check("http://public.example:8080/a/b%20c?q=1#frag");
        assertEquals("93.184.216.34", safe.address().getHostAddress());
        assertEquals(URI.create("http://93.184.216.34:8080/a/b%20c?q=1"), safe.pinnedUri());
        assertEquals("public.example:8080", safe.hostHeader());
    }

    @Test
    void pinsIpv6AddressesInBrackets() {
        UrlCheck.Safe safe = (UrlCheck.Safe) strict.check("http://dns64.example");
        assertEquals(URI.create("http://[64:ff9b:0:0:0:0:5db8:d822]/"), safe.pinnedUri());
        assertEquals("dns64.example", safe.hostHeader());
    }

    @Test
    void explainsWhyAnAddressIsRefused() {
        UrlCheck.Unsafe unsafe = (UrlCheck.Unsafe) strict.check("http://metadata.example/");
        assertTrue(unsafe.reason().contains("169.254.169.254"), unsafe.reason());
        assertTrue(unsafe.reason().contains("link-local"), unsafe.reason());
    }
}
