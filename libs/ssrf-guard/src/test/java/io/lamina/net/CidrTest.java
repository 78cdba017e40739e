package io.lamina.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {

    @Test
    void containsAddressesInsideThePrefixOnly() throws Exception {
        Cidr block = Cidr.parse("172.16.0.0/12");
        assertTrue(block.contains(InetAddress.getByName("172.31.255.255")));
        assertFalse(block.contains(InetAddress.getByName("172.32.0.0")));
        assertFalse(block.contains(InetAddress.getByName("::1")));
    }

    @Test
    void treatsABareAddressAsABlockOfOne() throws Exception {
        Cidr one = Cidr.parse("fd00::1");
        assertTrue(one.contains(InetAddress.getByName("fd00::1")));
        assertFalse(one.contains(InetAddress.getByName("fd00::2")));
    }

    @Test
    void rejectsHostNamesInsteadOfResolvingThem() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("example.com/24"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
    }
}
