package io.waymark.ingest.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import io.waymark.bus.EventBus;
import io.waymark.config.DatabaseProduct;
import io.waymark.identity.DeviceDirectory;
import io.waymark.ingest.IngestProperties;
import io.waymark.ingest.PingsStored;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Schedulers;

/** Puts the ingest pipeline's stages together, choosing the database's write path. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    PingStore pingStore(ConnectionFactory connections) {
        return DatabaseProduct.isPostgres(connections)
                ? new PostgresPingStore(connections)
                : new SqlPingStore(connections);
    }

    @Bean
    PingCommitter pingCommitter(PingStore store, EventBus bus, IngestProperties properties, MeterRegistry meters) {
        return new PingCommitter(
                store::store,
                stored -> bus.publish(new PingsStored(stored)),
                Schedulers.parallel(),
                properties.commitMaxRows(),
                properties.commitMaxWait(),
                properties.commitConcurrency(),
                properties.commitMaxQueuedRows(),
                meters);
    }

    @Bean
    DeviceSequences deviceSequences() {
        return new DeviceSequences();
    }

    @Bean
    ShiftLedger shiftLedger(ConnectionFactory connections) {
        return new ShiftLedger(connections);
    }

    @Bean
    TeamPolicies teamPolicies(DeviceDirectory directory) {
        return new TeamPolicies(directory);
    }

    @Bean
    PingIngest pingIngest(
            IngestProperties properties,
            DeviceSequences sequences,
            ShiftLedger shifts,
            TeamPolicies policies,
            PingCommitter committer,
            EventBus bus,
            Clock clock,
            MeterRegistry meters) {
        PingBatchReader reader = new PingBatchReader(
                properties.maxRequestSize().toBytes(), properties.maxClockSkew(), properties.retention());
        return new PingIngest(reader, sequences, shifts, policies, committer, clock, meters);
    }

    @Bean
    ActivityIngest activityIngest(
            IngestProperties properties,
            ConnectionFactory connections,
            ShiftLedger shifts,
            EventBus bus,
            Clock clock,
            MeterRegistry meters) {
        ActivityReader reader = new ActivityReader(properties.maxRequestSize().toBytes(), properties.maxClockSkew());
        return new ActivityIngest(reader, new ActivityStore(connections), shifts, bus, clock, meters);
    }

    @Bean
    DeviceHellos deviceHellos(
            PingStore store, DeviceSequences sequences, TeamPolicies policies, ShiftLedger shifts, Clock clock) {
        return new DeviceHellos(store, sequences, policies, shifts, clock);
    }

    @Bean
    IngestMaintenance ingestMaintenance(PingStore store, Clock clock, IngestProperties properties) {
        return new IngestMaintenance(store, clock, properties);
    }
}
