package io.waymark.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** {@code --demo} and {@code WAYMARK_DEMO=true} turn demo mode on; their false forms and nothing leave it off. */
class DemoSwitchTests {

    @Test
    void aBareDemoArgumentTurnsItOn() {
        assertThat(enabledWith(new SimpleCommandLinePropertySource("--demo"))).isTrue();
        assertThat(enabledWith(new SimpleCommandLinePropertySource("--demo=true")))
                .isTrue();
        assertThat(enabledWith(new SimpleCommandLinePropertySource("--demo=false")))
                .isFalse();
    }

    @Test
    void theEnvironmentVariableTurnsItOn() {
        assertThat(enabledWith(new SystemEnvironmentPropertySource("env", Map.of("WAYMARK_DEMO", "true"))))
                .isTrue();
        assertThat(enabledWith(new SystemEnvironmentPropertySource("env", Map.of("WAYMARK_DEMO", "false"))))
                .isFalse();
    }

    @Test
    void nothingLeavesItOff() {
        assertThat(enabledWith(new SimpleCommandLinePropertySource("--server.port=0")))
                .isFalse();
    }

    @Test
    void theShortFormStillBindsTheDemoProperties() {
        Binder binder = new Binder(new MapConfigurationPropertySource(
                Map.of("waymark.demo", "true", "waymark.demo.enabled", "true", "waymark.demo.reps", "4")));
        DemoProperties properties =
                binder.bind("waymark.demo", DemoProperties.class).get();
        assertThat(properties.enabled()).isTrue();
        assertThat(properties.reps()).isEqualTo(4);
        assertThat(properties.speedFactor()).isEqualTo(6);
    }

    private static boolean enabledWith(org.springframework.core.env.PropertySource<?> source) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(source);
        new DemoSwitch().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(DemoSwitch.ENABLED, Boolean.class, false);
    }
}
