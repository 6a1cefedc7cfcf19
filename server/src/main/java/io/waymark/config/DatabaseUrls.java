package io.waymark.config;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Derives Flyway's JDBC settings from {@code spring.r2dbc.*} when they are not given, so that an operator sets
 * one database URL: {@code r2dbc:postgresql://h:5432/db} migrates through {@code jdbc:postgresql://h:5432/db},
 * {@code r2dbc:h2:file:///./data/x;opts} through {@code jdbc:h2:file:./data/x;opts}.
 */
public class DatabaseUrls implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String r2dbcUrl = environment.getProperty("spring.r2dbc.url");
        if (r2dbcUrl == null) {
            return;
        }
        Map<String, Object> derived = new HashMap<>();
        if (environment.getProperty("spring.flyway.url") == null) {
            derived.put("spring.flyway.url", jdbcUrl(r2dbcUrl));
            copy(environment, derived, "spring.r2dbc.username", "spring.flyway.user");
            copy(environment, derived, "spring.r2dbc.password", "spring.flyway.password");
        }
        environment.getPropertySources().addLast(new MapPropertySource("waymarkDerivedDatabaseUrls", derived));
    }

    private static void copy(ConfigurableEnvironment environment, Map<String, Object> to, String from, String key) {
        String value = environment.getProperty(from);
        if (value != null && environment.getProperty(key) == null) {
            to.put(key, value);
        }
    }

    /** The JDBC URL that opens the same database as an R2DBC URL. */
    public static String jdbcUrl(String r2dbcUrl) {
        if (r2dbcUrl.startsWith("r2dbc:h2:file:///")) {
            return "jdbc:h2:file:" + r2dbcUrl.substring("r2dbc:h2:file:///".length());
        }
        if (r2dbcUrl.startsWith("r2dbc:h2:mem:///")) {
            return "jdbc:h2:mem:" + r2dbcUrl.substring("r2dbc:h2:mem:///".length());
        }
        if (r2dbcUrl.startsWith("r2dbc:pool:")) {
            return jdbcUrl("r2dbc:" + r2dbcUrl.substring("r2dbc:pool:".length()));
        }
        if (r2dbcUrl.startsWith("r2dbc:postgresql://") || r2dbcUrl.startsWith("r2dbc:postgres://")) {
            String rest = r2dbcUrl.substring(r2dbcUrl.indexOf("://") + 3);
            return "jdbc:postgresql://" + rest;
        }
        throw new IllegalArgumentException("cannot derive spring.flyway.url from " + r2dbcUrl
                + "; set spring.flyway.url, spring.flyway.user and spring.flyway.password");
    }
}
