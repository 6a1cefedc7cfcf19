package io.waymark.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.identity.DeviceDirectory;
import io.waymark.identity.DeviceIdentity;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.support.DeviceCredentials;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.test.StepVerifier;

@IntegrationTest
class DeviceDirectoryIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    DeviceDirectory directory;

    @Autowired
    DatabaseClient db;

    WaymarkApi api;

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
    }

    @Test
    void authenticatesDeviceTokenToItsRepAndTeam() {
        TeamId team = api.createTeam("Directory");
        RepId rep = api.createRep(team, "Dee");
        DeviceCredentials device = api.createDevice(rep);
        StepVerifier.create(directory.authenticate(device.token()))
                .expectNext(new DeviceIdentity(device.deviceId(), rep, team))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void refusesUnknownToken() {
        StepVerifier.create(directory.authenticate("no-such-device-token"))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void refusesTokenOnceDeviceIsRevoked() {
        TeamId team = api.createTeam("Revoked");
        DeviceCredentials device = api.createDevice(api.createRep(team, "Rae"));
        api.revokeDevice(device.deviceId());
        StepVerifier.create(directory.authenticate(device.token()))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void storesOnlyTheHashOfADeviceToken() throws Exception {
        TeamId team = api.createTeam("Hashed");
        DeviceCredentials device = api.createDevice(api.createRep(team, "Hal"));
        List<String> stored = db.sql("SELECT token_hash FROM devices WHERE id = :id")
                .bind("id", device.deviceId().value())
                .map(row -> row.get("token_hash", String.class))
                .all()
                .collectList()
                .block(TIMEOUT);
        String sha256 = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(device.token().getBytes(StandardCharsets.UTF_8)));
        assertThat(stored).containsExactly(sha256);
        Long plain = db.sql("SELECT COUNT(*) AS n FROM devices WHERE token_hash = :token")
                .bind("token", device.token())
                .map(row -> row.get("n", Long.class))
                .one()
                .block(TIMEOUT);
        assertThat(plain).isZero();
    }

    @Test
    void givesTeamPolicyAndFollowsItsChanges() {
        TeamId team = api.createTeam("Policy", Tracking.SHIFT_ONLY);
        StepVerifier.create(directory.policy(team))
                .assertNext(policy -> {
                    assertThat(policy.tracking()).isEqualTo(Tracking.SHIFT_ONLY);
                    assertThat(policy.pingInterval()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(policy.timeZone().getId()).isEqualTo("UTC");
                })
                .expectComplete()
                .verify(TIMEOUT);
        api.client()
                .patch()
                .uri("/api/teams/{id}", team)
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tracking", "ALWAYS", "pingIntervalMs", 2000))
                .exchange()
                .expectStatus()
                .isOk();
        StepVerifier.create(directory.policy(team))
                .assertNext(policy -> {
                    assertThat(policy.tracking()).isEqualTo(Tracking.ALWAYS);
                    assertThat(policy.pingInterval()).isEqualTo(Duration.ofSeconds(2));
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void givesNoPolicyForUnknownTeam() {
        StepVerifier.create(directory.policy(TeamId.random())).expectComplete().verify(TIMEOUT);
    }
}
