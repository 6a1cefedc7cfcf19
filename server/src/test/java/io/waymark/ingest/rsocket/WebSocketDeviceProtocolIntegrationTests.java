package io.waymark.ingest.rsocket;

import io.waymark.support.IntegrationTest;
import io.waymark.support.RawDevice;
import io.waymark.support.WaymarkApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

@IntegrationTest
class WebSocketDeviceProtocolIntegrationTests implements DeviceProtocolContract {

    @LocalServerPort
    int httpPort;

    @Autowired
    DeviceTransports transports;

    @Autowired
    DatabaseClient database;

    @Override
    public RawDevice.Transport transport() {
        return RawDevice.websocket(httpPort);
    }

    @Override
    public WaymarkApi api() {
        return new WaymarkApi(httpPort);
    }

    @Override
    public DatabaseClient database() {
        return database;
    }
}
