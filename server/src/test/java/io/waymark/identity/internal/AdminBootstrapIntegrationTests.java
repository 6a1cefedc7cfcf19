package io.waymark.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

@IntegrationTest
class AdminBootstrapIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    AdminBootstrap bootstrap;

    @Autowired
    DatabaseClient db;

    @Test
    void createsTheAdminOnceHoweverOftenAndConcurrentlyItRuns() {
        Boolean createdAgain = Flux.merge(bootstrap.ensureAdmin(), bootstrap.ensureAdmin(), bootstrap.ensureAdmin())
                .any(created -> created)
                .block(TIMEOUT);
        assertThat(createdAgain).isFalse();
        Long admins = db.sql("SELECT COUNT(*) AS n FROM users WHERE username = 'admin'")
                .map(row -> row.get("n", Long.class))
                .one()
                .block(TIMEOUT);
        assertThat(admins).isEqualTo(1L);
        Long role = db.sql("SELECT COUNT(*) AS n FROM users WHERE username = 'admin' AND role = 'ADMIN'")
                .map(row -> row.get("n", Long.class))
                .one()
                .block(TIMEOUT);
        assertThat(role).isEqualTo(1L);
        assertThat(new WaymarkApi(port).adminToken()).isNotBlank();
    }
}
