package io.lamina.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The address blocks an outbound request must never reach: everything that is not ordinary public unicast.
 * Sources: IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and successors).
 */
public final class AddressRanges {

    private record Block(Cidr cidr, String name) {
    }

    private static final List<Block> IPV4 = List.of(
            block("0.0.0.0/8", "this network"),
            block("10.0.0.0/8", "private"),
            block("100.64.0.0/10", "carrier-grade NAT"),
            block("127.0.0.0/8", "loopback"),
            block("169.254.0.0/16", "link-local"),
            block("172.16.0.0/12", "private"),
            block("192.0.0.0/24", "IETF protocol assignments"),
            block("192.0.2.0/24", "documentation"),
            block("192.88.99.0/24", "6to4 relay anycast"),
            block("192.168.0.0/16", "private"),
            block("198.18.0.0/15", "benchmarking"),
            block("198.51.100.0/24", "documentation"),
            block("203.0.113.0/24", "documentation"),
            block("224.0.0.0/4", "multicast"),
            block("240.0.0.0/4", "reserved"),
            block("255.255.255.255/32", "broadcast"));

    private static final List<Block> IPV6 = List.of(
            block("::/128", "unspecified"),
            block("::1/128", "loopback"),
            block("100::/64", "discard-only"),
            block("2001::/32", "Teredo"),
            block("2001:db8::/32", "documentation"),
            block("64:ff9b:1::/48", "local-use NAT64"),
            block("fc00::/7", "unique local"),
            block("fe80::/10", "link-local"),
            block("fec0::/10", "site-local"),
            block("ff00::/8", "multicast"));

    /** IPv6 forms that carry an IPv4 address inside: judged by the IPv4 address they lead to. */
    private static final Cidr MAPPED = Cidr.parse("::ffff:0:0/96");
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
    private static final Cidr RESERVED_ZERO = Cidr.parse("::/8");

    private AddressRanges() {
    }

    /** Why the address is refused, or empty for public unicast. */
    public static Optional<String> refusal(InetAddress address) {
        if (address instanceof Inet4Address) {
            return match(IPV4, address);
        }
        if (!(address instanceof Inet6Address)) {
            return Optional.of("unknown address family");
        }
        Optional<String> direct = match(IPV6, address);
        if (direct.isPresent()) {
            return direct;
        }
        byte[] b = address.getAddress();
        if (MAPPED.contains(address) || COMPATIBLE.contains(address) || NAT64.contains(address)) {
            // A DNS64 resolver answers public hosts with 64:ff9b::/96 addresses, so those pass when the IPv4 inside does.
            return embedded(b, 12).map(r -> "IPv6 form of " + r);
        }
        if (SIX_TO_FOUR.contains(address)) {
            return embedded(b, 2).map(r -> "6to4 form of " + r);
        }
        if (RESERVED_ZERO.contains(address)) {
            return Optional.of("reserved");
        }
        return Optional.empty();
    }

    private static Optional<String> embedded(byte[] b, int offset) {
        try {
            byte[] v4 = {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]};
            return refusal(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> match(List<Block> blocks, InetAddress address) {
        return blocks.stream().filter(b -> b.cidr().contains(address)).map(Block::name).findFirst();
    }

    private static Block block(String cidr, String name) {
        return new Block(Cidr.parse(cidr), name);
    }
}
