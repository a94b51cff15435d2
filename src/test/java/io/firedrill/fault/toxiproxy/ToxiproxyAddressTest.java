package io.firedrill.fault.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Addresses read and printed as Go's net package does, so proxies report what toxiproxy-server reports. */
class HostPortTest {

    @Test
    void splitsHostAndPortLikeGo() {
        assertThat(ToxiproxyAddress.parse("localhost:8474")).isEqualTo(new ToxiproxyAddress("localhost", 8474));
        assertThat(ToxiproxyAddress.parse("[::1]:9092")).isEqualTo(new ToxiproxyAddress("::1", 9092));
        assertThat(ToxiproxyAddress.parse(":8666")).isEqualTo(new ToxiproxyAddress("", 8666));
        assertThat(ToxiproxyAddress.parse("127.0.0.1:")).isEqualTo(new ToxiproxyAddress("127.0.0.1", 0));
        assertThat(ToxiproxyAddress.parse("")).isEqualTo(new ToxiproxyAddress("", 0));
    }

    @Test
    void refusesWhatGoRefusesWithItsWords() {
        assertThatThrownBy(() -> ToxiproxyAddress.parse("local373")).hasMessage("address local373: missing port in address");
        assertThatThrownBy(() -> ToxiproxyAddress.parse("::1:80")).hasMessage("address ::1:80: too many colons in address");
        assertThatThrownBy(() -> ToxiproxyAddress.parse("[::1:80")).hasMessage("address [::1:80: missing ']' in address");
        assertThatThrownBy(() -> ToxiproxyAddress.parse("host:99999")).hasMessage("address host:99999: invalid port");
        assertThatThrownBy(() -> ToxiproxyAddress.parse("host:http")).hasMessage("lookup tcp/http: unknown port");
    }

    @Test
    void printsIpv6InTheShortFormAndWildcardListenersAsGoDoes() throws Exception {
        assertThat(ToxiproxyAddress.ip(InetAddress.getByName("::1"))).isEqualTo("::1");
        assertThat(ToxiproxyAddress.ip(InetAddress.getByName("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(ToxiproxyAddress.ip(InetAddress.getByName("fe80:0:0:0:0:0:0:0"))).isEqualTo("fe80::");
        assertThat(ToxiproxyAddress.ip(InetAddress.getByName("1:2:3:4:5:6:7:8"))).isEqualTo("1:2:3:4:5:6:7:8");
        assertThat(ToxiproxyAddress.listenerForm(new InetSocketAddress(8666))).isEqualTo("[::]:8666");
        assertThat(ToxiproxyAddress.listenerForm(new InetSocketAddress("127.0.0.1", 3310))).isEqualTo("127.0.0.1:3310");
        assertThat(ToxiproxyAddress.listenerForm(new InetSocketAddress("::1", 3310))).isEqualTo("[::1]:3310");
    }

    @Test
    void resolvesHostnamesForComparisonAsResolveTcpAddrDoes() throws Exception {
        assertThat(ToxiproxyAddress.parse("localhost:7070").resolvedForm()).isEqualTo("127.0.0.1:7070");
        assertThat(ToxiproxyAddress.parse(":7070").resolvedForm()).isEqualTo(":7070");
    }
}
