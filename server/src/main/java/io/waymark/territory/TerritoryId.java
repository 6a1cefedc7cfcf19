package io.waymark.territory;

import java.util.Objects;
import java.util.regex.Pattern;

/** Identifies a territory: chosen by the client, 1 to 64 of {@code A-Z a-z 0-9 _ -}. */
public record TerritoryId(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public TerritoryId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a territory id is 1 to 64 of A-Z a-z 0-9 _ -");
        }
    }

    /** Whether a text is a well-formed territory id. */
    public static boolean isValid(String value) {
        return value != null && FORM.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
