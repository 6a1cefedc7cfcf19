package io.waymark.load;

/**
 * A device made through the set-up API, with the token it authenticates with.
 *
 * @param token the device's bearer token, shown once by the server
 */
record ProvisionedDevice(String deviceId, String repId, String token) {

    String toLine() {
        return deviceId + "," + repId + "," + token;
    }

    static ProvisionedDevice fromLine(String line) {
        String[] parts = line.split(",", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not deviceId,repId,token: " + line);
        }
        return new ProvisionedDevice(parts[0].trim(), parts[1].trim(), parts[2].trim());
    }
}
