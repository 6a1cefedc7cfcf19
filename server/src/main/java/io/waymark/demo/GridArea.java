package io.waymark.demo;

/**
 * The part of a {@link StreetGrid} a team works: the streets between street columns {@code west..east} and street
 * rows {@code south..north}, edges included.
 */
record GridArea(int west, int east, int south, int north) {

    GridArea {
        if (west < 0 || south < 0 || east <= west || north <= south) {
            throw new IllegalArgumentException("an area spans at least one block each way");
        }
    }

    boolean containsNode(int column, int row) {
        return column >= west && column <= east && row >= south && row <= north;
    }

    /** Whether a point (metres on the grid) is inside the area, or within {@code margin} metres of it. */
    boolean contains(StreetGrid grid, double x, double y, double margin) {
        double block = grid.blockMeters();
        return x >= west * block - margin
                && x <= east * block + margin
                && y >= south * block - margin
                && y <= north * block + margin;
    }
}
