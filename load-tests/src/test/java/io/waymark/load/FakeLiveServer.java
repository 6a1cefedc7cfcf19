package io.waymark.load;

import io.waymark.protocol.Ping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A stand-in for the whole live path: {@link FakeIngestServer} acks the pings, and every ping it accepts goes out
 * at once as a {@code rep} message to every {@code /ws/live} client that has the right token (after a snapshot).
 * It does nothing else, so a run against it measures the harness. {@link #main} starts one in its own JVM.
 */
final class FakeLiveServer implements AutoCloseable {

    private final FakeIngestServer ingest;
    private final DisposableServer http;
    private final Map<String, String> repByToken;
    private final Set<Sinks.Many<String>> dashboards = ConcurrentHashMap.newKeySet();
    final AtomicLong repMessages = new AtomicLong();

    /** Serves these devices; any dashboard token is taken. Both servers listen on free ports of 127.0.0.1. */
    FakeLiveServer(List<ProvisionedDevice> devices) {
        repByToken = new ConcurrentHashMap<>();
        devices.forEach(device -> repByToken.put(device.token(), device.repId()));
        Set<String> tokens = new HashSet<>(repByToken.keySet());
        ingest = new FakeIngestServer(tokens);
        ingest.onPing(this::broadcast);
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
