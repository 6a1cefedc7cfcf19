package io.waymark.ingest.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.waymark.ingest.StoredPing;
import io.waymark.protocol.Ping;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Encodes pings in PostgreSQL's binary COPY format, in the column order of {@link SqlPingStore#COLUMNS}. */
final class PgBinaryCopy {

    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final short FIELDS = 13;
    private static final int BYTES_PER_ROW = 2 + 4 * FIELDS + 16 + 8 + 8 + 16 + 8 + 8 + 5 * 4 + 1 + 8;

    private PgBinaryCopy() {}

    static ByteBuf encode(ByteBufAllocator allocator, List<StoredPing> pings) {
        ByteBuf buffer = allocator.buffer(SIGNATURE.length + 8 + pings.size() * BYTES_PER_ROW + 2);
        buffer.writeBytes(SIGNATURE);
        buffer.writeInt(0);
        buffer.writeInt(0);
        for (StoredPing stored : pings) {
            Ping ping = stored.ping();
            buffer.writeShort(FIELDS);
            uuid(buffer, stored.device().deviceId().value());
            int8(buffer, ping.seq());
            timestamp(buffer, ping.ts() * 1000L);
            uuid(buffer, stored.device().repId().value());
            float8(buffer, ping.lat());
            float8(buffer, ping.lon());
            float4(buffer, ping.accuracy());
            float4(buffer, ping.speed());
            float4(buffer, ping.heading());
            float4(buffer, ping.altitude());
            float4(buffer, ping.battery());
            buffer.writeInt(1);
            buffer.writeByte(Boolean.TRUE.equals(ping.mock()) ? 1 : 0);
            timestamp(buffer, micros(stored.receivedAt()));
        }
        buffer.writeShort(-1);
        return buffer;
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }

    private static void uuid(ByteBuf buffer, UUID value) {
        buffer.writeInt(16);
        buffer.writeLong(value.getMostSignificantBits());
        buffer.writeLong(value.getLeastSignificantBits());
    }

    private static void int8(ByteBuf buffer, long value) {
        buffer.writeInt(8);
        buffer.writeLong(value);
    }

    private static void timestamp(ByteBuf buffer, long epochMicros) {
        int8(buffer, epochMicros - POSTGRES_EPOCH_MICROS);
    }

    private static void float8(ByteBuf buffer, double value) {
        buffer.writeInt(8);
        buffer.writeDouble(value);
    }

    private static void float4(ByteBuf buffer, Double value) {
        if (value == null) {
            buffer.writeInt(-1);
        } else {
            buffer.writeInt(4);
            buffer.writeFloat(value.floatValue());
        }
    }
}
