package io.waymark.territory.internal;

import io.waymark.problem.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import tools.jackson.databind.JsonNode;

/**
 * Checks that a GeoJSON Feature can be a territory: a Polygon or MultiPolygon of numeric WGS84 positions in range,
 * each ring closed with at least 4 positions, geometrically valid (no self-intersection), and
 * {@code properties.name}, {@code properties.teamId} and optional {@code properties.repIds}. Each problem names
 * the field it is in, e.g. {@code geometry.coordinates[0][3]}.
 */
final class FeatureValidator {

    static final int MAX_POSITIONS = 100_000;
    static final int MAX_NAME_LENGTH = 200;

    private static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

    private final List<FieldProblem> problems = new ArrayList<>();
    private int positions;

    private FeatureValidator() {}

    /** Every problem of a Feature; empty when it is a valid territory. */
    static List<FieldProblem> problemsOf(JsonNode feature) {
        FeatureValidator validator = new FeatureValidator();
        validator.checkFeature(feature);
        return validator.problems;
    }

    private void checkFeature(JsonNode feature) {
        if (feature == null || !feature.isObject()) {
            problem("body", "must be a GeoJSON Feature object");
            return;
        }
        JsonNode type = feature.get("type");
        if (type == null || !type.isString() || !"Feature".equals(type.asString())) {
            problem("type", "must be \"Feature\"");
        }
        checkProperties(feature.get("properties"));
        checkGeometry(feature.get("geometry"));
    }

    private void checkProperties(JsonNode properties) {
        if (properties == null || !properties.isObject()) {
            problem("properties", "must be an object with name and teamId");
            return;
        }
        JsonNode name = properties.get("name");
        if (name == null || !name.isString() || name.asString().isBlank()) {
            problem("properties.name", "must be a non-blank string");
        } else if (name.asString().strip().length() > MAX_NAME_LENGTH) {
            problem("properties.name", "must be at most " + MAX_NAME_LENGTH + " characters");
        }
        JsonNode teamId = properties.get("teamId");
        if (teamId == null || !teamId.isString() || !isUuid(teamId.asString())) {
            problem("properties.teamId", "must be a team id");
        }
        JsonNode repIds = properties.get("repIds");
        if (repIds != null && !repIds.isNull()) {
            if (!repIds.isArray()) {
                problem("properties.repIds", "must be an array of rep ids");
            } else {
                for (int i = 0; i < repIds.size(); i++) {
                    JsonNode repId = repIds.get(i);
                    if (!repId.isString() || !isUuid(repId.asString())) {
                        problem("properties.repIds[" + i + "]", "must be a rep id");
                    }
                }
            }
        }
    }

    private void checkGeometry(JsonNode geometry) {
        if (geometry == null || !geometry.isObject()) {
            problem("geometry", "must be a Polygon or MultiPolygon geometry object");
            return;
        }
        JsonNode type = geometry.get("type");
        String kind = type != null && type.isString() ? type.asString() : null;
        JsonNode coordinates = geometry.get("coordinates");
        int before = problems.size();
        Geometry shape;
        if ("Polygon".equals(kind)) {
            shape = polygon(coordinates, "geometry.coordinates");
        } else if ("MultiPolygon".equals(kind)) {
            shape = multiPolygon(coordinates, "geometry.coordinates");
        } else {
            problem("geometry.type", "must be \"Polygon\" or \"MultiPolygon\"");
            return;
        }
        if (problems.size() == before && shape != null) {
            TopologyValidationError error = new IsValidOp(shape).getValidationError();
            if (error != null) {
                Coordinate at = error.getCoordinate();
                String where = at == null ? "" : " at or near [" + at.x + ", " + at.y + "]";
                problem("geometry", "is not a valid shape: " + error.getMessage() + where);
            }
        }
    }

    private Geometry multiPolygon(JsonNode polygons, String path) {
        if (polygons == null || !polygons.isArray() || polygons.isEmpty()) {
            problem(path, "must be a non-empty array of polygons");
            return null;
        }
        Polygon[] parts = new Polygon[polygons.size()];
        for (int i = 0; i < polygons.size(); i++) {
            parts[i] = polygon(polygons.get(i), path + "[" + i + "]");
        }
        for (Polygon part : parts) {
            if (part == null) {
                return null;
            }
        }
        return GEOMETRY.createMultiPolygon(parts);
    }

    private Polygon polygon(JsonNode rings, String path) {
        if (rings == null || !rings.isArray() || rings.isEmpty()) {
            problem(path, "must be a non-empty array of linear rings");
            return null;
        }
        LinearRing[] linear = new LinearRing[rings.size()];
        boolean complete = true;
        for (int i = 0; i < rings.size(); i++) {
            linear[i] = ring(rings.get(i), path + "[" + i + "]");
            complete &= linear[i] != null;
        }
        if (!complete) {
            return null;
        }
        LinearRing[] holes = new LinearRing[linear.length - 1];
        System.arraycopy(linear, 1, holes, 0, holes.length);
        return GEOMETRY.createPolygon(linear[0], holes);
    }

    private LinearRing ring(JsonNode ring, String path) {
        if (ring == null || !ring.isArray() || ring.size() < 4) {
            problem(path, "must be a linear ring: an array of at least 4 positions");
            return null;
        }
        positions += ring.size();
        if (positions > MAX_POSITIONS) {
            problem(path, "makes the geometry larger than " + MAX_POSITIONS + " positions");
            return null;
        }
        Coordinate[] coordinates = new Coordinate[ring.size()];
        boolean complete = true;
        for (int i = 0; i < ring.size(); i++) {
            coordinates[i] = position(ring.get(i), path + "[" + i + "]");
            complete &= coordinates[i] != null;
        }
        if (!complete) {
            return null;
        }
        if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
            problem(path, "must be closed: its last position must equal its first");
            return null;
        }
        return GEOMETRY.createLinearRing(coordinates);
    }

    private Coordinate position(JsonNode position, String path) {
        if (position == null || !position.isArray() || position.size() < 2 || position.size() > 3) {
            problem(path, "must be a position [longitude, latitude] or [longitude, latitude, altitude]");
            return null;
        }
        for (int i = 0; i < position.size(); i++) {
            JsonNode number = position.get(i);
            if (!number.isNumber() || !Double.isFinite(number.doubleValue())) {
                problem(path + "[" + i + "]", "must be a number");
                return null;
            }
        }
        double longitude = position.get(0).doubleValue();
        double latitude = position.get(1).doubleValue();
        if (longitude < -180 || longitude > 180) {
            problem(path + "[0]", "longitude must be within -180..180");
            return null;
        }
        if (latitude < -90 || latitude > 90) {
            problem(path + "[1]", "latitude must be within -90..90");
            return null;
        }
        return new Coordinate(longitude, latitude);
    }

    private void problem(String field, String message) {
        if (problems.size() < 20) {
            problems.add(new FieldProblem(field, message));
        }
    }

    private static boolean isUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException ignored) {
            return false;
        }
    }
}
