package io.waymark.territory.web;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.TeamId;
import io.waymark.problem.InvalidInputException;
import io.waymark.problem.NotFoundException;
import io.waymark.territory.TerritoryId;
import io.waymark.territory.internal.Territories;
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
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/territories}: GeoJSON territories of the user's teams. */
@RestController
@RequestMapping("/api/territories")
class TerritoryController {

    private final Territories territories;
    private final JsonMapper json;

    TerritoryController(Territories territories, JsonMapper json) {
        this.territories = territories;
        this.json = json;
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
