package io.waymark.territory.internal;

import io.r2dbc.spi.Readable;
import io.waymark.bus.EventBus;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import io.waymark.identity.TeamRoster;
import io.waymark.problem.FieldProblem;
import io.waymark.problem.ForbiddenException;
import io.waymark.problem.InvalidInputException;
import io.waymark.problem.NotFoundException;
import io.waymark.territory.TerritoryChanged;
import io.waymark.territory.TerritoryEditor;
import io.waymark.territory.TerritoryId;
import io.waymark.territory.TerritoryRemoved;
import io.waymark.territory.TerritoryShape;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Territories, seen through the eyes of a user: stored as GeoJSON Features in {@code territories.geojson}, their
 * reps in {@code territory_reps}; every change is published as {@link TerritoryChanged} or
 * {@link TerritoryRemoved}.
 */
@Component
public class Territories implements TerritoryEditor {

    private final DatabaseClient db;
    private final Clock clock;
    private final TeamRoster roster;
    private final EventBus bus;
    private final JsonMapper json;
    private final TransactionalOperator transaction;

    Territories(
            DatabaseClient db,
            Clock clock,
            TeamRoster roster,
            EventBus bus,
            JsonMapper json,
            ReactiveTransactionManager transactions) {
        this.db = db;
        this.clock = clock;
        this.roster = roster;
        this.bus = bus;
        this.json = json;
        this.transaction = TransactionalOperator.create(transactions);
    }

    /** A territory checked and ready to store: its Feature as it will be stored. */
    private record Prepared(TerritoryId id, TeamId team, String name, List<RepId> reps, String stored) {}

    /** What an import did: the ids it created and the ids it replaced, in the collection's order. */
    public record Imported(List<TerritoryId> created, List<TerritoryId> replaced) {

        public Imported {
            created = List.copyOf(created);
            replaced = List.copyOf(replaced);
        }
    }

    /** At most this many features in one import. */
    public static final int MAX_IMPORT_FEATURES = 1_000;

    /**
     * Creates or replaces a territory (ADMIN, or a MANAGER of its team and of the team it had); true when created.
     * The stored Feature carries the id.
     */
    @Override
    public Mono<Boolean> put(CurrentUser user, TerritoryId id, JsonNode feature) {
        return prepare(user, id, feature)
                .flatMap(prepared ->
                        transaction.transactional(store(prepared)).doOnNext(created -> published(prepared)));
    }

    /**
     * Creates or replaces every territory of a GeoJSON FeatureCollection, all or none: each Feature names its territory
     * in {@code id}, and takes {@code defaultTeam} when its properties name no team. Every problem of every feature
     * is reported at once, its field prefixed with {@code features[i]} and its message naming the feature.
     */
    public Mono<Imported> importAll(CurrentUser user, JsonNode collection, TeamId defaultTeam) {
        if (collection == null
                || !collection.isObject()
                || !"FeatureCollection".equals(collection.path("type").asString(""))
                || !collection.path("features").isArray()) {
            return Mono.error(new InvalidInputException("body", "must be a GeoJSON FeatureCollection with features"));
        }
        JsonNode features = collection.get("features");
        if (features.isEmpty() || features.size() > MAX_IMPORT_FEATURES) {
            return Mono.error(new InvalidInputException(
                    "features", "must hold 1 to " + MAX_IMPORT_FEATURES + " features, not " + features.size()));
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<Mono<Prepared>> checks = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < features.size(); i++) {
            JsonNode feature = features.get(i);
            String at = "features[" + i + "]";
            JsonNode givenId = feature.isObject() ? feature.get("id") : null;
            String id = givenId != null && givenId.isString() ? givenId.asString() : null;
            String named = id != null ? at + " (\"" + id + "\")" : at;
            if (id == null || !TerritoryId.isValid(id)) {
                problems.add(
                        new FieldProblem(at + ".id", named + ": must be a territory id, 1 to 64 of A-Z a-z 0-9 _ -"));
                continue;
            }
            if (!seen.add(id)) {
                problems.add(new FieldProblem(at + ".id", named + ": the same id as an earlier feature"));
                continue;
            }
            JsonNode withTeam = withDefaultTeam(feature, defaultTeam);
            checks.add(prepare(user, new TerritoryId(id), withTeam)
                    .onErrorResume(InvalidInputException.class, invalid -> {
                        invalid.problems()
                                .forEach(problem -> problems.add(new FieldProblem(
                                        at + "." + problem.field(), named + ": " + problem.message())));
                        return Mono.empty();
                    })
                    .onErrorResume(NotFoundException.class, notFound -> {
                        problems.add(new FieldProblem(at, named + ": " + notFound.getMessage()));
                        return Mono.empty();
                    }));
        }
        return Flux.concat(checks).collectList().flatMap(prepared -> {
            if (!problems.isEmpty()) {
                return Mono.error(new InvalidInputException(problems));
            }
            return transaction
                    .transactional(Flux.fromIterable(prepared)
                            .concatMap(territory -> store(territory).map(created -> Map.entry(territory, created)))
                            .collectList())
                    .map(stored -> {
                        List<TerritoryId> created = new ArrayList<>();
                        List<TerritoryId> replaced = new ArrayList<>();
                        for (Map.Entry<Prepared, Boolean> entry : stored) {
                            published(entry.getKey());
                            (entry.getValue() ? created : replaced)
                                    .add(entry.getKey().id());
                        }
                        return new Imported(created, replaced);
                    });
        });
    }

    private JsonNode withDefaultTeam(JsonNode feature, TeamId defaultTeam) {
        if (defaultTeam == null
                || !feature.isObject()
                || !feature.path("properties").isObject()) {
            return feature;
        }
        JsonNode team = feature.get("properties").get("teamId");
        if (team != null && !team.isNull()) {
            return feature;
        }
        ObjectNode copy = (ObjectNode) feature.deepCopy();
        ((ObjectNode) copy.get("properties")).put("teamId", defaultTeam.toString());
        return copy;
    }

    private void published(Prepared territory) {
        bus.publish(new TerritoryChanged(
                territory.id(), territory.team(), territory.name(), Set.copyOf(territory.reps()), territory.stored()));
    }

    /** Checks a territory as {@link #put} would store it: its Feature, its team, who may change it, its reps. */
    private Mono<Prepared> prepare(CurrentUser user, TerritoryId id, JsonNode feature) {
        List<FieldProblem> problems = new ArrayList<>(FeatureValidator.problemsOf(feature));
        if (feature != null && feature.isObject()) {
            JsonNode givenId = feature.get("id");
            if (givenId != null
                    && !givenId.isNull()
                    && !(givenId.isString() && id.value().equals(givenId.asString()))) {
                problems.add(new FieldProblem("id", "must be absent or equal to the id in the path"));
            }
        }
        if (!problems.isEmpty()) {
            return Mono.error(new InvalidInputException(problems));
        }
        JsonNode properties = feature.get("properties");
        TeamId team = TeamId.of(properties.get("teamId").asString());
        String name = properties.get("name").asString().strip();
        List<RepId> reps = new ArrayList<>(new LinkedHashSet<>(repIds(properties.get("repIds"))));
        if (!user.canSee(team)) {
            return Mono.error(new NotFoundException("No team " + team));
        }
        return roster.teamExists(team)
                .flatMap(exists -> exists
                        ? Mono.just(team)
                        : Mono.error(new InvalidInputException("properties.teamId", "no team " + team)))
                .flatMap(known -> mayManage(user, known))
                .then(load(id).map(existing -> checkReplaceable(user, existing)).then(Mono.just(true)))
                .then(roster.repsOf(team))
                .flatMap(members -> {
                    List<FieldProblem> strangers = new ArrayList<>();
                    for (int i = 0; i < reps.size(); i++) {
                        if (!members.contains(reps.get(i))) {
                            strangers.add(new FieldProblem(
                                    "properties.repIds[" + i + "]", "rep " + reps.get(i) + " is not in team " + team));
                        }
                    }
                    return strangers.isEmpty()
                            ? Mono.just(new Prepared(id, team, name, reps, normalized(feature, id, name, reps)))
                            : Mono.error(new InvalidInputException(strangers));
                });
    }

    /** The territories of one team the user may see (not found otherwise), or of every team they see. */
    public Flux<JsonNode> visibleTo(CurrentUser user, TeamId teamFilter) {
        Flux<Territory> territories;
        if (teamFilter != null) {
            territories = (user.canSee(teamFilter) ? roster.teamExists(teamFilter) : Mono.just(false))
                    .flatMapMany(visible -> visible
                            ? select("WHERE team_id = :team", "team", teamFilter.value())
                            : Flux.error(new NotFoundException("No team " + teamFilter)));
        } else if (user.isAdmin()) {
            territories = select("", null, null);
        } else if (user.teamIds().isEmpty()) {
            territories = Flux.empty();
        } else {
            territories = select(
                    "WHERE team_id IN (:teams)",
                    "teams",
                    user.teamIds().stream().map(TeamId::value).toList());
        }
        return territories.map(territory -> json.readTree(territory.feature()));
    }

    /** A territory the user may see; {@link NotFoundException} otherwise. */
    public Mono<JsonNode> find(CurrentUser user, TerritoryId id) {
        return visible(user, id).map(territory -> json.readTree(territory.feature()));
    }

    /**
     * The area of a territory the user may see, with its team ({@link NotFoundException} otherwise); its reps are
     * left out.
     */
    Mono<TerritoryShape> shape(CurrentUser user, TerritoryId id) {
        return visible(user, id)
                .map(territory -> new TerritoryShape(
                        territory.id(),
                        territory.teamId(),
                        Set.of(),
                        GeoJsonReader.polygonal(
                                json.readTree(territory.feature()).get("geometry"))));
    }

    /** Deletes a territory (ADMIN, or a MANAGER of its team). */
    public Mono<Void> delete(CurrentUser user, TerritoryId id) {
        return visible(user, id)
                .flatMap(territory -> mayManage(user, territory.teamId()).thenReturn(territory))
                .flatMap(territory -> db.sql("DELETE FROM territories WHERE id = :id")
                        .bind("id", id.value())
                        .fetch()
                        .rowsUpdated()
                        .doOnNext(deleted -> {
                            if (deleted > 0) {
                                bus.publish(new TerritoryRemoved(id, territory.teamId()));
                            }
                        }))
                .then();
    }

    /** Every stored territory, of every team, in id order (for the locator, not for a user). */
    Flux<Territory> all() {
        return select("", null, null);
    }

    /** The reps of every territory that names some (for the locator, not for a user). */
    Mono<Map<TerritoryId, Set<RepId>>> repsOfAll() {
        return db.sql("SELECT territory_id, rep_id FROM territory_reps")
                .map(row -> Map.entry(
                        new TerritoryId(row.get("territory_id", String.class)),
                        new RepId(row.get("rep_id", UUID.class))))
                .all()
                .collect(HashMap::new, (reps, entry) -> reps.computeIfAbsent(entry.getKey(), id -> new HashSet<>())
                        .add(entry.getValue()));
    }

    private Mono<Territory> visible(CurrentUser user, TerritoryId id) {
        return load(id).filter(territory -> user.canSee(territory.teamId()))
                .switchIfEmpty(Mono.error(() -> new NotFoundException("No territory " + id)));
    }

    private static Territory checkReplaceable(CurrentUser user, Territory existing) {
        if (!user.canSee(existing.teamId())) {
            throw new NotFoundException("The territory id " + existing.id() + " is taken by a team you cannot see");
        }
        if (!user.canManage(existing.teamId())) {
            throw new ForbiddenException("Only an admin or a manager of its team replaces a territory");
        }
        return existing;
    }

    private Mono<Boolean> store(Prepared territory) {
        TerritoryId id = territory.id();
        TeamId team = territory.team();
        String name = territory.name();
        List<RepId> reps = territory.reps();
        String feature = territory.stored();
        Mono<Boolean> upsert = db.sql("INSERT INTO territories (id, team_id, name, geojson, updated_at)"
                        + " VALUES (:id, :team, :name, :geojson, :now) ON CONFLICT DO NOTHING")
                .bind("id", id.value())
                .bind("team", team.value())
                .bind("name", name)
                .bind("geojson", feature)
                .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                .fetch()
                .rowsUpdated()
                .flatMap(inserted -> inserted > 0
                        ? Mono.just(true)
                        : db.sql("UPDATE territories SET team_id = :team, name = :name, geojson = :geojson,"
                                        + " updated_at = :now WHERE id = :id")
                                .bind("id", id.value())
                                .bind("team", team.value())
                                .bind("name", name)
                                .bind("geojson", feature)
                                .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                                .fetch()
                                .rowsUpdated()
                                .thenReturn(false));
        Mono<Void> members = db.sql("DELETE FROM territory_reps WHERE territory_id = :id")
                .bind("id", id.value())
                .fetch()
                .rowsUpdated()
                .thenMany(Flux.fromIterable(reps)
                        .concatMap(rep -> db.sql("INSERT INTO territory_reps (territory_id, rep_id) VALUES (:id, :rep)")
                                .bind("id", id.value())
                                .bind("rep", rep.value())
                                .fetch()
                                .rowsUpdated()))
                .then();
        return upsert.flatMap(created -> members.thenReturn(created));
    }

    private String normalized(JsonNode feature, TerritoryId id, String name, List<RepId> reps) {
        ObjectNode stored = (ObjectNode) feature.deepCopy();
        stored.put("type", "Feature");
        stored.put("id", id.value());
        ObjectNode properties = (ObjectNode) stored.get("properties");
        properties.put("name", name);
        ArrayNode repIds = properties.putArray("repIds");
        reps.forEach(rep -> repIds.add(rep.toString()));
        return json.writeValueAsString(stored);
    }

    private Mono<TeamId> mayManage(CurrentUser user, TeamId team) {
        return user.canManage(team)
                ? Mono.just(team)
                : Mono.error(new ForbiddenException("Only an admin or a manager of the team manages its territories"));
    }

    private Mono<Territory> load(TerritoryId id) {
        return select("WHERE id = :id", "id", id.value()).next();
    }

    private Flux<Territory> select(String where, String name, Object value) {
        DatabaseClient.GenericExecuteSpec spec =
                db.sql("SELECT id, team_id, geojson FROM territories " + where + " ORDER BY id");
        if (name != null) {
            spec = spec.bind(name, value);
        }
        return spec.map(Territories::territory).all();
    }

    private static Territory territory(Readable row) {
        return new Territory(
                new TerritoryId(row.get("id", String.class)),
                new TeamId(row.get("team_id", UUID.class)),
                row.get("geojson", String.class));
    }

    private static List<RepId> repIds(JsonNode repIds) {
        List<RepId> reps = new ArrayList<>();
        if (repIds != null && repIds.isArray()) {
            for (JsonNode repId : repIds) {
                reps.add(RepId.of(repId.asString()));
            }
        }
        return reps;
    }
}
