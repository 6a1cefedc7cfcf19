package io.waymark.ingest.rsocket;

import io.netty.buffer.ByteBufUtil;
import io.rsocket.Payload;
import io.rsocket.util.DefaultPayload;
import io.waymark.identity.RepId;
import io.waymark.ingest.WelfareCheckException;
import io.waymark.ingest.WelfareCheckException.Reason;
import io.waymark.ingest.WelfareChecks;
import io.waymark.ingest.rsocket.DeviceConnections.OpenConnection;
import io.waymark.protocol.Routes;
import io.waymark.protocol.WelfareAnswer;
import io.waymark.protocol.WelfareCheck;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Calls {@code device.check} on every open connection of the rep on this node, in the connection's data format (JSON
 * or CBOR) with the route in composite metadata; the first answer wins and cancels the other requests. A device that
 * fails only counts when no other device answers.
 */
@Component
class DeviceWelfareChecks implements WelfareChecks {

    private static final byte[] ROUTE = ProtocolMetadata.routeMetadata(Routes.DEVICE_CHECK);

    private final DeviceConnections connections;

    DeviceWelfareChecks(DeviceConnections connections) {
        this.connections = connections;
    }

    @Override
    public Mono<WelfareAnswer> ask(RepId rep, WelfareCheck check, Duration timeout) {
        Objects.requireNonNull(rep, "rep");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(check.alertId(), "check.alertId");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        return Mono.defer(() -> {
            List<OpenConnection> devices = connections.ofRep(rep);
            if (devices.isEmpty()) {
                return Mono.error(new WelfareCheckException(
                        rep, Reason.NO_DEVICE, "the rep has no device connected to this node"));
            }
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Mono<WelfareAnswer>> answers = devices.stream()
                    .map(device -> askOne(rep, device, check).onErrorResume(failed -> {
                        failures.add(failed);
                        return Mono.empty();
                    }))
                    .toList();
            return Flux.merge(answers)
                    .next()
                    .switchIfEmpty(Mono.defer(() -> Mono.error(failures.remove())))
                    .timeout(
                            timeout,
                            Mono.error(() -> new WelfareCheckException(
                                    rep, Reason.NO_ANSWER_IN_TIME, "no device answered within " + timeout)));
        });
    }

    private static Mono<WelfareAnswer> askOne(RepId rep, OpenConnection connection, WelfareCheck check) {
        String device = connection.device().deviceId().toString();
        return Mono.defer(() -> connection
                        .toDevice()
                        .requestResponse(
                                DefaultPayload.create(connection.mapper().writeValueAsBytes(check), ROUTE)))
                .onErrorMap(failed -> new WelfareCheckException(
                        rep, Reason.DEVICE_ERROR, "device " + device + " failed: " + failed.getMessage(), failed))
                .switchIfEmpty(Mono.error(() ->
                        new WelfareCheckException(rep, Reason.MALFORMED_ANSWER, "device " + device + " sent no data")))
                .map(payload -> read(rep, device, connection, payload));
    }

    /** The answer in the payload (released here), or a MALFORMED_ANSWER when it is not {"ok":bool,"note"?:text}. */
    private static WelfareAnswer read(RepId rep, String device, OpenConnection connection, Payload payload) {
        byte[] data;
        try {
            data = ByteBufUtil.getBytes(payload.sliceData());
        } finally {
            payload.release();
        }
        JsonNode answer;
        try {
            answer = connection.mapper().readTree(data);
        } catch (JacksonException e) {
            throw malformed(rep, device, "unreadable: " + e.getOriginalMessage());
        }
        if (answer == null || !answer.isObject()) {
            throw malformed(rep, device, "not an object");
        }
        JsonNode ok = answer.get("ok");
        if (ok == null || !ok.isBoolean()) {
            throw malformed(rep, device, "'ok' is not a boolean");
        }
        JsonNode note = answer.get("note");
        if (note != null && !note.isNull() && !note.isString()) {
            throw malformed(rep, device, "'note' is not text");
        }
        return new WelfareAnswer(ok.booleanValue(), note == null || note.isNull() ? null : note.stringValue());
    }

    private static WelfareCheckException malformed(RepId rep, String device, String detail) {
        return new WelfareCheckException(rep, Reason.MALFORMED_ANSWER, "device " + device + " answered " + detail);
    }
}
