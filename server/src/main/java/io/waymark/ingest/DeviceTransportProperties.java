package io.waymark.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where devices connect over RSocket on TCP (the contract's {@code spring.rsocket.server.*} keys). The WebSocket
 * transport is served at {@code /rsocket} on the HTTP port.
 *
 * @param port the TCP port; 0 picks a free one
 * @param address the address to bind
 */
@Validated
@ConfigurationProperties("spring.rsocket.server")
public record DeviceTransportProperties(
        @DefaultValue("7000") @Min(0) @Max(65535) int port, @DefaultValue("0.0.0.0") String address) {}
