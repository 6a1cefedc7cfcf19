package io.waymark.territory.internal;

import java.util.function.BiConsumer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import tools.jackson.databind.JsonNode;

/**
 * Reads a GeoJSON Polygon or MultiPolygon geometry object (WGS84 {@code [longitude, latitude]} positions, x =
 * longitude, y = latitude) into a JTS geometry, naming each problem by the field it is in, e.g.
 * {@code geometry.coordinates[0][3]}. It checks the form (closed rings of at least 4 numeric positions in range, at
 * most {@link #MAX_POSITIONS} in all), not the topology: {@link FeatureValidator} does that before a territory is
 * stored.
 */
final class GeoJsonReader {

    static final int MAX_POSITIONS = 100_000;

    private static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

    private final BiConsumer<String, String> problems;
    private boolean failed;
    private int positions;

    private GeoJsonReader(BiConsumer<String, String> problems) {
        this.problems = problems;
    }

    /**
     * The Polygon or MultiPolygon of a geometry object; null when it has a problem, each one handed to
     * {@code problems} as (field, message).
     */
    static Geometry read(JsonNode geometry, BiConsumer<String, String> problems) {
        return new GeoJsonReader(problems).geometry(geometry);
    }

    /** The Polygon or MultiPolygon of a geometry object; {@link IllegalArgumentException} naming its first problem. */
    static Geometry polygonal(JsonNode geometry) {
        StringBuilder first = new StringBuilder();
        Geometry shape = read(geometry, (field, message) -> {
            if (first.isEmpty()) {
                first.append(field).append(' ').append(message);
            }
        });
        if (shape == null) {
            throw new IllegalArgumentException(first.isEmpty() ? "geometry is not a polygon" : first.toString());
        }
        return shape;
    }

    private Geometry geometry(JsonNode geometry) {
        if (geometry == null || !geometry.isObject()) {
            problem("geometry", "must be a Polygon or MultiPolygon geometry object");
            return null;
        }
        JsonNode type = geometry.get("type");
        String kind = type != null && type.isString() ? type.asString() : null;
        JsonNode coordinates = geometry.get("coordinates");
        Geometry shape;
        if ("Polygon".equals(kind)) {
            shape = polygon(coordinates, "geometry.coordinates");
        } else if ("MultiPolygon".equals(kind)) {
            shape = multiPolygon(coordinates, "geometry.coordinates");
        } else {
            problem("geometry.type", "must be \"Polygon\" or \"MultiPolygon\"");
            return null;
        }
        return failed ? null : shape;
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
        failed = true;
        problems.accept(field, message);
    }
}
