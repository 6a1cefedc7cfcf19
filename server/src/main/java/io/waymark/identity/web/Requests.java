package io.waymark.identity.web;

import io.waymark.identity.Role;
import io.waymark.identity.Tracking;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** What the set-up API accepts. */
final class Requests {

    private Requests() {}

    record LoginRequest(@NotBlank String username, @NotBlank String password) {}

    /** @param timeZone IANA id, UTC when absent; @param pingIntervalMs 10000 when absent */
    record CreateTeamRequest(
            @NotBlank @Size(max = 200) String name,
            Tracking tracking,
            String timeZone,
            Long pingIntervalMs,
            Long idleAfterMs,
            Long offlineAfterMs) {}

    /** Absent fields stay as they are. */
    record ChangeTeamRequest(
            @Size(min = 1, max = 200) String name,
            Tracking tracking,
            String timeZone,
            Long pingIntervalMs,
            Long idleAfterMs,
            Long offlineAfterMs) {}

    record CreateUserRequest(
            @NotBlank
                    @Size(max = 100)
                    @Pattern(regexp = "[A-Za-z0-9._@-]+", message = "may hold letters, digits and . _ @ - only")
                    String username,
            @NotNull @Size(min = 8, max = 200) String password,
            @NotNull Role role,
            List<@NotNull UUID> teamIds) {}

    record CreateRepRequest(
            @NotBlank @Size(max = 200) String name, @NotNull UUID teamId, @Email @Size(max = 320) String email) {}

    record CreateDeviceRequest(@Size(max = 200) String label) {}
}
