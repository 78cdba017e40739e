package io.lamina.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a host name to all of its addresses; replaceable so tests can play a hostile DNS. */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
