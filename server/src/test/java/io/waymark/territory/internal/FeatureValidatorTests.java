package io.waymark.territory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.problem.FieldProblem;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FeatureValidatorTests {

    private static final String TEAM = UUID.randomUUID().toString();
    private final JsonMapper json = JsonMapper.builder().build();

    private List<FieldProblem> problems(String geometry) {
        return FeatureValidator.problemsOf(json.readTree("{\"type\":\"Feature\",\"geometry\":" + geometry
                + ",\"properties\":{\"name\":\"T\",\"teamId\":\"" + TEAM + "\"}}"));
    }

    @Test
    void acceptsAClosedPolygon() {
        assertThat(problems("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}"))
                .isEmpty();
    }

    @Test
    void acceptsAMultiPolygonWithAHole() {
        assertThat(problems("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[4,0],[4,4],[0,4],[0,0]],"
                        + "[[1,1],[2,1],[2,2],[1,1]]],[[[10,10],[11,10],[11,11],[10,10]]]]}"))
                .isEmpty();
    }

    @Test
    void refusesAnOpenRing() {
        assertThat(problems("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}"))
                .extracting(FieldProblem::field)
                .containsExactly("geometry.coordinates[0]");
    }

    @Test
    void refusesARingOfThreePositions() {
        assertThat(problems("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]}"))
                .extracting(FieldProblem::field)
                .containsExactly("geometry.coordinates[0]");
    }

    @Test
    void refusesCoordinatesOutOfRangeOrNotNumbers() {
        assertThat(problems("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[181,0],[1,1],[0,\"1\"],[0,0]]]}"))
                .extracting(FieldProblem::field)
                .containsExactly("geometry.coordinates[0][1][0]", "geometry.coordinates[0][3][1]");
        assertThat(problems("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,91],[1,1],[0,0]]]}"))
                .extracting(FieldProblem::field)
                .containsExactly("geometry.coordinates[0][1][1]");
    }

    @Test
    void refusesOtherGeometryTypes() {
        assertThat(problems("{\"type\":\"Point\",\"coordinates\":[0,0]}"))
                .extracting(FieldProblem::field)
                .containsExactly("geometry.type");
    }

    @Test
    void refusesASelfIntersectingPolygon() {
        List<FieldProblem> bowtie =
                problems("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}");
        assertThat(bowtie).extracting(FieldProblem::field).containsExactly("geometry");
        assertThat(bowtie.get(0).message()).containsIgnoringCase("self-intersection");
    }

    @Test
    void refusesMissingNameAndTeam() {
        List<FieldProblem> problems = FeatureValidator.problemsOf(json.readTree(
                "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]},"
                        + "\"properties\":{\"repIds\":[\"nope\"]}}"));
        assertThat(problems)
                .extracting(FieldProblem::field)
                .containsExactly("properties.name", "properties.teamId", "properties.repIds[0]");
    }

    @Test
    void refusesSomethingThatIsNotAFeature() {
        assertThat(FeatureValidator.problemsOf(json.readTree("[1,2]")))
                .extracting(FieldProblem::field)
                .containsExactly("body");
    }
}
