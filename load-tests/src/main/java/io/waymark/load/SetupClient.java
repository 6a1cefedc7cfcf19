package io.waymark.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Makes the benchmark's team, reps and devices through the server's set-up REST API (contract §2–3). */
final class SetupClient {

    private static final Logger log = LoggerFactory.getLogger(SetupClient.class);
    private static final String TEAM_LINE = "# team ";

    private final URI base;
    private final HttpClient http;
    private final JsonMapper json;
    private String bearer;
    private String teamId;
    private String timeZone;

    SetupClient(URI base, JsonMapper json) {
        this.base = base;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    void login(String username, String password) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException(
                    "the admin password is needed: --admin-password or WAYMARK_ADMIN_PASSWORD");
        }
        bearer = token(username, password);
    }

    /** A user's bearer token ({@code POST /api/auth/token}), without logging this client in as that user. */
    String token(String username, String password) {
        JsonNode answer = post("/api/auth/token", Map.of("username", username, "password", password))
                .join();
        return answer.get("token").asString();
    }

    /**
     * Makes a user of one team ({@code POST /api/users}) unless the name is taken already.
     *
     * @return whether the user was made now
     */
    boolean ensureUser(String username, String password, String role, String team) {
        HttpResponse<byte[]> response = send(
                        "/api/users",
                        Map.of("username", username, "password", password, "role", role, "teamIds", List.of(team)))
                .join();
        if (response.statusCode() == 409) {
            return false;
        }
        check("/api/users", response);
        return true;
    }

    /** The team of the devices {@link #devices} returned: read from the file, or made by it; null before. */
    String teamId() {
        return teamId;
    }

    /** A new team whose pings are all kept ({@code tracking: ALWAYS}), in the zone given to {@link #timeZone}. */
    String createTeam(String name) {
        Map<String, Object> request = timeZone == null
                ? Map.of("name", name, "tracking", "ALWAYS")
                : Map.of("name", name, "tracking", "ALWAYS", "timeZone", timeZone);
        JsonNode team = post("/api/teams", request).join();
        return team.get("id").asString();
    }

    /** The time zone of a team this client makes from now on (an IANA id); UTC when never given. */
    void timeZone(String zone) {
        this.timeZone = zone;
    }

    /**
     * The devices for a run: those in {@code file} when given (as many as it holds, up to {@code count}), and new
     * ones for the rest, {@code concurrency} REST calls at a time. The file is rewritten with all of them.
     */
    List<ProvisionedDevice> devices(int count, int concurrency, Path file) throws IOException {
        List<ProvisionedDevice> devices = new ArrayList<>();
        String teamId = null;
        if (file != null && Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(TEAM_LINE)) {
                    teamId = line.substring(TEAM_LINE.length()).trim();
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    devices.add(ProvisionedDevice.fromLine(line));
                }
            }
            log.info("{} devices read from {}", devices.size(), file);
        }
        if (devices.size() >= count) {
            this.teamId = teamId;
            return List.copyOf(devices.subList(0, count));
        }
        if (teamId == null) {
            teamId = createTeam("bench-" + System.currentTimeMillis());
            log.info("team {} created (tracking ALWAYS)", teamId);
        }
        this.teamId = teamId;
        String team = teamId;
        int first = devices.size();
        long started = System.nanoTime();
        List<ProvisionedDevice> made = Flux.range(first, count - first)
                .flatMapSequential(i -> Mono.fromFuture(() -> createRepWithDevice(team, i)), concurrency)
                .collectList()
                .block();
        devices.addAll(made);
        log.info(
                "{} reps with one device each created in {} ms",
                made.size(),
                (System.nanoTime() - started) / 1_000_000);
        if (file != null) {
            List<String> lines = new ArrayList<>();
            lines.add(TEAM_LINE + teamId);
            devices.forEach(device -> lines.add(device.toLine()));
            Files.write(file, lines);
        }
        return List.copyOf(devices);
    }

    /**
     * An alert as {@code GET /api/alerts} lists it, only what the benchmark needs.
     *
     * @param kind {@code SOS}, {@code IDLE}, ...
     */
    record AlertRow(String id, String kind, String repId, String state) {}

    /**
     * A team's alerts in a state ({@code active}, {@code resolved}, ...) updated at or after {@code sinceMillis}
     * (0 for any time), the latest 5,000 at most, read with {@code token}.
     */
    List<AlertRow> alerts(String token, String team, String state, long sinceMillis) {
        String query = "/api/alerts?teamId=" + team + "&state=" + state + "&limit=5000"
                + (sinceMillis > 0 ? "&since=" + sinceMillis : "");
        List<AlertRow> rows = new ArrayList<>();
        for (JsonNode alert : get(query, token)) {
            rows.add(new AlertRow(
                    alert.get("id").asString(),
                    alert.get("kind").asString(),
                    alert.get("repId").asString(),
                    alert.get("state").asString()));
        }
        return rows;
    }

    /** How long after an alert is resolved the same rep raises no new one of its kind, in the team's policy. */
    long alertCooldownMillis(String token, String team) {
        return get("/api/teams/" + team + "/alert-policy", token)
                .get("cooldownMs")
                .asLong();
    }

    /** Resolves alerts ({@code POST /api/alerts/{id}/resolve}) with {@code token}, 16 at a time; how many were. */
    int resolve(String token, List<String> alertIds, String note) {
        return Flux.fromIterable(alertIds)
                .flatMap(
                        id -> Mono.fromFuture(() -> send("/api/alerts/" + id + "/resolve", Map.of("note", note), token))
                                .map(response -> response.statusCode() / 100 == 2 ? 1 : 0),
                        16)
                .reduce(0, Integer::sum)
                .blockOptional()
                .orElse(0);
    }

    private JsonNode get(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        HttpResponse<byte[]> response =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).join();
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return json.readTree(response.body());
    }

    private CompletableFuture<ProvisionedDevice> createRepWithDevice(String teamId, int index) {
        return post("/api/reps", Map.of("name", "Bench Rep " + index, "teamId", teamId))
                .thenCompose(rep -> {
                    String repId = rep.get("id").asString();
                    return post("/api/reps/" + repId + "/devices", Map.of("label", "bench-" + index))
                            .thenApply(device -> new ProvisionedDevice(
                                    device.get("deviceId").asString(),
                                    repId,
                                    device.get("token").asString()));
                });
    }

    /** Imports a FeatureCollection of territories into the team (all or none). */
    void importTerritories(Object featureCollection) {
        post("/api/territories?teamId=" + teamId(), featureCollection).join();
    }

    private CompletableFuture<JsonNode> post(String path, Object body) {
        return send(path, body).thenApply(response -> {
            check(path, response);
            return json.readTree(response.body());
        });
    }

    private static void check(String path, HttpResponse<byte[]> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private CompletableFuture<HttpResponse<byte[]>> send(String path, Object body) {
        return send(path, body, bearer);
    }

    private CompletableFuture<HttpResponse<byte[]>> send(String path, Object body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
