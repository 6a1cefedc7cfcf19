package io.waymark.territory.internal;

import com.uber.h3core.AreaUnit;
import com.uber.h3core.H3Core;
import com.uber.h3core.LengthUnit;
import com.uber.h3core.util.LatLng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.springframework.stereotype.Component;

/**
 * The H3 grid of hexagonal cells (one {@link H3Core}, which is thread-safe and loads its native library once): the
 * cells of an area, the cell of a point, a cell's outline. Positions are WGS84 degrees; geometries have x = longitude
 * and y = latitude.
 */
@Component
class CellGrid {

    private static final double KM_PER_DEGREE = 111.2;

    private final H3Core h3;

    CellGrid() {
        try {
            h3 = H3Core.newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("The H3 native library does not load", e);
        }
    }

    /**
     * About how many cells of a resolution the bounding box of an area holds, from its size in km² and the average
     * cell's: an upper bound of {@link #cellsOf}'s count for a compact area, cheap to know before computing them.
     */
    long cellsInEnvelope(Geometry area, int resolution) {
        Envelope box = area.getEnvelopeInternal();
        double middle = Math.toRadians((box.getMinY() + box.getMaxY()) / 2);
        double km2 = (box.getHeight() * KM_PER_DEGREE) * (box.getWidth() * KM_PER_DEGREE * Math.cos(middle));
        return (long) Math.ceil(km2 / h3.getHexagonAreaAvg(resolution, AreaUnit.km2));
    }

    /**
     * The cells whose centre lies inside a Polygon or MultiPolygon (not in a hole), in ascending order. A polygon too
     * small to hold any cell's centre gets the cell of a point inside it, so that every part counts.
     */
    long[] cellsOf(Geometry area, int resolution) {
        TreeSet<Long> cells = new TreeSet<>();
        for (int i = 0; i < area.getNumGeometries(); i++) {
            Polygon polygon = (Polygon) area.getGeometryN(i);
            List<List<LatLng>> holes = new ArrayList<>();
            for (int hole = 0; hole < polygon.getNumInteriorRing(); hole++) {
                holes.add(loop(polygon.getInteriorRingN(hole)));
            }
            List<Long> inside = h3.polygonToCells(loop(polygon.getExteriorRing()), holes, resolution);
            if (inside.isEmpty()) {
                Point point = polygon.getInteriorPoint();
                cells.add(cellOf(point.getY(), point.getX(), resolution));
            } else {
                cells.addAll(inside);
            }
        }
        return cells.stream().mapToLong(Long::longValue).toArray();
    }

    long cellOf(double lat, double lon, int resolution) {
        return h3.latLngToCell(lat, lon, resolution);
    }

    String address(long cell) {
        return h3.h3ToString(cell);
    }

    /** The outline of a cell: its vertices (6, or more where it crosses an icosahedron edge), not closed. */
    List<LatLon> outline(long cell) {
        List<LatLon> vertices = new ArrayList<>(7);
        for (LatLng vertex : h3.cellToBoundary(cell)) {
            vertices.add(new LatLon(vertex.lat, vertex.lng));
        }
        return vertices;
    }

    /** The average length in km of a cell's edge at a resolution, which is also about its centre-to-vertex distance. */
    double edgeKm(int resolution) {
        return h3.getHexagonEdgeLengthAvg(resolution, LengthUnit.km);
    }

    /** How far, in degrees of latitude, {@code km} kilometres reach. */
    static double degreesOfLatitude(double km) {
        return km / KM_PER_DEGREE;
    }

    private static List<LatLng> loop(LinearRing ring) {
        Coordinate[] coordinates = ring.getCoordinates();
        List<LatLng> loop = new ArrayList<>(coordinates.length);
        // A linear ring repeats its first position at the end; an H3 loop closes itself.
        for (int i = 0; i < coordinates.length - 1; i++) {
            loop.add(new LatLng(coordinates[i].y, coordinates[i].x));
        }
        return loop;
    }
}
