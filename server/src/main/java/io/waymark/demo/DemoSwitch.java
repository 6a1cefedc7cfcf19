package io.waymark.demo;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns demo mode on ({@code waymark.demo.enabled=true}) for the two short forms of the contract: the
 * {@code --demo} argument (Spring makes it a property {@code demo} with an empty value) and the environment variable
 * {@code WAYMARK_DEMO=true} (the property {@code waymark.demo}). {@code --demo=false} and {@code WAYMARK_DEMO=false}
 * leave it off; {@code waymark.demo.enabled} itself works as any property.
 */
public class DemoSwitch implements EnvironmentPostProcessor {

    static final String ENABLED = "waymark.demo.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (requested(environment.getProperty("demo")) || requested(environment.getProperty("waymark.demo"))) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource("waymarkDemoSwitch", Map.of(ENABLED, "true")));
        }
    }

    /** Present and empty (a bare {@code --demo}) or true. */
    private static boolean requested(String value) {
        return value != null && (value.isBlank() || Boolean.parseBoolean(value.strip()));
    }
}
