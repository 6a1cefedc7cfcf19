package io.waymark.load;

import io.rsocket.RSocket;
import io.rsocket.util.DefaultPayload;
import io.waymark.protocol.Activity;
import io.waymark.protocol.Ping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A stand-in for the whole live path: {@link FakeIngestServer} acks the pings, and every ping it accepts goes out
 * at once as a {@code rep} message to every {@code /ws/live} client that has the right token (after a snapshot).
 * An SOS activity goes out at once as the {@code alert} message raising an SOS alert, then the device is asked
 * {@code device.check} and its answer goes out as a second alert message, as the server's welfare check notes it.
 * It does nothing else, so a run against it measures the harness. {@link #main} starts one in its own JVM.
 */
final class FakeLiveServer implements AutoCloseable {

    private final FakeIngestServer ingest;
    private final DisposableServer http;
    private final Map<String, String> repByToken;
    private final Set<Sinks.Many<String>> dashboards = ConcurrentHashMap.newKeySet();
    final AtomicLong repMessages = new AtomicLong();
    final AtomicLong welfareAnswers = new AtomicLong();
    private final AtomicLong alertSeq = new AtomicLong();

    /** Serves these devices; any dashboard token is taken. Both servers listen on free ports of 127.0.0.1. */
    FakeLiveServer(List<ProvisionedDevice> devices) {
        repByToken = new ConcurrentHashMap<>();
        devices.forEach(device -> repByToken.put(device.token(), device.repId()));
        Set<String> tokens = new HashSet<>(repByToken.keySet());
        ingest = new FakeIngestServer(tokens);
        ingest.onPing(this::broadcast);
        ingest.onActivity(this::activity);
        String snapshot = snapshot(devices);
        http = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.ws("/ws/live", (in, out) -> {
                    Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();
                    dashboards.add(sink);
                    return out.sendString(Flux.just(snapshot).concatWith(sink.asFlux()))
                            .then()
                            .doFinally(signal -> dashboards.remove(sink));
                }))
                .bindNow();
    }

    int rsocketPort() {
        return ingest.port();
    }

    int httpPort() {
        return http.port();
    }

    private void broadcast(String token, Ping ping) {
        String message = "{\"type\":\"rep\",\"rep\":{\"repId\":\"" + repByToken.get(token)
                + "\",\"name\":\"Bench Rep\",\"teamId\":\"team\",\"lat\":" + ping.lat() + ",\"lon\":"
                + ping.lon() + ",\"ts\":" + ping.ts() + ",\"status\":\"ACTIVE\"}}";
        for (Sinks.Many<String> dashboard : dashboards) {
            synchronized (dashboard) {
                dashboard.tryEmitNext(message);
            }
            repMessages.incrementAndGet();
        }
    }

    private void activity(String token, Activity activity, RSocket device) {
        if (!"SOS".equals(activity.type())) {
            return;
        }
        String id = UUID.randomUUID().toString();
        String repId = repByToken.get(token);
        send(alert(id, repId, 1, "null"));
        device.requestResponse(DefaultPayload.create("{\"alertId\":\"" + id + "\",\"message\":\"Are you OK?\"}"))
                .subscribe(answer -> {
                    String text = answer.getDataUtf8();
                    answer.release();
                    welfareAnswers.incrementAndGet();
                    send(alert(id, repId, 1, "\"Welfare check answered: " + text.replace("\"", "'") + "\""));
                });
    }

    private String alert(String id, String repId, int level, String note) {
        return "{\"type\":\"alert\",\"alert\":{\"id\":\"" + id + "\",\"seq\":" + alertSeq.incrementAndGet()
                + ",\"kind\":\"SOS\",\"severity\":\"CRITICAL\",\"state\":\"OPEN\",\"level\":" + level
                + ",\"repId\":\"" + repId + "\",\"message\":\"SOS\",\"note\":" + note + "}}";
    }

    private void send(String message) {
        for (Sinks.Many<String> dashboard : dashboards) {
            synchronized (dashboard) {
                dashboard.tryEmitNext(message);
            }
        }
    }

    private static String snapshot(List<ProvisionedDevice> devices) {
        StringBuilder out = new StringBuilder("{\"type\":\"snapshot\",\"reps\":[");
        for (int i = 0; i < devices.size(); i++) {
            out.append(i == 0 ? "" : ",")
                    .append("{\"repId\":\"")
                    .append(devices.get(i).repId())
                    .append("\",\"ts\":null}");
        }
        return out.append("],\"alerts\":[],\"alertSeq\":0}").toString();
    }

    @Override
    public void close() {
        http.disposeNow();
        ingest.close();
    }

    /** {@code FakeLiveServer DEVICES_FILE}: serves the devices listed there; prints its ports; runs until killed. */
    public static void main(String[] args) throws Exception {
        List<ProvisionedDevice> devices = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                devices.add(ProvisionedDevice.fromLine(line));
            }
        }
        try (FakeLiveServer server = new FakeLiveServer(devices)) {
            System.out.println("rsocket tcp://127.0.0.1:" + server.rsocketPort() + " http http://127.0.0.1:"
                    + server.httpPort() + " devices " + devices.size());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
