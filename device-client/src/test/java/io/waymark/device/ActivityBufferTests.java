package io.waymark.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.protocol.Activity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityBufferTests {

    @TempDir
    Path dir;

    private static Activity activity(String id) {
        return Activity.of(id, "NOTE", 1_795_338_902_000L);
    }

    private static List<String> ids(List<Activity> activities) {
        return activities.stream().map(Activity::id).toList();
    }

    @Test
    void keepsPendingActivitiesInOrderAcrossReopen() {
        try (ActivityBuffer buffer = ActivityBuffer.open(dir, 100, false)) {
            buffer.append(activity("a"));
            buffer.append(activity("b"));
            buffer.append(activity("c"));
            assertThat(buffer.remove(List.of("b", "unknown"))).isEqualTo(1);
        }
        try (ActivityBuffer buffer = ActivityBuffer.open(dir, 100, false)) {
            assertThat(ids(buffer.oldest(10))).containsExactly("a", "c");
        }
    }

    @Test
    void ignoresAnIdThatIsStillPending() {
        try (ActivityBuffer buffer = ActivityBuffer.open(dir, 100, false)) {
            assertThat(buffer.append(activity("a"))).isTrue();
            assertThat(buffer.append(activity("a"))).isFalse();
            assertThat(buffer.pendingCount()).isEqualTo(1);
        }
    }

    @Test
    void dropsTheOldestWhenFull() {
        try (ActivityBuffer buffer = ActivityBuffer.open(dir, 2, false)) {
            buffer.append(activity("a"));
            buffer.append(activity("b"));
            buffer.append(activity("c"));
            assertThat(ids(buffer.oldest(10))).containsExactly("b", "c");
            assertThat(buffer.droppedActivities()).isEqualTo(1);
        }
        try (ActivityBuffer buffer = ActivityBuffer.open(dir, 2, false)) {
            assertThat(ids(buffer.oldest(10))).containsExactly("b", "c");
        }
    }

    @Test
    void compactsAndToleratesATornLastLine() throws IOException {
        try (ActivityBuffer buffer = ActivityBuffer.open(dir, 1000, false, 10)) {
            for (int i = 0; i < 100; i++) {
                buffer.append(activity("id-" + i));
                buffer.remove(List.of("id-" + i));
            }
            buffer.append(activity("last"));
            assertThat(buffer.fileLines()).isLessThan(40);
        }
        Files.writeString(
                dir.resolve(ActivityBuffer.FILE_NAME), "{\"activity\":{\"id\":\"x", StandardOpenOption.APPEND);
        try (ActivityBuffer buffer = ActivityBuffer.open(dir, 1000, false)) {
            assertThat(ids(buffer.oldest(10))).containsExactly("last");
        }
    }
}
