package io.waymark.demo;

/**
 * A rectangular street grid: streets run north-south at every {@code blockMeters} west to east, and east-west at
 * every {@code blockMeters} south to north. Positions on it are metres east ({@code x}) and north ({@code y}) of
 * its south-west corner, the intersection of street column 0 and street row 0.
 *
 * @param columns blocks west to east (there are {@code columns + 1} north-south streets)
 * @param rows blocks south to north (there are {@code rows + 1} east-west streets)
 */
record StreetGrid(double southWestLat, double southWestLon, double blockMeters, int columns, int rows) {

    /** Metres per degree of latitude (and of longitude at the equator) on a spherical Earth. */
    static final double METERS_PER_DEGREE = 111_320;

    StreetGrid {
        if (!(southWestLat >= -80 && southWestLat <= 80) || !(southWestLon >= -180 && southWestLon <= 180)) {
            throw new IllegalArgumentException("the grid's corner is out of range");
        }
        if (!(blockMeters > 0) || columns < 1 || rows < 1) {
            throw new IllegalArgumentException("a grid has at least one block of a positive size");
        }
    }

    /** A grid whose middle is at a place. */
    static StreetGrid centredOn(double lat, double lon, double blockMeters, int columns, int rows) {
        double halfHeight = blockMeters * rows / 2;
        double halfWidth = blockMeters * columns / 2;
        double southWestLat = lat - halfHeight / METERS_PER_DEGREE;
        double southWestLon = lon - halfWidth / metersPerDegreeLon(lat);
        return new StreetGrid(southWestLat, southWestLon, blockMeters, columns, rows);
    }

    double width() {
        return blockMeters * columns;
    }

    double height() {
        return blockMeters * rows;
    }

    double lat(double y) {
        return southWestLat + y / METERS_PER_DEGREE;
    }

    double lon(double x) {
        return southWestLon + x / metersPerDegreeLon(southWestLat);
    }

    /** Metres north of the south-west corner. */
    double y(double lat) {
        return (lat - southWestLat) * METERS_PER_DEGREE;
    }

    /** Metres east of the south-west corner. */
    double x(double lon) {
        return (lon - southWestLon) * metersPerDegreeLon(southWestLat);
    }

    /** Whether a point lies on a street (within {@code tolerance} metres of one, and inside the grid). */
    boolean onStreet(double x, double y, double tolerance) {
        if (x < -tolerance || y < -tolerance || x > width() + tolerance || y > height() + tolerance) {
            return false;
        }
        return offStreetLine(x) <= tolerance || offStreetLine(y) <= tolerance;
    }

    private double offStreetLine(double metres) {
        double nearest = Math.round(metres / blockMeters) * blockMeters;
        return Math.abs(metres - nearest);
    }

    /** A house address at a point of a street: the number grows 100 a block away from the grid's corner. */
    String address(double x, double y, boolean eastOrNorthSide) {
        boolean northSouthStreet = offStreetLine(x) <= offStreetLine(y);
        double along = northSouthStreet ? y : x;
        int block = (int) Math.floor(along / blockMeters);
        int withinBlock = (int) Math.floor((along - block * blockMeters) / blockMeters * 48);
        int number = 100 + block * 100 + withinBlock * 2 + (eastOrNorthSide ? 1 : 0);
        String street = northSouthStreet
                ? RepNames.northSouth((int) Math.round(x / blockMeters))
                : RepNames.eastWest((int) Math.round(y / blockMeters));
        return number + " " + street;
    }

    private static double metersPerDegreeLon(double lat) {
        return METERS_PER_DEGREE * Math.cos(Math.toRadians(lat));
    }
}
