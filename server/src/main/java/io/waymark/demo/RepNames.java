package io.waymark.demo;

import java.util.List;

/** Names of the simulated reps, and of the streets they walk. */
final class RepNames {

    static final List<String> REPS = List.of(
            "Ava Thompson",
            "Liam Carter",
            "Maya Patel",
            "Noah Rivera",
            "Zoe Kim",
            "Ethan Brooks",
            "Isla Nguyen",
            "Lucas Bennett",
            "Sofia Alvarez",
            "Owen Murphy",
            "Chloe Wright",
            "Mason Reed",
            "Grace Foster",
            "Elijah Price",
            "Hannah Cole",
            "Caleb Hughes",
            "Lily Sanders",
            "Jack Morales",
            "Nora Jenkins",
            "Henry Ward",
            "Ruby Diaz",
            "Leo Fisher",
            "Stella Ross",
            "Miles Grant");

    static final int COUNT = REPS.size();

    /** Streets running north-south, west to east. */
    static final List<String> NORTH_SOUTH = List.of(
            "Elm St",
            "Oak St",
            "Maple St",
            "Cedar St",
            "Pine St",
            "Birch St",
            "Walnut St",
            "Chestnut St",
            "Willow St",
            "Hickory St",
            "Spruce St",
            "Poplar St",
            "Ash St",
            "Linden St",
            "Magnolia St",
            "Sycamore St");

    /** Streets running east-west, south to north. */
    static final List<String> EAST_WEST = List.of(
            "Lincoln Ave",
            "Grant Ave",
            "Adams Ave",
            "Jefferson Ave",
            "Madison Ave",
            "Monroe Ave",
            "Jackson Ave",
            "Harrison Ave",
            "Tyler Ave",
            "Polk Ave",
            "Taylor Ave",
            "Fillmore Ave",
            "Pierce Ave",
            "Hayes Ave",
            "Garfield Ave",
            "Arthur Ave");

    private RepNames() {}

    static String northSouth(int column) {
        return column < NORTH_SOUTH.size()
                ? NORTH_SOUTH.get(column)
                : NORTH_SOUTH.get(column % NORTH_SOUTH.size()).replace(" St", " " + (column + 1) + " St");
    }

    static String eastWest(int row) {
        return row < EAST_WEST.size()
                ? EAST_WEST.get(row)
                : EAST_WEST.get(row % EAST_WEST.size()).replace(" Ave", " " + (row + 1) + " Ave");
    }
}
