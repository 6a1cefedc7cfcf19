package io.waymark.webhook.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps webhooks out of the server's own networks (server-side request forgery): a URL whose host is, or resolves to,
 * a loopback, private, link-local (cloud metadata), carrier-grade NAT, unique-local, multicast or unspecified address
 * is refused, unless {@code waymark.webhook.allow-private-networks} is set (a receiver on the same host or LAN). Looked
 * at when a webhook is added (a literal address or {@code localhost}) and before every attempt (the name's addresses
 * then, so that a name that later points inward is caught too).
 */
final class PrivateNetworks {

    /** An attempt not made: the host's address is in a private network. */
    static final class Refused extends RuntimeException {

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean allowed;

    PrivateNetworks(boolean allowed) {
        this.allowed = allowed;
    }

    /** Why a URL's host is refused without looking it up (a literal inward address or localhost); empty otherwise. */
    Optional<String> refusedAsWritten(URI url) {
        if (allowed || url.getHost() == null) {
            return Optional.empty();
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return Optional.of("must not point into a private network (" + host + ")");
        }
        return literal(host)
                .filter(PrivateNetworks::inward)
                .map(address -> "must not point into a private network (" + address.getHostAddress() + ")");
    }

    /**
     * Completes when every address of the URL's host is public (or private networks are allowed); an error naming
     * the address otherwise. The look-up blocks, so it runs on a thread made for that.
     */
    Mono<Void> check(URI url) {
        if (allowed) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> InetAddress.getAllByName(url.getHost()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(addresses -> Arrays.stream(addresses)
                        .filter(PrivateNetworks::inward)
                        .findFirst()
                        .map(inward -> Mono.<Void>error(new Refused(url.getHost() + " resolves to "
                                + inward.getHostAddress() + ", in a private network: not sent")))
                        .orElse(Mono.empty()));
    }

    /** Whether an address is one of the server's own networks rather than the internet. */
    static boolean inward(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 100.64.0.0/10 (carrier-grade NAT), 0.0.0.0/8, 192.0.0.0/24 (protocol assignments), 198.18.0.0/15 (tests)
            return (first == 100 && second >= 64 && second < 128)
                    || first == 0
                    || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19));
        }
        if (address instanceof Inet6Address six) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true; // fc00::/7, unique local
            }
            return (isIpv4Mapped(bytes) || six.isIPv4CompatibleAddress()) && inward(v4(bytes));
        }
        return false;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static InetAddress v4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The address a host written as an IP literal stands for; empty for a name (never looked up here). */
    private static Optional<InetAddress> literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = bare.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = bare.contains(":") && bare.matches("[0-9a-f:.]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }
}
