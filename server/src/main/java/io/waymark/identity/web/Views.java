package io.waymark.identity.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.identity.internal.Device;
import io.waymark.identity.internal.IssuedToken;
import io.waymark.identity.internal.RegisteredDevice;
import io.waymark.identity.internal.Rep;
import io.waymark.identity.internal.Team;
import java.time.Instant;
import java.util.List;

/** What the set-up API answers: ids as strings, times as epoch milliseconds. */
final class Views {

    private Views() {}

    record UserView(String id, String username, Role role, List<String> teamIds) {

        static UserView of(CurrentUser user) {
            List<String> teams =
                    user.teamIds().stream().map(TeamId::toString).sorted().toList();
            return new UserView(user.id().toString(), user.username(), user.role(), teams);
        }
    }

    /** @param expiresAt epoch milliseconds */
    record LoginView(String token, long expiresAt, UserView user) {

        static LoginView of(IssuedToken issued) {
            return new LoginView(issued.token(), issued.expiresAt().toEpochMilli(), UserView.of(issued.user()));
        }
    }

    /** A team; {@code idleAfterMs} and {@code offlineAfterMs} are null while the team uses the server's defaults. */
    record TeamView(
            String id,
            String name,
            Tracking tracking,
            String timeZone,
            long pingIntervalMs,
            Long idleAfterMs,
            Long offlineAfterMs,
            long createdAt) {

        static TeamView of(Team team) {
            return new TeamView(
                    team.id().toString(),
                    team.name(),
                    team.tracking(),
                    team.timeZone().getId(),
                    team.pingInterval().toMillis(),
                    team.idleAfter() == null ? null : team.idleAfter().toMillis(),
                    team.offlineAfter() == null ? null : team.offlineAfter().toMillis(),
                    team.createdAt().toEpochMilli());
        }
    }

    record RepView(
            String id,
            String name,
            String teamId,
            @JsonInclude(JsonInclude.Include.ALWAYS) String email,
            long createdAt) {

        static RepView of(Rep rep) {
            return new RepView(
                    rep.id().toString(),
                    rep.name(),
                    rep.teamId().toString(),
                    rep.email(),
                    rep.createdAt().toEpochMilli());
        }
    }

    /** A device just registered: the only answer that ever holds its token. */
    record NewDeviceView(
            String deviceId,
            String token,
            @JsonInclude(JsonInclude.Include.ALWAYS) String label,
            String repId,
            long createdAt) {

        static NewDeviceView of(RegisteredDevice registered) {
            Device device = registered.device();
            return new NewDeviceView(
                    device.id().toString(),
                    registered.token(),
                    device.label(),
                    device.repId().toString(),
                    device.createdAt().toEpochMilli());
        }
    }

    record DeviceView(
            String deviceId,
            String repId,
            @JsonInclude(JsonInclude.Include.ALWAYS) String label,
            long createdAt,
            Long revokedAt,
            boolean revoked) {

        static DeviceView of(Device device) {
            Instant revokedAt = device.revokedAt();
            return new DeviceView(
                    device.id().toString(),
                    device.repId().toString(),
                    device.label(),
                    device.createdAt().toEpochMilli(),
                    revokedAt == null ? null : revokedAt.toEpochMilli(),
                    revokedAt != null);
        }
    }
}
