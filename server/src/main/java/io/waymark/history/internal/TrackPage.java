package io.waymark.history.internal;

import java.util.List;

/**
 * One page of a track.
 *
 * @param points at most the limit asked for, in (ts, seq, device) order
 * @param next where the following page starts; null when this page ends the track
 */
public record TrackPage(List<TrackPoint> points, TrackCursor next) {

    public TrackPage {
        points = List.copyOf(points);
    }
}
