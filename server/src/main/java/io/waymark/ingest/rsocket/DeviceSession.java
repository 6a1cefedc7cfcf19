package io.waymark.ingest.rsocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.exceptions.ApplicationErrorException;
import io.rsocket.util.DefaultPayload;
import io.waymark.identity.DeviceIdentity;
import io.waymark.ingest.internal.ActivityIngest;
import io.waymark.ingest.internal.DeviceHellos;
import io.waymark.ingest.internal.PingIngest;
import io.waymark.ingest.internal.RequestRefused;
import io.waymark.protocol.Ack;
import io.waymark.protocol.RequestError;
import io.waymark.protocol.Routes;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * The server's side of one device connection: routes each request to its pipeline and turns the pipeline's refusals
 * into the protocol's errors. On the {@code pings} channel a refused batch is answered by an error Ack, in order,
 * and the channel goes on; the next batch is requested (request-n) only once the previous one is acked, so a slow
 * database slows the device instead of growing a queue.
 */
final class DeviceSession implements RSocket {

    private static final Logger log = LoggerFactory.getLogger(DeviceSession.class);

    private final DeviceIdentity device;
    private final ObjectMapper mapper;
    private final PingIngest pings;
    private final ActivityIngest activities;
    private final DeviceHellos hellos;
    private final int channelPrefetch;
    private final int maxConcurrentRequests;
    private final AtomicInteger requestsInProgress = new AtomicInteger();

    DeviceSession(
            DeviceIdentity device,
            ObjectMapper mapper,
            PingIngest pings,
            ActivityIngest activities,
            DeviceHellos hellos,
            int channelPrefetch,
            int maxConcurrentRequests) {
        this.device = device;
        this.mapper = mapper;
        this.pings = pings;
        this.activities = activities;
        this.hellos = hellos;
        this.channelPrefetch = channelPrefetch;
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    @Override
    public Mono<Payload> requestResponse(Payload payload) {
        String route;
        byte[] data;
        try {
            route = ProtocolMetadata.route(payload.sliceMetadata());
            data = bytes(payload.sliceData());
        } finally {
            payload.release();
        }
        if (route == null) {
            return Mono.error(refusal(RequestError.ROUTE_UNKNOWN, "no route in the request's metadata"));
        }
        return switch (route) {
            case Routes.HELLO -> hellos.hello(device).map(this::encode);
            case Routes.PINGS_BATCH ->
                limited(pings.ingest(device, data, mapper)).map(this::encode);
            case Routes.ACTIVITIES ->
                limited(activities.ingest(device, data, mapper)).map(this::encode);
            default -> Mono.error(refusal(RequestError.ROUTE_UNKNOWN, "no request-response route '" + route + "'"));
        };
    }

    @Override
    public Flux<Payload> requestChannel(Publisher<Payload> payloads) {
        return Flux.from(payloads).switchOnFirst((first, batches) -> {
            Payload firstPayload = first.get();
            if (firstPayload == null) {
                return batches;
            }
            String route = ProtocolMetadata.route(firstPayload.sliceMetadata());
            if (!Routes.PINGS.equals(route)) {
                return Flux.error(refusal(RequestError.ROUTE_UNKNOWN, "no channel route '" + route + "'"));
            }
            return batches.concatMap(this::channelBatch, channelPrefetch);
        });
    }

    private Mono<Payload> channelBatch(Payload payload) {
        byte[] data;
        try {
            data = bytes(payload.sliceData());
        } finally {
            payload.release();
        }
        return pings.ingest(device, data, mapper)
                .onErrorResume(
                        RequestRefused.class, refused -> Mono.just(Ack.refused(refused.code(), refused.getMessage())))
                .onErrorResume(error -> {
                    log.error("a batch from device {} failed", device.deviceId(), error);
                    return Mono.just(Ack.refused(RequestError.UNAVAILABLE, "the batch could not be processed; resend"));
                })
                .map(this::encode);
    }

    private <T> Mono<T> limited(Mono<T> request) {
        return Mono.defer(() -> {
                    if (requestsInProgress.incrementAndGet() > maxConcurrentRequests) {
                        requestsInProgress.decrementAndGet();
                        return Mono.error(new RequestRefused(
                                RequestError.UNAVAILABLE,
                                "more than " + maxConcurrentRequests + " requests in progress on this connection"));
                    }
                    return request.doFinally(signal -> requestsInProgress.decrementAndGet());
                })
                .onErrorMap(RequestRefused.class, refused -> new ApplicationErrorException(refused.describe()));
    }

    private static ApplicationErrorException refusal(RequestError code, String detail) {
        return new ApplicationErrorException(code.name() + ": " + detail);
    }

    private Payload encode(Object value) {
        return DefaultPayload.create(mapper.writeValueAsBytes(value));
    }

    private static byte[] bytes(ByteBuf buffer) {
        return ByteBufUtil.getBytes(buffer);
    }
}
