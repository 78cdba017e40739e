package io.lamina.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a server may send a request to a caller-supplied http(s) URL (server-side request forgery guard).
 *
 * <p>The host is resolved and <em>every</em> address it resolves to is checked against {@link AddressRanges}; host
 * forms that parsers read differently (numeric hosts other than a canonical dotted quad) are refused before any
 * lookup. Addresses are judged as {@link InetAddress} values, so spellings such as {@code [::ffff:127.0.0.1]} or
 * {@code 127.000.000.001} end up as the address they denote. An allow-list of host names and CIDR blocks opens holes
 * on purpose (local runs and tests deliver to {@code 127.0.0.1}).
 *
 * <p>The answer carries the checked address: connect to it (see {@link UrlCheck.Safe#pinnedUri()}), do not resolve
 * the host again. Plain Java, thread-safe, no framework.
 */
public final class UrlGuard {

    private static final Set<String> SCHEMES = Set.of("http", "https");

    private final Set<String> allowedHosts;
    private final List<Cidr> allowedBlocks;
    private final HostResolver resolver;

    public UrlGuard(Collection<String> allowList, HostResolver resolver) {
        List<Cidr> blocks = new ArrayList<>();
        Set<String> hosts = new HashSet<>();
        for (String raw : allowList) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.contains("/") || IpLiterals.parse(entry).isPresent()) {
                blocks.add(Cidr.parse(entry));
            } else {
                hosts.add(normalise(entry));
            }
        }
        this.allowedHosts = Set.copyOf(hosts);
        this.allowedBlocks = List.copyOf(blocks);
        this.resolver = resolver;
    }

    /** A guard using the system resolver; entries are host names ({@code localhost}) or CIDRs ({@code 10.1.0.0/16}). */
    public static UrlGuard allowing(Collection<String> allowList) {
        return new UrlGuard(allowList, HostResolver.SYSTEM);
    }

    /** Comma-separated allow-list, as found in configuration. */
    public static UrlGuard allowing(String commaSeparated) {
        return allowing(commaSeparated == null ? List.of() : List.of(commaSeparated.split(",")));
    }

    public UrlCheck check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            return new UrlCheck.Unsafe("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            return new UrlCheck.Unsafe("scheme must be http or https");
        }
        if (uri.getRawUserInfo() != null) {
            return new UrlCheck.Unsafe("credentials in the URL are not allowed");
        }
        String rawHost = uri.getHost() != null ? uri.getHost() : hostOfAuthority(uri.getRawAuthority());
        if (rawHost == null || rawHost.isEmpty()) {
            return new UrlCheck.Unsafe("URL has no host");
        }
        String host = normalise(rawHost);
        if (host.contains("%")) {
            return new UrlCheck.Unsafe("IPv6 zone ids are not allowed");
        }
        if (IpLiterals.isAmbiguousNumericHost(host)) {
            return new UrlCheck.Unsafe("ambiguous numeric host " + host);
        }
        if (uri.getHost() == null) {
            return new UrlCheck.Unsafe("invalid host name " + host);
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return new UrlCheck.Unsafe("invalid port");
        }
        InetAddress[] addresses;
        try {
            Optional<InetAddress> literal = IpLiterals.parse(host);
            addresses = literal.isPresent() ? new InetAddress[]{literal.get()} : resolver.resolve(host);
        } catch (UnknownHostException e) {
            return new UrlCheck.Unresolvable("host " + host + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            return new UrlCheck.Unresolvable("host " + host + " does not resolve");
        }
        URI normalised = uri.getScheme().equals(scheme) ? uri : withScheme(uri, scheme);
        if (allowedHosts.contains(host)) {
            return new UrlCheck.Safe(normalised, host, addresses[0]);
        }
        // All answers must pass: the HTTP client might pick any of them, and a hostile DNS mixes good and bad.
        for (InetAddress a : addresses) {
            if (allowedBlocks.stream().anyMatch(b -> b.contains(a))) {
                continue;
            }
            Optional<String> refusal = AddressRanges.refusal(a);
            if (refusal.isPresent()) {
                return new UrlCheck.Unsafe(host + " resolves to " + a.getHostAddress() + " (" + refusal.get() + ")");
            }
        }
        return new UrlCheck.Safe(normalised, host, addresses[0]);
    }

    @Override
    public String toString() {
        return "UrlGuard[allowedHosts=" + allowedHosts + ", allowedBlocks="
                + allowedBlocks.stream().map(Cidr::toString).collect(Collectors.joining(",")) + "]";
    }

    private static URI withScheme(URI uri, String scheme) {
        return URI.create(scheme + uri.toString().substring(uri.getScheme().length()));
    }

    /** Lower case, without IPv6 brackets and without the trailing dot of a fully qualified name. */
    private static String normalise(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") && h.length() > 1 ? h.substring(0, h.length() - 1) : h;
    }

    /** java.net.URI leaves the host null for forms it cannot parse (e.g. {@code 0x7f.1}); read it from the authority. */
    private static String hostOfAuthority(String authority) {
        if (authority == null) {
            return null;
        }
        String a = authority.substring(authority.lastIndexOf('@') + 1);
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            return end < 0 ? a : a.substring(0, end + 1);
        }
        int colon = a.lastIndexOf(':');
        return colon < 0 ? a : a.substring(0, colon);
    }
}
