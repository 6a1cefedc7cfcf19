package io.waymark.history.web;

import io.waymark.history.internal.TrackPage;
import io.waymark.history.internal.TrackPoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import reactor.core.publisher.Flux;

/**
 * A track page as a GeoJSON FeatureCollection, written a chunk of points at a time (a page may hold 100,000 points;
 * no tree of it is built): {@code next} (when more points remain), then the features: first a {@code LineString}
 * through the page's points, then one {@code Point} per ping with {@code deviceId, seq, ts, accuracy, speed, heading,
 * battery} (null when the device did not send it). Coordinates are [lon, lat]. An empty page has no features; a page
 * of one point draws its LineString through that point twice (GeoJSON wants two positions).
 */
final class TrackGeoJson {

    private static final int CHUNK = 1_000;

    private TrackGeoJson() {}

    static Flux<DataBuffer> write(TrackPage page, String next, DataBufferFactory buffers) {
        List<TrackPoint> points = page.points();
        StringBuilder head = new StringBuilder("{\"type\":\"FeatureCollection\"");
        if (next != null) {
            head.append(",\"next\":");
            string(head, next);
        }
        head.append(",\"features\":[");
        if (points.isEmpty()) {
            return Flux.just(head.append("]}").toString()).map(text -> buffer(buffers, text));
        }
        head.append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[");
        int chunks = (points.size() + CHUNK - 1) / CHUNK;
        Flux<String> line = Flux.range(0, chunks).map(chunk -> positions(points, chunk));
        String middle = "]},\"properties\":{\"points\":" + points.size() + "}}";
        Flux<String> features = Flux.range(0, chunks).map(chunk -> features(points, chunk));
        return Flux.concat(Flux.just(head.toString()), line, Flux.just(middle), features, Flux.just("]}"))
                .map(text -> buffer(buffers, text));
    }

    private static String positions(List<TrackPoint> points, int chunk) {
        int start = chunk * CHUNK;
        int end = Math.min(points.size(), start + CHUNK);
        StringBuilder json = new StringBuilder((end - start) * 48);
        for (int i = start; i < end; i++) {
            if (i > 0) {
                json.append(',');
            }
            position(json, points.get(i));
        }
        if (points.size() == 1) {
            position(json.append(','), points.get(0));
        }
        return json.toString();
    }

    private static String features(List<TrackPoint> points, int chunk) {
        int start = chunk * CHUNK;
        int end = Math.min(points.size(), start + CHUNK);
        StringBuilder json = new StringBuilder((end - start) * 256);
        for (int i = start; i < end; i++) {
            feature(json.append(','), points.get(i));
        }
        return json.toString();
    }

    private static DataBuffer buffer(DataBufferFactory buffers, String text) {
        return buffers.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void position(StringBuilder json, TrackPoint point) {
        json.append('[').append(point.lon()).append(',').append(point.lat()).append(']');
    }

    private static void feature(StringBuilder json, TrackPoint point) {
        json.append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":");
        position(json, point);
        json.append("},\"properties\":{\"deviceId\":\"")
                .append(point.deviceId())
                .append("\",\"seq\":")
                .append(point.seq())
                .append(",\"ts\":")
                .append(point.ts().toEpochMilli());
        number(json, "accuracy", point.accuracy());
        number(json, "speed", point.speed());
        number(json, "heading", point.heading());
        number(json, "battery", point.battery());
        json.append("}}");
    }

    private static void number(StringBuilder json, String name, Float value) {
        json.append(",\"").append(name).append("\":");
        if (value == null || !Float.isFinite(value)) {
            json.append("null");
        } else {
            json.append(value.floatValue());
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
