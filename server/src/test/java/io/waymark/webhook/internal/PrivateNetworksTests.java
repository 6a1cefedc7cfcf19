package io.waymark.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

class PrivateNetworksTests {

    private final PrivateNetworks refusing = new PrivateNetworks(false);
    private final PrivateNetworks allowing = new PrivateNetworks(true);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "10.1.2.3",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "0.0.0.0",
                "224.0.0.1",
                "198.18.0.1",
                "::1",
                "::",
                "fc00::1",
                "fd12:3456::1",
                "fe80::1",
                "::ffff:10.0.0.1"
            })
    void anAddressOfTheServersOwnNetworksIsInward(String address) throws Exception {
        assertThat(PrivateNetworks.inward(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700::1111"})
    void anInternetAddressIsNot(String address) throws Exception {
        assertThat(PrivateNetworks.inward(InetAddress.getByName(address))).isFalse();
    }

    @Test
    void aLiteralInwardAddressOrLocalhostIsRefusedAsWrittenAndANameIsLeftToTheLookUp() {
        assertThat(refusing.refusedAsWritten(URI.create("http://127.0.0.1:8080/hook")))
                .hasValueSatisfying(
                        why -> assertThat(why).contains("private network").contains("127.0.0.1"));
        assertThat(refusing.refusedAsWritten(URI.create("http://[::1]/hook"))).isPresent();
        assertThat(refusing.refusedAsWritten(URI.create("https://169.254.169.254/latest/meta-data")))
                .isPresent();
        assertThat(refusing.refusedAsWritten(URI.create("http://localhost/hook")))
                .isPresent();
        assertThat(refusing.refusedAsWritten(URI.create("http://api.localhost/hook")))
                .isPresent();
        assertThat(refusing.refusedAsWritten(URI.create("https://hooks.example.com/in")))
                .isEmpty();
        assertThat(refusing.refusedAsWritten(URI.create("https://8.8.8.8/in"))).isEmpty();
        assertThat(allowing.refusedAsWritten(URI.create("http://127.0.0.1:8080/hook")))
                .isEmpty();
    }

    @Test
    void beforeAnAttemptANameThatResolvesInwardIsRefused() {
        StepVerifier.create(refusing.check(URI.create("http://localhost:9/hook")))
                .expectErrorSatisfies(error -> assertThat(error)
                        .isInstanceOf(PrivateNetworks.Refused.class)
                        .hasMessageContaining("localhost resolves to")
                        .hasMessageContaining("private network"))
                .verify(Duration.ofSeconds(10));
        StepVerifier.create(allowing.check(URI.create("http://localhost:9/hook")))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }
}
