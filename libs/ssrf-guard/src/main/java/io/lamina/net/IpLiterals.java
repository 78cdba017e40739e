package io.lamina.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Recognises IP address literals without ever asking DNS. */
final class IpLiterals {

    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** A label made only of a decimal number or a 0x hex number: what inet_aton-style parsers read as an address. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(?i)(0x[0-9a-f]*|\\d+)");

    private IpLiterals() {
    }

    /** Canonical dotted-decimal IPv4 (no leading zeros) or any IPv6 literal; brackets allowed around IPv6. */
    static Optional<InetAddress> parse(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!DOTTED_QUAD.matcher(h).matches() && !h.contains(":")) {
            return Optional.empty();
        }
        try {
            // With a ':' or a canonical dotted quad, InetAddress parses a literal and never resolves.
            return Optional.of(InetAddress.getByName(h));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * True for numeric host forms other than a canonical dotted quad, such as {@code 2130706433}, {@code 0x7f.1},
     * {@code 017700000001} or {@code 0177.0.0.1}. Parsers disagree on them (Java reads {@code 0177.0.0.1} as
     * 177.0.0.1, curl and glibc as 127.0.0.1), so the only safe answer is to refuse them. No DNS name has an
     * all-numeric last label, so nothing legitimate is lost.
     */
    static boolean isAmbiguousNumericHost(String host) {
        if (host.isEmpty() || host.contains(":") || DOTTED_QUAD.matcher(host).matches()) {
            return false;
        }
        String[] labels = host.split("\\.", -1);
        String last = labels[labels.length - 1].isEmpty() && labels.length > 1
                ? labels[labels.length - 2] : labels[labels.length - 1];
        return NUMERIC_LABEL.matcher(last).matches();
    }
}
