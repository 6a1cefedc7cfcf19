package io.waymark.territory;

import io.waymark.identity.RepId;
import io.waymark.identity.TeamId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.prep.PreparedPolygon;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Which territories a point is in: an immutable snapshot of every team's territories, safe to query from any thread
 * without locking out writers. Each team has its own {@link STRtree} over the envelopes of its polygons (each part of
 * a MultiPolygon on its own), each polygon a JTS {@link PreparedGeometry}; a point on a territory's boundary is in it
 * ({@code covers}). Coordinates are planar WGS84: longitude 179.9 and -179.9 are 359.8 degrees apart, so a territory
 * across the antimeridian is a MultiPolygon split at it, as GeoJSON asks.
 *
 * <p>{@link #with} and {@link #without} return a new index and leave this one as it is; they rebuild the tree of the
 * one team that changed and reuse every other prepared polygon.
 */
public final class TerritoryIndex {

    private static final TerritoryIndex EMPTY = new TerritoryIndex(Map.of(), Map.of());
    private static final GeometryFactory POINTS = new GeometryFactory();
    private static final Comparator<TerritoryShape> BY_ID =
            Comparator.comparing(shape -> shape.id().value());

    private final Map<TerritoryId, PreparedTerritory> territories;
    private final Map<TeamId, TeamTerritories> teams;

    private TerritoryIndex(Map<TerritoryId, PreparedTerritory> territories, Map<TeamId, TeamTerritories> teams) {
        this.territories = territories;
        this.teams = teams;
    }

    /** An index of no territory. */
    public static TerritoryIndex empty() {
        return EMPTY;
    }

    /** An index of these territories; {@link IllegalArgumentException} when two have the same id. */
    public static TerritoryIndex of(Collection<TerritoryShape> shapes) {
        Map<TerritoryId, PreparedTerritory> territories = new HashMap<>();
        Map<TeamId, List<PreparedTerritory>> byTeam = new HashMap<>();
        for (TerritoryShape shape : shapes) {
            PreparedTerritory prepared = new PreparedTerritory(shape);
            if (territories.put(shape.id(), prepared) != null) {
                throw new IllegalArgumentException("territory " + shape.id() + " is given twice");
            }
            byTeam.computeIfAbsent(shape.teamId(), team -> new ArrayList<>()).add(prepared);
        }
        Map<TeamId, TeamTerritories> teams = new HashMap<>();
        byTeam.forEach((team, members) -> teams.put(team, new TeamTerritories(members)));
        return territories.isEmpty() ? EMPTY : new TerritoryIndex(Map.copyOf(territories), Map.copyOf(teams));
    }

    /**
     * The territories of a team that contain a point (or have it on their boundary), ordered by id; an immutable
     * list, empty when there is none. {@link IllegalArgumentException} when the point is not a WGS84 position.
     */
    public List<TerritoryShape> locate(TeamId team, double lat, double lon) {
        return locate(team, lat, lon, shape -> true);
    }

    /**
     * The territories a rep of a team works (see {@link TerritoryShape#isAssignedTo}) that contain a point, ordered
     * by id.
     */
    public List<TerritoryShape> locate(TeamId team, RepId rep, double lat, double lon) {
        Objects.requireNonNull(rep, "rep");
        return locate(team, lat, lon, shape -> shape.isAssignedTo(rep));
    }

    /**
     * Whether a point is inside (or on the boundary of) any territory a rep of a team works; false when the rep has
     * no territory at all (see {@link #assignedTo}).
     */
    public boolean isInsideAssigned(TeamId team, RepId rep, double lat, double lon) {
        Objects.requireNonNull(rep, "rep");
        checkPosition(lat, lon);
        TeamTerritories members = teams.get(Objects.requireNonNull(team, "team"));
        if (members == null) {
            return false;
        }
        Point point = POINTS.createPoint(new Coordinate(lon, lat));
        for (Object candidate : members.tree.query(new Envelope(lon, lon, lat, lat))) {
            Part part = (Part) candidate;
            if (part.owner.shape.isAssignedTo(rep) && part.polygon.covers(point)) {
                return true;
            }
        }
        return false;
    }

    /** The territories a rep of a team works: those naming the rep, and those for the whole team; ordered by id. */
    public List<TerritoryShape> assignedTo(TeamId team, RepId rep) {
        Objects.requireNonNull(rep, "rep");
        TeamTerritories members = teams.get(Objects.requireNonNull(team, "team"));
        return members == null
                ? List.of()
                : members.shapes.stream()
                        .filter(shape -> shape.isAssignedTo(rep))
                        .toList();
    }

    /** Every territory of a team, ordered by id. */
    public List<TerritoryShape> territoriesOf(TeamId team) {
        TeamTerritories members = teams.get(Objects.requireNonNull(team, "team"));
        return members == null ? List.of() : members.shapes;
    }

    /** A territory by id. */
    public Optional<TerritoryShape> find(TerritoryId id) {
        PreparedTerritory prepared = territories.get(Objects.requireNonNull(id, "id"));
        return prepared == null ? Optional.empty() : Optional.of(prepared.shape);
    }

    /** How many territories there are, of every team. */
    public int size() {
        return territories.size();
    }

    /** This index with a territory added, or put in place of the one with its id (which may have been another team's). */
    public TerritoryIndex with(TerritoryShape shape) {
        PreparedTerritory prepared = new PreparedTerritory(shape);
        Map<TerritoryId, PreparedTerritory> nextTerritories = new HashMap<>(territories);
        PreparedTerritory previous = nextTerritories.put(shape.id(), prepared);
        Map<TeamId, TeamTerritories> nextTeams = new HashMap<>(teams);
        if (previous != null && !previous.shape.teamId().equals(shape.teamId())) {
            leave(nextTeams, previous);
        }
        TeamTerritories members = teams.get(shape.teamId());
        List<PreparedTerritory> next = new ArrayList<>();
        if (members != null) {
            members.territories.stream()
                    .filter(member -> !member.shape.id().equals(shape.id()))
                    .forEach(next::add);
        }
        next.add(prepared);
        nextTeams.put(shape.teamId(), new TeamTerritories(next));
        return new TerritoryIndex(Map.copyOf(nextTerritories), Map.copyOf(nextTeams));
    }

    /** This index without a territory; this very index when it has no such territory. */
    public TerritoryIndex without(TerritoryId id) {
        PreparedTerritory previous = territories.get(Objects.requireNonNull(id, "id"));
        if (previous == null) {
            return this;
        }
        if (territories.size() == 1) {
            return EMPTY;
        }
        Map<TerritoryId, PreparedTerritory> nextTerritories = new HashMap<>(territories);
        nextTerritories.remove(id);
        Map<TeamId, TeamTerritories> nextTeams = new HashMap<>(teams);
        leave(nextTeams, previous);
        return new TerritoryIndex(Map.copyOf(nextTerritories), Map.copyOf(nextTeams));
    }

    private static void leave(Map<TeamId, TeamTerritories> teams, PreparedTerritory leaving) {
        TeamId team = leaving.shape.teamId();
        List<PreparedTerritory> rest = teams.get(team).territories.stream()
                .filter(member -> !member.shape.id().equals(leaving.shape.id()))
                .toList();
        if (rest.isEmpty()) {
            teams.remove(team);
        } else {
            teams.put(team, new TeamTerritories(rest));
        }
    }

    private List<TerritoryShape> locate(TeamId team, double lat, double lon, Predicate<TerritoryShape> wanted) {
        checkPosition(lat, lon);
        TeamTerritories members = teams.get(Objects.requireNonNull(team, "team"));
        if (members == null) {
            return List.of();
        }
        Point point = POINTS.createPoint(new Coordinate(lon, lat));
        List<TerritoryShape> found = null;
        for (Object candidate : members.tree.query(new Envelope(lon, lon, lat, lat))) {
            Part part = (Part) candidate;
            TerritoryShape shape = part.owner.shape;
            if (wanted.test(shape) && !holds(found, shape) && part.polygon.covers(point)) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(shape);
            }
        }
        if (found == null) {
            return List.of();
        }
        if (found.size() > 1) {
            found.sort(BY_ID);
        }
        return List.copyOf(found);
    }

    /** Whether a territory is found already (through another of its polygons, on a point where two touch). */
    private static boolean holds(List<TerritoryShape> found, TerritoryShape shape) {
        if (found != null) {
            for (TerritoryShape each : found) {
                if (each == shape) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void checkPosition(double lat, double lon) {
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new IllegalArgumentException("not a WGS84 position: lat " + lat + ", lon " + lon);
        }
    }

    /** Equal when they hold equal territories. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TerritoryIndex index
                && territories.size() == index.territories.size()
                && territories.entrySet().stream()
                        .allMatch(entry -> index.territories.containsKey(entry.getKey())
                                && entry.getValue().shape.equals(index.territories.get(entry.getKey()).shape));
    }

    @Override
    public int hashCode() {
        return territories.values().stream()
                .mapToInt(prepared -> prepared.shape.hashCode())
                .sum();
    }

    @Override
    public String toString() {
        return "TerritoryIndex[" + territories.size() + " territories of " + teams.size() + " teams]";
    }

    /** A territory with each of its polygons prepared, shared by every index that holds it. */
    private static final class PreparedTerritory {

        final TerritoryShape shape;
        final List<Part> parts;

        PreparedTerritory(TerritoryShape shape) {
            this.shape = Objects.requireNonNull(shape, "shape");
            Geometry geometry = shape.geometry();
            List<Part> prepared = new ArrayList<>(geometry.getNumGeometries());
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                Geometry polygon = geometry.getGeometryN(i);
                if (polygon.isEmpty()) {
                    continue;
                }
                PreparedGeometry part = PreparedGeometryFactory.prepare(polygon);
                if (part instanceof PreparedPolygon preparedPolygon) {
                    // Builds the point-in-area index now, on the writer's thread, not on the first ping's.
                    preparedPolygon.getPointLocator().locate(polygon.getCoordinate());
                }
                prepared.add(new Part(this, part));
            }
            this.parts = List.copyOf(prepared);
        }
    }

    /** One polygon of a territory, as an item of a team's tree. */
    private record Part(PreparedTerritory owner, PreparedGeometry polygon) {}

    /** A team's territories in id order, and the tree over their polygons. */
    private static final class TeamTerritories {

        final List<PreparedTerritory> territories;
        final List<TerritoryShape> shapes;
        final STRtree tree;

        TeamTerritories(List<PreparedTerritory> members) {
            List<PreparedTerritory> sorted = new ArrayList<>(members);
            sorted.sort(Comparator.comparing(member -> member.shape.id().value()));
            this.territories = List.copyOf(sorted);
            this.shapes = territories.stream().map(member -> member.shape).toList();
            STRtree index = new STRtree();
            for (PreparedTerritory member : territories) {
                for (Part part : member.parts) {
                    index.insert(part.polygon.getGeometry().getEnvelopeInternal(), part);
                }
            }
            // Built now so that queries only read it (STRtree builds itself on first query otherwise).
            index.build();
            this.tree = index;
        }
    }
}
