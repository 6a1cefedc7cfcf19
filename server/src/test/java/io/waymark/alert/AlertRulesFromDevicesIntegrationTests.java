package io.waymark.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import io.waymark.bus.EventBus;
import io.waymark.device.WaymarkDevice;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.live.RepStatus;
import io.waymark.live.RepStatusChanged;
import io.waymark.protocol.Activity;
import io.waymark.protocol.WelfareAnswer;
import io.waymark.protocol.WelfareCheck;
import io.waymark.support.DeviceCredentials;
import io.waymark.support.IntegrationTest;
import io.waymark.support.RawDevice;
import io.waymark.support.TestPostgres;
import io.waymark.support.WaymarkApi;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Alerts raised and cleared by the rules from what a real device sends, and from the live board's statuses. */
@IntegrationTest
class AlertRulesFromDevicesIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    EventBus bus;

    WaymarkApi api;
    TeamId team;
    RepId rep;
    DeviceCredentials credentials;
    WaymarkDevice device;

    @BeforeEach
    void setUp() {
        api = new WaymarkApi(port);
        team = api.createTeam(WaymarkApi.unique("rules"), Tracking.ALWAYS);
        rep = api.createRep(team, "Sam Signal");
        credentials = api.createDevice(rep);
    }

    @AfterEach
    void tearDown() {
        if (device != null) {
            device.close();
        }
    }

    private WaymarkDevice connect(Function<WelfareCheck, Mono<WelfareAnswer>> welfare) throws IOException {
        WaymarkDevice.Builder builder = WaymarkDevice.builder()
                .websocket(URI.create("ws://127.0.0.1:" + port + "/rsocket"))
                .token(credentials.token())
                .bufferDirectory(Files.createTempDirectory("waymark-alert-rules"))
                .flushInterval(Duration.ofMillis(20));
        if (welfare != null) {
            builder.onWelfareCheck(welfare);
        }
        device = builder.build();
        device.start().block(TIMEOUT);
        return device;
    }

    private Flux<AlertChanged> changesOfMyRep() {
        return bus.events(AlertChanged.class)
                .filter(changed -> changed.alert().repId().equals(rep));
    }

    private Activity sos() {
        return Activity.builder(UUID.randomUUID().toString(), "SOS", System.currentTimeMillis())
                .at(40.7128, -74.006)
                .notes("car broke down")
                .build();
    }

    @Test
    void anSosRaisesACriticalAlertAndTheRepsOkToTheWelfareCheckIsNoted() throws IOException {
        AtomicReference<WelfareCheck> asked = new AtomicReference<>();
        WaymarkDevice phone = connect(check -> {
            asked.set(check);
            return Mono.just(new WelfareAnswer(true, "false alarm"));
        });

        StepVerifier.create(changesOfMyRep().take(2))
                .then(() -> phone.record(sos()).block(TIMEOUT))
                .assertNext(raised -> {
                    assertThat(raised.change()).isEqualTo(AlertChanged.Change.RAISED);
                    assertThat(raised.alert().kind()).isEqualTo(AlertKind.SOS);
                    assertThat(raised.alert().severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(raised.alert().message()).isEqualTo("SOS: car broke down");
                    assertThat(raised.alert().lat()).isEqualTo(40.7128);
                })
                .assertNext(noted -> {
                    assertThat(noted.change()).isEqualTo(AlertChanged.Change.NOTED);
                    assertThat(noted.alert().note()).isEqualTo("Welfare check answered: OK (false alarm)");
                    assertThat(noted.alert().level()).as("an OK does not climb").isEqualTo(1);
                    assertThat(noted.alert().state())
                            .as("nor end it: a person decides")
                            .isEqualTo(AlertState.OPEN);
                })
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(asked.get().alertId()).isNotBlank();
    }

    @Test
    void anSosWhoseWelfareCheckIsAnsweredNotOkClimbsAtOnce() throws IOException {
        WaymarkDevice phone = connect(null);

        StepVerifier.create(changesOfMyRep().take(2))
                .then(() -> phone.record(sos()).block(TIMEOUT))
                .assertNext(raised -> assertThat(raised.alert().level()).isEqualTo(1))
                .assertNext(climbed -> {
                    assertThat(climbed.change()).isEqualTo(AlertChanged.Change.ESCALATED);
                    assertThat(climbed.alert().level()).isEqualTo(2);
                    assertThat(climbed.alert().note()).isEqualTo("Welfare check answered: NOT OK (no handler)");
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void anSosIsRaisedWhileItsActivityIsStillBeingWrittenAndItsResendRaisesNothing() {
        String first = sosJson(UUID.randomUUID().toString(), "first press");
        Connection lock = TestPostgres.connect(TIMEOUT);
        try (RawDevice raw = RawDevice.connect(RawDevice.websocket(port), credentials.token())) {
            TestPostgres.execute(lock, "BEGIN", TIMEOUT);
            TestPostgres.execute(lock, "LOCK TABLE activities IN EXCLUSIVE MODE", TIMEOUT);
            Mono<String> answered = raw.request("activities", first).cache();
            AtomicReference<String> answer = new AtomicReference<>();
            AtomicReference<Alert> raised = new AtomicReference<>();
            StepVerifier.create(raisedOfMyRep().next())
                    .then(() -> answered.subscribe(answer::set))
                    .assertNext(alert -> {
                        assertThat(alert.message()).isEqualTo("SOS: first press");
                        raised.set(alert);
                    })
                    .expectComplete()
                    .verify(TIMEOUT);
            assertThat(answer.get())
                    .as("the device is answered once its activity is written, which waits for the lock")
                    .isNull();
            TestPostgres.execute(lock, "ROLLBACK", TIMEOUT);
            assertThat(answered.block(TIMEOUT)).contains("\"STORED\"");

            api.client()
                    .post()
                    .uri("/api/alerts/" + raised.get().id() + "/resolve")
                    .headers(headers -> headers.setBearerAuth(api.adminToken()))
                    .bodyValue(Map.of("note", "false alarm"))
                    .exchange()
                    .expectStatus()
                    .isOk();
            StepVerifier.create(raisedOfMyRep().next())
                    .then(() -> {
                        assertThat(raw.request("activities", first).block(TIMEOUT))
                                .as("the device did not hear its answer and sends the same SOS again")
                                .contains("\"DUPLICATE\"");
                        raw.request("activities", sosJson(UUID.randomUUID().toString(), "second press"))
                                .block(TIMEOUT);
                    })
                    .assertNext(alert -> assertThat(alert.message())
                            .as("the resend raised nothing; a new SOS raises at once, with no cool-down")
                            .isEqualTo("SOS: second press"))
                    .expectComplete()
                    .verify(TIMEOUT);
        } finally {
            Mono.from(lock.close()).block(TIMEOUT);
        }
    }

    private Flux<Alert> raisedOfMyRep() {
        return changesOfMyRep()
                .filter(changed -> changed.change() == AlertChanged.Change.RAISED)
                .map(AlertChanged::alert);
    }

    private static String sosJson(String id, String notes) {
        return "{\"activities\":[{\"id\":\"" + id + "\",\"type\":\"SOS\",\"ts\":"
                + (System.currentTimeMillis() - 500) + ",\"lat\":40.7128,\"lon\":-74.006,\"notes\":\"" + notes
                + "\"}]}";
    }

    @Test
    void anOfflineRepsAlertNamesWhatThePhoneLastSaidAndClearsWhenItIsBack() throws IOException {
        WaymarkDevice phone = connect(null);
        Activity gpsOff = Activity.builder(UUID.randomUUID().toString(), "DEVICE_STATE", System.currentTimeMillis())
                .deviceState("OFF", "ALWAYS", false, "CELL")
                .build();

        StepVerifier.create(changesOfMyRep().take(2))
                .then(() -> {
                    sendAndAwait(phone, gpsOff);
                    bus.publish(new RepStatusChanged(rep, team, RepStatus.ACTIVE, RepStatus.OFFLINE, Instant.now()));
                })
                .assertNext(raised -> {
                    assertThat(raised.alert().kind()).isEqualTo(AlertKind.OFFLINE);
                    assertThat(raised.alert().reason()).isEqualTo("GPS_OFF");
                    bus.publish(new RepStatusChanged(rep, team, RepStatus.OFFLINE, RepStatus.ACTIVE, Instant.now()));
                })
                .assertNext(resolved -> {
                    assertThat(resolved.change()).isEqualTo(AlertChanged.Change.RESOLVED);
                    assertThat(resolved.alert().resolvedBy()).isEqualTo(Alert.SYSTEM);
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    /** Sends an activity and waits for it on the bus: the rules took it before anything published after. */
    private void sendAndAwait(WaymarkDevice phone, Activity activity) {
        StepVerifier.create(bus.events(io.waymark.ingest.ActivitiesStored.class)
                        .filter(stored -> stored.activities().stream()
                                .anyMatch(one -> one.activity().id().equals(activity.id())))
                        .next())
                .then(() -> phone.record(activity).block(TIMEOUT))
                .expectNextCount(1)
                .expectComplete()
                .verify(TIMEOUT);
    }
}
