package io.waymark.device;

/** The server refused the device's SETUP (a missing, unknown or revoked token); the device does not retry. */
public final class DeviceRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeviceRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
