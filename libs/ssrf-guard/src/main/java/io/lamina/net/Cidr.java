package io.lamina.net;

import java.net.InetAddress;
import java.util.Arrays;

/** An address block such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a block of one. */
public record Cidr(byte[] network, int prefixLength) {

    public Cidr {
        network = network.clone();
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range");
        }
    }

    /** Parses {@code address[/prefix]}; the address must be a literal (no DNS lookups happen here). */
    public static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = IpLiterals.parse(addr)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + text))
                .getAddress();
        if (addr.contains(":") && bytes.length == 4) {
            // InetAddress turns ::ffff:a.b.c.d into an IPv4 address; a block written in IPv6 stays IPv6.
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(s.substring(slash + 1));
        return new Cidr(bytes, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
