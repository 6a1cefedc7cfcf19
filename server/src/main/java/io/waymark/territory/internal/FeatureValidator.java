package io.waymark.territory.internal;

import io.waymark.problem.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import tools.jackson.databind.JsonNode;

/**
 * Checks that a GeoJSON Feature can be a territory: a Polygon or MultiPolygon of numeric WGS84 positions in range,
 * each ring closed with at least 4 positions (read by {@link GeoJsonReader}), geometrically valid (no
 * self-intersection), and {@code properties.name}, {@code properties.teamId} and optional
 * {@code properties.repIds}. Each problem names the field it is in, e.g. {@code geometry.coordinates[0][3]}.
 */
final class FeatureValidator {

    static final int MAX_NAME_LENGTH = 200;

    private final List<FieldProblem> problems = new ArrayList<>();

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
        Geometry shape = GeoJsonReader.read(geometry, this::problem);
        if (shape != null) {
            TopologyValidationError error = new IsValidOp(shape).getValidationError();
            if (error != null) {
                Coordinate at = error.getCoordinate();
                String where = at == null ? "" : " at or near [" + at.x + ", " + at.y + "]";
                problem("geometry", "is not a valid shape: " + error.getMessage() + where);
            }
        }
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
