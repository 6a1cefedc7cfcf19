package io.waymark.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real server in a child JVM on the test classpath, against the test PostgreSQL: for tests that must kill it
 * (SIGKILL, no shutdown hooks) and start it again on the same ports and database.
 */
public final class ServerProcess implements AutoCloseable {

    private final int httpPort;
    private final int tcpPort;
    private final Path log;
    private Process process;

    private ServerProcess(int httpPort, int tcpPort, Path log) {
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
        this.log = log;
    }

    /** Starts a server on free ports and waits until it reports healthy. */
    public static ServerProcess start() throws IOException {
        ServerProcess server =
                new ServerProcess(freePort(), freePort(), Files.createTempFile("waymark-server", ".log"));
        server.startAgain();
        return server;
    }

    public int httpPort() {
        return httpPort;
    }

    public int tcpPort() {
        return tcpPort;
    }

    /** Starts the server (again) on the same ports and database, and waits until it is healthy. */
    public void startAgain() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.waymark.WaymarkApplication");
        command.add("--spring.profiles.active=test");
        command.add("--server.port=" + httpPort);
        command.add("--spring.rsocket.server.port=" + tcpPort);
        String url = System.getProperty("waymark.test.postgres-url");
        if (url != null && !url.isBlank()) {
            command.add("--spring.r2dbc.url=" + url);
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        awaitHealthy(Duration.ofSeconds(60));
    }

    /** Kills the server at once, as a power cut would: SIGKILL, no shutdown hooks, nothing flushed by us. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private void awaitHealthy(Duration timeout) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; log: " + log);
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the server is still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the server did not become healthy within " + timeout + "; log: " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public File log() {
        return log.toFile();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
