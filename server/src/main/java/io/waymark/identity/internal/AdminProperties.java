package io.waymark.identity.internal;

import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The first admin (user name {@code admin}), created at the first start.
 *
 * @param password its password (environment {@code WAYMARK_ADMIN_PASSWORD}); when absent, a random one is printed
 *     once in the log
 */
@Validated
@ConfigurationProperties("waymark.admin")
public record AdminProperties(@Size(min = 8) String password) {}
