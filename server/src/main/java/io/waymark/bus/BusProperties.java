package io.waymark.bus;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the event bus.
 *
 * @param subscriberBuffer events held for one subscriber that has not caught up
 */
@Validated
@ConfigurationProperties("waymark.bus")
public record BusProperties(@DefaultValue("65536") @Min(16) int subscriberBuffer) {}
