package io.waymark.territory;

import io.waymark.identity.RepId;
import java.util.Set;

/** Which of their team's territories each rep is in now, by their latest located fix. */
public interface RepTerritories {

    /** The territories the rep's latest fix is in; empty for a rep not located since the server started. */
    Set<TerritoryId> of(RepId rep);
}
