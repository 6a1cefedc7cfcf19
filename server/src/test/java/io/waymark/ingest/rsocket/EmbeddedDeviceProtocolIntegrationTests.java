package io.waymark.ingest.rsocket;

import io.waymark.support.RawDevice;
import io.waymark.support.WaymarkApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

/** The device protocol on the embedded default (H2, the plain write path instead of COPY), over TCP. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.r2dbc.url=r2dbc:h2:file:///./target/h2-identity-test/waymark;MODE=PostgreSQL;"
                    + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "spring.r2dbc.username=sa",
            "spring.r2dbc.password=",
            "server.port=0",
            "spring.rsocket.server.port=0",
            "waymark.admin.password=" + WaymarkApi.TEST_ADMIN_PASSWORD
        })
class EmbeddedDeviceProtocolIntegrationTests implements DeviceProtocolContract {

    @LocalServerPort
    int httpPort;

    @Autowired
    DeviceTransports transports;

    @Autowired
    DatabaseClient database;

    @Override
    public RawDevice.Transport transport() {
        return RawDevice.tcp(transports.tcpPort());
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
