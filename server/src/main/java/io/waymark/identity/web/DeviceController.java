package io.waymark.identity.web;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.DeviceId;
import io.waymark.identity.internal.Devices;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code DELETE /api/devices/{deviceId}}: revokes a device. */
@RestController
@RequestMapping("/api/devices")
class DeviceController {

    private final Devices devices;

    DeviceController(Devices devices) {
        this.devices = devices;
    }

    @DeleteMapping("/{deviceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revoke(@AuthenticationPrincipal CurrentUser user, @PathVariable String deviceId) {
        return devices.revoke(user, new DeviceId(PathIds.uuid(deviceId, "device")));
    }
}
