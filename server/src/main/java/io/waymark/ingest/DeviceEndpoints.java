package io.waymark.ingest;

/** Where devices reach this server: for parts of the server that connect to it as a device (the demo). */
public interface DeviceEndpoints {

    /** The bound RSocket TCP port (the actual one when the configured port is 0); -1 while not listening. */
    int tcpPort();
}
