package io.waymark.demo;

import io.waymark.identity.IssuedDevice;
import io.waymark.identity.ProvisionedRep;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.territory.TerritoryId;
import java.util.List;
import java.util.Objects;

/** What the demo seeded: its teams, reps with a fresh device each, and the console accounts to sign in with. */
record DemoCompany(List<Team> teams, List<Rep> reps, List<Account> accounts) {

    DemoCompany {
        teams = List.copyOf(teams);
        reps = List.copyOf(reps);
        accounts = List.copyOf(accounts);
    }

    /** A demo team, the part of the grid it works and its territory. */
    record Team(TeamId id, String name, Tracking tracking, GridArea area, TerritoryId territory) {
        Team {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(tracking, "tracking");
            Objects.requireNonNull(area, "area");
            Objects.requireNonNull(territory, "territory");
        }
    }

    /** A demo rep, its device (token in memory only) and the area it walks. */
    record Rep(ProvisionedRep rep, IssuedDevice device, GridArea area) {
        Rep {
            Objects.requireNonNull(rep, "rep");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(area, "area");
            if (!device.repId().equals(rep.id())) {
                throw new IllegalArgumentException("the device must be the rep's");
            }
        }
    }

    /** A console account of the demo; its password is printed at start. */
    record Account(String username, String password, Role role) {
        Account {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public String toString() {
            return "Account[username=" + username + ", role=" + role + "]";
        }
    }
}
