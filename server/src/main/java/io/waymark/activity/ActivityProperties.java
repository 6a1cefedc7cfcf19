package io.waymark.activity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the activity module.
 *
 * @param followUpDelay when a callback, lead or appointment gives no {@code followUpAt}, the follow-up is due this
 *     long after it
 * @param followUpAttemptLimit a follow-up with this many attempts and no sale is closed: most reps give up after one
 *     attempt, the rule asks for more
 */
@Validated
@ConfigurationProperties("waymark.activity")
public record ActivityProperties(
        @DefaultValue("24h") @NotNull Duration followUpDelay,
        @DefaultValue("3") @Min(1) @Max(100) int followUpAttemptLimit) {}
