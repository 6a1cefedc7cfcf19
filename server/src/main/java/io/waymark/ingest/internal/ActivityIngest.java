package io.waymark.ingest.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.waymark.bus.EventBus;
import io.waymark.identity.DeviceIdentity;
import io.waymark.ingest.ActivitiesStored;
import io.waymark.ingest.SosReceived;
import io.waymark.ingest.StoredActivity;
import io.waymark.protocol.Activity;
import io.waymark.protocol.ActivityResult;
import io.waymark.protocol.ActivityResults;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * The activity pipeline: read and validate, drop repeats within the request, announce an SOS at once
 * ({@link SosReceived}: its alert is raised while the activity is written), persist (each id once), note clock
 * events in the {@link ShiftLedger} (so that the privacy filter sees a shift before the device is answered), publish
 * {@link ActivitiesStored}, and answer one result per activity.
 */
public final class ActivityIngest {

    private final ActivityReader reader;
    private final ActivityStore store;
    private final ShiftLedger shifts;
    private final EventBus bus;
    private final Clock clock;
    private final MeterRegistry meters;

    public ActivityIngest(
            ActivityReader reader,
            ActivityStore store,
            ShiftLedger shifts,
            EventBus bus,
            Clock clock,
            MeterRegistry meters) {
        this.reader = reader;
        this.store = store;
        this.shifts = shifts;
        this.bus = bus;
        this.clock = clock;
        this.meters = meters;
    }

    public Mono<ActivityResults> ingest(DeviceIdentity device, byte[] data, ObjectMapper mapper) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            List<ActivityReader.ReadActivity> read = reader.read(data, mapper, now);
            ActivityResult[] results = new ActivityResult[read.size()];
            List<StoredActivity> toStore = new ArrayList<>();
            List<String> payloads = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < read.size(); i++) {
                ActivityReader.ReadActivity activity = read.get(i);
                if (!activity.valid()) {
                    results[i] = ActivityResult.rejected(activity.id(), activity.rejection());
                } else if (!seen.add(activity.id())) {
                    results[i] = ActivityResult.duplicate(activity.id());
                } else {
                    toStore.add(new StoredActivity(
                            device, IngestJson.JSON.treeToValue(activity.node(), Activity.class), now));
                    payloads.add(IngestJson.JSON.writeValueAsString(activity.node()));
                    positions.add(i);
                }
            }
            for (StoredActivity valid : toStore) {
                if ("SOS".equals(valid.activity().type())) {
                    bus.publish(new SosReceived(device, valid.activity(), now));
                }
            }
            return store.store(toStore, payloads).flatMap(storedNow -> {
                List<StoredActivity> fresh = new ArrayList<>();
                for (int j = 0; j < storedNow.length; j++) {
                    StoredActivity activity = toStore.get(j);
                    results[positions.get(j)] = storedNow[j]
                            ? ActivityResult.stored(activity.activity().id())
                            : ActivityResult.duplicate(activity.activity().id());
                    if (storedNow[j]) {
                        fresh.add(activity);
                    }
                }
                count(results);
                return Flux.fromIterable(fresh)
                        .filter(stored -> isClockEvent(stored.activity()))
                        .concatMap(stored -> shifts.record(
                                device.repId(),
                                Instant.ofEpochMilli(stored.activity().ts()),
                                "CLOCK_IN".equals(stored.activity().type())))
                        .then(Mono.fromRunnable(() -> {
                            if (!fresh.isEmpty()) {
                                bus.publish(new ActivitiesStored(fresh));
                            }
                        }))
                        .thenReturn(new ActivityResults(List.of(results)));
            });
        });
    }

    private static boolean isClockEvent(Activity activity) {
        return "CLOCK_IN".equals(activity.type()) || "CLOCK_OUT".equals(activity.type());
    }

    private void count(ActivityResult[] results) {
        for (ActivityResult result : results) {
            meters.counter(
                            "waymark.ingest.activities",
                            "result",
                            result.status().toLowerCase())
                    .increment();
        }
    }
}
