package io.waymark.identity.internal;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of identity.
 *
 * @param tokenTtl how long a console login token stays valid
 * @param tokenCacheTtl how long a resolved token is trusted without asking the database again
 * @param tokenCacheEntries how many resolved tokens are remembered at most
 */
@Validated
@ConfigurationProperties("waymark.identity")
public record IdentityProperties(
        @DefaultValue("12h") @NotNull Duration tokenTtl,
        @DefaultValue("30s") @NotNull Duration tokenCacheTtl,
        @DefaultValue("10000") @Min(0) int tokenCacheEntries) {}
