package io.firedrill.fault.toxiproxy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code host:port} string as Go's net package reads and prints it, so that proxy addresses
 * look exactly like the ones a real toxiproxy-server reports ({@code 127.0.0.1:3310},
 * {@code [::]:8666}, {@code [::1]:9092}).
 */
record ToxiproxyAddress(String host, int port) {

    /**
     * Splits like Go's {@code net.SplitHostPort}; an empty string means any address, any port, as
     * {@code net.Listen("tcp", "")} does.
     *
     * @throws IllegalArgumentException with Go's wording ({@code address X: missing port in address})
     */
    static ToxiproxyAddress parse(String address) {
        if (address.isEmpty()) {
            return new ToxiproxyAddress("", 0);
        }
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw invalid(address, "missing port in address");
        }
        String host;
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            if (end < 0) {
                throw invalid(address, "missing ']' in address");
            }
            if (end + 1 != colon) {
                throw invalid(address, end + 1 == address.length() ? "missing port in address" : "too many colons in address");
            }
            host = address.substring(1, end);
        } else {
            host = address.substring(0, colon);
            if (host.indexOf(':') >= 0) {
                throw invalid(address, "too many colons in address");
            }
        }
        if (address.indexOf('[', 1) >= 0 || address.indexOf(']', address.indexOf(']') + 1) >= 0) {
            throw invalid(address, "unexpected '[' or ']' in address");
        }
        return new ToxiproxyAddress(host, parsePort(address, address.substring(colon + 1)));
    }

    private static int parsePort(String address, String port) {
        if (port.isEmpty()) {
            return 0;
        }
        for (int i = 0; i < port.length(); i++) {
            if (!Character.isDigit(port.charAt(i))) {
                throw new IllegalArgumentException("lookup tcp/" + port + ": unknown port");
            }
        }
        if (port.length() > 5 || Integer.parseInt(port) > 65535) {
            throw invalid(address, "invalid port");
        }
        return Integer.parseInt(port);
    }

    private static IllegalArgumentException invalid(String address, String why) {
        return new IllegalArgumentException("address " + address + ": " + why);
    }

    boolean anyHost() {
        return host.isEmpty();
    }

    /** Resolves the host the way Go's resolver picks for "tcp": an IPv4 address first. */
    List<InetAddress> resolve() throws UnknownHostException {
        if (host.isEmpty()) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("lookup " + host + ": no such host");
        }
        List<InetAddress> ordered = new ArrayList<>();
        for (InetAddress address : all) {
            if (address instanceof Inet4Address) {
                ordered.add(address);
            }
        }
        for (InetAddress address : all) {
            if (!(address instanceof Inet4Address)) {
                ordered.add(address);
            }
        }
        return ordered;
    }

    /** What Go's {@code ResolveTCPAddr(...).String()} prints: the host resolved to an IP, or nothing. */
    String resolvedForm() throws UnknownHostException {
        return host.isEmpty() ? ":" + port : join(ip(resolve().get(0)), port);
    }

    /** Go's {@code JoinHostPort}. */
    static String join(String host, int port) {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    /**
     * A bound listener's address as Go prints it: a wildcard listener is dual-stack in Go and
     * prints as {@code [::]:port}.
     */
    static String listenerForm(InetSocketAddress bound) {
        InetAddress address = bound.getAddress();
        return address.isAnyLocalAddress() ? "[::]:" + bound.getPort() : join(ip(address), bound.getPort());
    }

    /** An address in the form a client dials. */
    static String dialForm(InetSocketAddress address) {
        return join(address.getAddress() == null ? address.getHostString() : ip(address.getAddress()), address.getPort());
    }

    /** An IP literal as Go prints it: IPv6 in the RFC 5952 short form. */
    static String ip(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return address.getHostAddress();
        }
        byte[] bytes = v6.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        String zone = v6.getScopedInterface() != null ? v6.getScopedInterface().getName()
                : v6.getScopeId() != 0 ? Integer.toString(v6.getScopeId()) : null;
        return zone == null ? text.toString() : text + "%" + zone;
    }
}
