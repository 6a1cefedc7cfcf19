package io.waymark.demo;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.DeviceId;
import io.waymark.identity.IssuedDevice;
import io.waymark.identity.ProvisionedRep;
import io.waymark.identity.Provisioning;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.territory.TerritoryEditor;
import io.waymark.territory.TerritoryId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeds the demo company, idempotently: the teams "North Crew" (tracking ALWAYS) and "South Crew" (SHIFT_ONLY, the
 * default policy: its reps clock in before any position is kept) are found by name or made, reps by name within
 * their team; the accounts {@code demo-manager} (MANAGER) and {@code demo-dispatch} (DISPATCH) of both teams get a
 * new password at every start. Device tokens are kept in memory only, so every start revokes the demo reps' devices
 * and registers a new one each; each team's territory is put anew.
 */
@Component
@ConditionalOnBooleanProperty(DemoSwitch.ENABLED)
class DemoSeeding {

    static final String NORTH = "North Crew";
    static final String SOUTH = "South Crew";
    static final String MANAGER = "demo-manager";
    static final String DISPATCH = "demo-dispatch";
    static final String DEVICE_LABEL = "Demo phone";
    /** How far a territory reaches beyond its outermost streets, so that GPS noise stays inside it. */
    static final double TERRITORY_MARGIN_METERS = 40;

    private static final Logger log = LoggerFactory.getLogger(DemoSeeding.class);
    private static final SecureRandom PASSWORDS = new SecureRandom();

    private final Provisioning provisioning;
    private final TerritoryEditor territories;
    private final DemoProperties properties;
    private final JsonMapper json;

    DemoSeeding(Provisioning provisioning, TerritoryEditor territories, DemoProperties properties, JsonMapper json) {
        this.provisioning = provisioning;
        this.territories = territories;
        this.properties = properties;
        this.json = json;
    }

    /** Seeds (or finds) the demo company; runs its slow parts (password hashing, files) off the event loops. */
    Mono<DemoCompany> seed() {
        StreetGrid grid = properties.grid();
        int middle = grid.rows() / 2;
        GridArea northArea = new GridArea(0, grid.columns(), middle, grid.rows());
        GridArea southArea = new GridArea(0, grid.columns(), 0, middle);
        String managerPassword = properties.password() != null ? properties.password() : newPassword();
        String dispatchPassword = properties.password() != null ? properties.password() : newPassword();
        return team(NORTH, Tracking.ALWAYS, northArea)
                .zipWith(team(SOUTH, Tracking.SHIFT_ONLY, southArea))
                .flatMap(teams -> {
                    DemoCompany.Team north = teams.getT1();
                    DemoCompany.Team south = teams.getT2();
                    Set<TeamId> both = Set.of(north.id(), south.id());
                    return provisioning
                            .user(MANAGER, managerPassword, Role.MANAGER, both)
                            .flatMap(manager -> provisioning
                                    .user(DISPATCH, dispatchPassword, Role.DISPATCH, both)
                                    .thenReturn(manager))
                            .flatMap(manager -> reps(north, 0, grid)
                                    .concatWith(reps(south, 1, grid))
                                    .collectList()
                                    .flatMap(reps -> putTerritory(manager, north, reps, grid)
                                            .then(putTerritory(manager, south, reps, grid))
                                            .thenReturn(new DemoCompany(
                                                    List.of(north, south),
                                                    reps,
                                                    List.of(
                                                            new DemoCompany.Account(
                                                                    MANAGER, managerPassword, Role.MANAGER),
                                                            new DemoCompany.Account(
                                                                    DISPATCH, dispatchPassword, Role.DISPATCH))))));
                });
    }

    private Mono<DemoCompany.Team> team(String name, Tracking tracking, GridArea area) {
        return provisioning
                .team(name, tracking, properties.timeZone(), properties.pingInterval())
                .map(id -> new DemoCompany.Team(
                        id,
                        name,
                        tracking,
                        area,
                        new TerritoryId("demo-" + name.toLowerCase(Locale.ROOT).replace(' ', '-'))));
    }

    /** The team's reps: the names at even (North) or odd (South) places of the list, found or made. */
    private Flux<DemoCompany.Rep> reps(DemoCompany.Team team, int parity, StreetGrid grid) {
        List<String> names = new ArrayList<>();
        for (int i = parity; i < properties.reps(); i += 2) {
            names.add(RepNames.REPS.get(i));
        }
        return provisioning.reps(team.id()).collectList().flatMapMany(existing -> Flux.fromIterable(names)
                .concatMap(name -> existing.stream()
                        .filter(rep -> rep.name().equals(name))
                        .findFirst()
                        .map(Mono::just)
                        .orElseGet(() -> provisioning.addRep(team.id(), name, email(name))))
                .concatMap(rep -> freshDevice(rep).map(device -> new DemoCompany.Rep(rep, device, team.area()))));
    }

    /** Revokes the rep's devices (their tokens died with the last run), forgets their buffers, registers a new one. */
    private Mono<IssuedDevice> freshDevice(ProvisionedRep rep) {
        return provisioning
                .activeDevices(rep.id())
                .concatMap(old -> provisioning.revoke(old).then(deleteBuffer(old)))
                .then(provisioning.addDevice(rep.id(), DEVICE_LABEL));
    }

    private Mono<Void> deleteBuffer(DeviceId device) {
        Path directory = properties.bufferDirectory().resolve(device.toString());
        return Mono.<Void>fromRunnable(() -> {
                    if (!Files.isDirectory(directory)) {
                        return;
                    }
                    try (Stream<Path> files = Files.walk(directory)) {
                        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(file);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(UncheckedIOException.class, e -> {
                    log.warn("could not delete the old demo buffer {}: {}", directory, e.getMessage());
                    return Mono.empty();
                });
    }

    private Mono<Boolean> putTerritory(
            CurrentUser manager, DemoCompany.Team team, List<DemoCompany.Rep> reps, StreetGrid grid) {
        GridArea area = team.area();
        double block = grid.blockMeters();
        double west = grid.lon(area.west() * block - TERRITORY_MARGIN_METERS);
        double east = grid.lon(area.east() * block + TERRITORY_MARGIN_METERS);
        double south = grid.lat(area.south() * block - TERRITORY_MARGIN_METERS);
        double north = grid.lat(area.north() * block + TERRITORY_MARGIN_METERS);
        ObjectNode feature = json.createObjectNode();
        feature.put("type", "Feature");
        ObjectNode geometry = feature.putObject("geometry");
        geometry.put("type", "Polygon");
        ArrayNode ring = geometry.putArray("coordinates").addArray();
        double[][] corners = {{west, south}, {east, south}, {east, north}, {west, north}, {west, south}};
        for (double[] corner : corners) {
            ring.addArray().add(round(corner[0])).add(round(corner[1]));
        }
        ObjectNode props = feature.putObject("properties");
        props.put("name", team.name() + " turf");
        props.put("teamId", team.id().toString());
        ArrayNode repIds = props.putArray("repIds");
        reps.stream()
                .filter(rep -> rep.rep().teamId().equals(team.id()))
                .forEach(rep -> repIds.add(rep.rep().id().toString()));
        return territories.put(manager, team.territory(), feature);
    }

    private static String email(String name) {
        return name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@demo.waymark.example";
    }

    private static String newPassword() {
        byte[] bytes = new byte[15];
        PASSWORDS.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e7) / 1e7;
    }
}
