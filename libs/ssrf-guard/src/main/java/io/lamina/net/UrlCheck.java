package io.lamina.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;

/** Outcome of {@link UrlGuard#check(String)}: errors are values, so callers decide between failing and retrying. */
public sealed interface UrlCheck permits UrlCheck.Safe, UrlCheck.Unsafe, UrlCheck.Unresolvable {

    /**
     * The URL may be fetched, and {@code address} is the checked address it resolved to. Connect to that address
     * (see {@link #pinnedUri()}) rather than resolving the host again, or a DNS answer that changes between the check
     * and the connection (DNS rebinding) walks around the guard.
     */
    record Safe(URI uri, String host, InetAddress address) implements UrlCheck {

        /** The URL with its host replaced by the checked address literal; send {@link #hostHeader()} with it. */
        public URI pinnedUri() {
            String literal = address instanceof Inet6Address
                    ? "[" + address.getHostAddress().replace("%", "%25") + "]"
                    : address.getHostAddress();
            StringBuilder s = new StringBuilder(uri.getScheme()).append("://").append(literal);
            if (uri.getPort() != -1) {
                s.append(':').append(uri.getPort());
            }
            s.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
            if (uri.getRawQuery() != null) {
                s.append('?').append(uri.getRawQuery());
            }
            return URI.create(s.toString());
        }

        /** The Host header value the original URL implies (host and explicit port). */
        public String hostHeader() {
            String h = host.contains(":") ? "[" + host + "]" : host;
            return uri.getPort() == -1 ? h : h + ":" + uri.getPort();
        }
    }

    /** The URL must not be fetched: a refused scheme, host form or address. Permanent. */
    record Unsafe(String reason) implements UrlCheck {
    }

    /** The host did not resolve now; it may later, so a caller with retries treats this as temporary. */
    record Unresolvable(String reason) implements UrlCheck {
    }
}
