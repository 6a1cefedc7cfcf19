package io.waymark.territory.web;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.TeamId;
import io.waymark.problem.InvalidInputException;
import io.waymark.problem.NotFoundException;
import io.waymark.query.QueryParameters;
import io.waymark.query.TimeWindow;
import io.waymark.territory.TerritoryId;
import io.waymark.territory.internal.Coverage;
import io.waymark.territory.internal.CoveragePeriod;
import io.waymark.territory.internal.CoverageReport;
import io.waymark.territory.internal.LatLon;
import io.waymark.territory.internal.Territories;
import io.waymark.territory.internal.TerritoryCoverage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/territories}: GeoJSON territories of the user's teams, and how well each was worked. */
@RestController
@RequestMapping("/api/territories")
class TerritoryController {

    /** Without {@code from}, a coverage looks at the week before {@code to}: a day is too short to cover much. */
    static final Duration COVERAGE_SPAN = Duration.ofDays(7);

    /**
     * Resolution 10: cells of about 0.015 km² (66 m edges), a block face or a few dozen doors, small enough for a
     * "not worked" cell to be a round of knocking, large enough for a 100 km² territory to stay under the cap.
     */
    static final int DEFAULT_RESOLUTION = 10;

    static final int DEFAULT_NOT_WORKED_DAYS = 14;

    private final Territories territories;
    private final TerritoryCoverage coverage;
    private final JsonMapper json;
    private final Clock clock;

    TerritoryController(Territories territories, TerritoryCoverage coverage, JsonMapper json, Clock clock) {
        this.territories = territories;
        this.coverage = coverage;
        this.json = json;
        this.clock = clock;
    }

    /** Creates (201) or replaces (200) a territory; answers the Feature as stored, with its id. */
    @PutMapping("/{id}")
    Mono<ResponseEntity<JsonNode>> put(
            @AuthenticationPrincipal CurrentUser user, @PathVariable String id, @RequestBody JsonNode feature) {
        if (!TerritoryId.isValid(id)) {
            return Mono.error(new InvalidInputException("id", "must be 1 to 64 of A-Z a-z 0-9 _ -"));
        }
        TerritoryId territory = new TerritoryId(id);
        return territories.put(user, territory, feature).flatMap(created -> territories
                .find(user, territory)
                .map(stored -> ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(stored)));
    }

    /** What an import answers: the ids created and the ids replaced. */
    record ImportView(List<String> created, List<String> replaced) {}

    /**
     * Imports a GeoJSON FeatureCollection, all or none: each Feature's {@code id} names its territory; a Feature whose
     * properties name no team takes {@code teamId}. A 400 problem names every bad feature.
     */
    @PostMapping
    Mono<ImportView> importAll(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String teamId,
            @RequestBody JsonNode collection) {
        TeamId defaultTeam = teamId == null || teamId.isBlank() ? null : team(teamId);
        return territories
                .importAll(user, collection, defaultTeam)
                .map(imported -> new ImportView(
                        imported.created().stream().map(TerritoryId::value).toList(),
                        imported.replaced().stream().map(TerritoryId::value).toList()));
    }

    /** A FeatureCollection of the territories the user may see, of one team when {@code teamId} is given. */
    @GetMapping
    Mono<JsonNode> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String teamId) {
        TeamId filter = teamId == null || teamId.isBlank() ? null : team(teamId);
        return territories.visibleTo(user, filter).collectList().map(features -> {
            ObjectNode collection = json.createObjectNode();
            collection.put("type", "FeatureCollection");
            collection.putArray("features").addAll(features);
            return collection;
        });
    }

    @GetMapping("/{id}")
    Mono<JsonNode> get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return territories.find(user, territory(id));
    }

    /**
     * How well the territory was worked in {@code [from, to)}, by H3 cell: each cell's knocks and last knock, the
     * share of cells knocked, and the cells without a knock in the {@code notWorkedDays} before {@code to}.
     */
    @GetMapping("/{id}/coverage")
    Mono<JsonNode> coverage(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String resolution,
            @RequestParam(required = false) String notWorkedDays) {
        TerritoryId territory = territory(id);
        QueryParameters parameters = new QueryParameters();
        TimeWindow window = parameters.window(from, to, COVERAGE_SPAN, clock.instant());
        int level = parameters.integer(
                "resolution", resolution, DEFAULT_RESOLUTION, Coverage.MIN_RESOLUTION, Coverage.MAX_RESOLUTION);
        int days = parameters.integer(
                "notWorkedDays", notWorkedDays, DEFAULT_NOT_WORKED_DAYS, 1, CoveragePeriod.MAX_NOT_WORKED_DAYS);
        parameters.check();
        CoveragePeriod period = new CoveragePeriod(window.from(), window.to(), days);
        return coverage.of(user, territory, level, period).map(this::view);
    }

    private JsonNode view(CoverageReport report) {
        ObjectNode view = json.createObjectNode();
        view.put("territoryId", report.territoryId().value());
        view.put("teamId", report.teamId().toString());
        view.put("from", report.period().from().toEpochMilli());
        view.put("to", report.period().to().toEpochMilli());
        view.put("resolution", report.resolution());
        view.put("notWorkedDays", report.period().notWorkedDays());
        view.put("notWorkedSince", report.period().notWorkedSince().toEpochMilli());
        view.put("cellCount", report.cells().size());
        view.put("workedCells", report.workedCells());
        view.put("coverage", report.coverage());
        view.put("knocks", report.knocks());
        ArrayNode cells = view.putArray("cells");
        ArrayNode notWorked = view.putArray("notWorked");
        for (CoverageReport.Cell cell : report.cells()) {
            ObjectNode item = cells.addObject();
            item.put("cell", cell.address());
            item.put("knocks", cell.knocks());
            if (cell.lastKnockAt() != null) {
                item.put("lastKnockAt", cell.lastKnockAt().toEpochMilli());
            }
            item.put("notWorked", cell.notWorked());
            ArrayNode outline = item.putArray("boundary");
            for (LatLon vertex : cell.outline()) {
                outline.addArray().add(vertex.lat()).add(vertex.lon());
            }
            if (cell.notWorked()) {
                notWorked.add(cell.address());
            }
        }
        return view;
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return territories.delete(user, territory(id));
    }

    private static TerritoryId territory(String id) {
        if (!TerritoryId.isValid(id)) {
            throw new NotFoundException("No territory " + id);
        }
        return new TerritoryId(id);
    }

    private static TeamId team(String id) {
        try {
            return new TeamId(UUID.fromString(id));
        } catch (IllegalArgumentException ignored) {
            throw new NotFoundException("No team " + id);
        }
    }
}
