package io.waymark;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Waymark: real-time location and activity streaming for field sales teams. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WaymarkApplication {

    public static void main(String[] args) {
        SpringApplication.run(WaymarkApplication.class, args);
    }
}
