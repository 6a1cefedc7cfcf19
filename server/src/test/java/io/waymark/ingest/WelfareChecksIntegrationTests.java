package io.waymark.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.rsocket.SocketAcceptor;
import io.rsocket.util.DefaultPayload;
import io.waymark.bus.EventBus;
import io.waymark.device.WaymarkDevice;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.ingest.WelfareCheckException.Reason;
import io.waymark.protocol.WelfareAnswer;
import io.waymark.protocol.WelfareCheck;
import io.waymark.support.DeviceCredentials;
import io.waymark.support.IntegrationTest;
import io.waymark.support.RawDevice;
import io.waymark.support.WaymarkApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The server's welfare check ({@code device.check}) against the reference device SDK on both transports. */
@IntegrationTest
class WelfareChecksIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    @LocalServerPort
    int httpPort;

    @Autowired
    DeviceEndpoints endpoints;

    @Autowired
    WelfareChecks welfareChecks;

    @Autowired
    EventBus bus;

    private final List<AutoCloseable> devices = new ArrayList<>();

    @AfterEach
    void closeDevices() throws Exception {
        for (AutoCloseable device : devices) {
            device.close();
        }
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"tcp", "websocket"})
    void aRegisteredHandlersAnswerReachesTheCaller(String transport) {
        RepId rep = newRep();
        AtomicReference<WelfareCheck> received = new AtomicReference<>();
        connect(rep, transport, check -> {
            received.set(check);
            return Mono.just(new WelfareAnswer(true, "walking back to the car"));
        });
        WelfareCheck check = check();

        StepVerifier.create(welfareChecks.ask(rep, check, ANSWER_TIMEOUT))
                .assertNext(answer -> assertThat(answer).isEqualTo(new WelfareAnswer(true, "walking back to the car")))
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(received.get()).as("the check the app's handler saw").isEqualTo(check);
    }

    @Test
    void aDeviceWithoutAHandlerAnswersNotOkWithNoHandler() {
        RepId rep = newRep();
        connect(rep, "tcp", null);

        StepVerifier.create(welfareChecks.ask(rep, check(), ANSWER_TIMEOUT))
                .assertNext(answer -> assertThat(answer).isEqualTo(new WelfareAnswer(false, "no handler")))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void aHandlerThatNeverAnswersEndsInTheTimeoutErrorOnceTheTimeoutIsOver() {
        RepId rep = newRep();
        connect(rep, "tcp", check -> Mono.never());
        Duration timeout = Duration.ofMillis(500);

        Duration took = StepVerifier.create(welfareChecks.ask(rep, check(), timeout))
                .expectErrorSatisfies(error -> assertFailed(error, rep, Reason.NO_ANSWER_IN_TIME))
                .verify(Duration.ofSeconds(5));
        assertThat(took).isGreaterThanOrEqualTo(timeout).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aRepWithNoConnectedDeviceGetsTheNoDeviceError() {
        RepId rep = newRep();
        new WaymarkApi(httpPort).createDevice(rep);

        StepVerifier.create(welfareChecks.ask(rep, check(), ANSWER_TIMEOUT))
                .expectErrorSatisfies(error -> assertFailed(error, rep, Reason.NO_DEVICE))
                .verify(TIMEOUT);
    }

    @Test
    void aRepWhoseOnlyDeviceDisconnectedGetsTheNoDeviceError() {
        RepId rep = newRep();
        var disconnected = bus.events(DeviceDisconnected.class)
                .filter(event -> event.device().repId().equals(rep))
                .next()
                .toFuture();
        WaymarkDevice device = connect(rep, "tcp", check -> Mono.just(new WelfareAnswer(true, null)));
        device.close();
        StepVerifier.create(Mono.fromFuture(disconnected))
                .expectNextCount(1)
                .expectComplete()
                .verify(TIMEOUT);

        StepVerifier.create(welfareChecks.ask(rep, check(), ANSWER_TIMEOUT))
                .expectErrorSatisfies(error -> assertFailed(error, rep, Reason.NO_DEVICE))
                .verify(TIMEOUT);
    }

    @Test
    void withTwoDevicesTheOneThatAnswersWinsOverTheOneThatDoesNot() {
        RepId rep = newRep();
        connect(rep, "tcp", check -> Mono.never());
        connect(rep, "websocket", check -> Mono.just(new WelfareAnswer(true, "from the tablet")));

        StepVerifier.create(welfareChecks.ask(rep, check(), ANSWER_TIMEOUT))
                .assertNext(answer -> assertThat(answer).isEqualTo(new WelfareAnswer(true, "from the tablet")))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void aHandlerThatFailsIsADeviceError() {
        RepId rep = newRep();
        connect(rep, "tcp", check -> Mono.error(new IllegalStateException("the app crashed")));

        StepVerifier.create(welfareChecks.ask(rep, check(), ANSWER_TIMEOUT))
                .expectErrorSatisfies(error -> {
                    assertFailed(error, rep, Reason.DEVICE_ERROR);
                    assertThat(error).hasMessageContaining("the app crashed");
                })
                .verify(TIMEOUT);
    }

    @Test
    void anAnswerThatIsNotAWelfareAnswerIsAMalformedAnswer() {
        RepId rep = newRep();
        DeviceCredentials credentials = new WaymarkApi(httpPort).createDevice(rep);
        RawDevice device = RawDevice.connectAnswering(
                RawDevice.tcp(endpoints.tcpPort()), credentials.token(), SocketAcceptor.forRequestResponse(request -> {
                    request.release();
                    return Mono.just(DefaultPayload.create("{\"ok\":\"yes\"}"));
                }));
        devices.add(device);
        device.request("device.hello", "{}").block(TIMEOUT);

        StepVerifier.create(welfareChecks.ask(rep, check(), ANSWER_TIMEOUT))
                .expectErrorSatisfies(error -> assertFailed(error, rep, Reason.MALFORMED_ANSWER))
                .verify(TIMEOUT);
    }

    private static void assertFailed(Throwable error, RepId rep, Reason reason) {
        assertThat(error).isInstanceOfSatisfying(WelfareCheckException.class, failed -> {
            assertThat(failed.reason()).isEqualTo(reason);
            assertThat(failed.rep()).isEqualTo(rep);
        });
    }

    private static WelfareCheck check() {
        return new WelfareCheck(UUID.randomUUID().toString(), "SOS received: are you OK?");
    }

    private RepId newRep() {
        WaymarkApi api = new WaymarkApi(httpPort);
        TeamId team = api.createTeam(WaymarkApi.unique("welfare"), Tracking.ALWAYS);
        return api.createRep(team, "Welfare Rep");
    }

    /** A started SDK device of the rep; connected (the server has admitted it) when this returns. */
    private WaymarkDevice connect(
            RepId rep, String transport, Function<WelfareCheck, Mono<WelfareAnswer>> welfareHandler) {
        DeviceCredentials credentials = new WaymarkApi(httpPort).createDevice(rep);
        WaymarkDevice.Builder builder = WaymarkDevice.builder()
                .token(credentials.token())
                .bufferDirectory(temporaryDirectory())
                .onWelfareCheck(welfareHandler);
        if (transport.equals("websocket")) {
            builder.websocket(URI.create("ws://127.0.0.1:" + httpPort + "/rsocket"));
        } else {
            builder.tcp("127.0.0.1", endpoints.tcpPort());
        }
        WaymarkDevice device = builder.build();
        devices.add(device);
        device.start().block(TIMEOUT);
        return device;
    }

    private static java.nio.file.Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("waymark-welfare");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
