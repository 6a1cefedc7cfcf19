package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LiveOptionsTests {

    @Test
    void defaultsAreTheTargetRun() {
        LiveOptions options = LiveOptions.parse(new String[0]);

        assertThat(options.devices()).isEqualTo(5000);
        assertThat(options.pingsPerSecond()).isEqualTo(5000);
        assertThat(options.dashboards()).isEqualTo(50);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.targetP99()).isEqualTo(Duration.ofMillis(50));
        assertThat(options.sos()).isFalse();
        assertThat(options.sosTargetP99()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void sosRateTakesAUnitAndNeedsARepForEachSos() {
        LiveOptions options = LiveOptions.parse(new String[] {"--sos-rate", "10/s", "--warmup", "30s"});

        assertThat(options.sos()).isTrue();
        assertThat(options.sosPerSecond()).isEqualTo(10.0);
        assertThat(LiveOptions.parse(new String[] {"--sos-rate", "120/m"}).sosPerSecond())
                .isEqualTo(2.0);
        assertThatThrownBy(() -> LiveOptions.parse(new String[] {"--sos-rate", "0/s"}))
                .hasMessageContaining("--sos-rate must be positive");
        // 10/s over 10 s warm-up and 60 s window: 700 SOS, one rep each
        assertThatThrownBy(() -> LiveOptions.parse(new String[] {"--devices", "699", "--sos-rate", "10/s"}))
                .hasMessageContaining("one per rep");
        assertThat(LiveOptions.parse(new String[] {"--devices", "700", "--sos-rate", "10/s"})
                        .sos())
                .isTrue();
    }

    @Test
    void ratePerDeviceTakesAUnit() {
        assertThat(LiveOptions.parseRate("1/s")).isEqualTo(1.0);
        assertThat(LiveOptions.parseRate("0.5/s")).isEqualTo(0.5);
        assertThat(LiveOptions.parseRate("30/m")).isEqualTo(0.5);
        assertThat(LiveOptions.parseRate("3600/h")).isEqualTo(1.0);
        assertThat(LiveOptions.parseRate("2")).isEqualTo(2.0);
        assertThatThrownBy(() -> LiveOptions.parseRate("1/d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiveOptions.parseRate("0/s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiveOptions.parseRate("fast")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void totalRateIsDevicesTimesRatePerDevice() {
        LiveOptions options =
                LiveOptions.parse(new String[] {"--devices", "500", "--rate-per-device", "2/s", "--dashboards", "5"});

        assertThat(options.pingsPerSecond()).isEqualTo(1000);
        BenchmarkOptions devices = options.deviceOptions();
        assertThat(devices.pingsPerSecond()).isEqualTo(1000);
        assertThat(devices.pingsPerBatch()).isEqualTo(1);
        assertThat(devices.channel()).isTrue();
        assertThat(devices.maxThroughput()).isFalse();
    }

    @Test
    void dashboardsConnectBeforeTheDevicesUnlessToldToComeLater() {
        assertThat(LiveOptions.parse(new String[0]).dashboardsAfter()).isZero();
        assertThat(LiveOptions.parse(new String[] {"--warmup", "45s", "--dashboards-after", "30s"})
                        .dashboardsAfter())
                .isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> LiveOptions.parse(new String[] {"--warmup", "10s", "--dashboards-after", "10s"}))
                .hasMessageContaining("--dashboards-after must be shorter than --warmup");
    }

    @Test
    void liveUriFollowsTheHttpBase() {
        LiveOptions options = LiveOptions.parse(new String[] {"--http", "http://127.0.0.1:18080/"});

        assertThat(options.liveUri("a.b+c")).isEqualTo(URI.create("ws://127.0.0.1:18080/ws/live?access_token=a.b%2Bc"));
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> LiveOptions.parse(new String[] {"--dashboards", "0"}))
                .hasMessageContaining("--dashboards");
        assertThatThrownBy(() -> LiveOptions.parse(new String[] {"--devices", "1", "--rate-per-device", "1/m"}))
                .hasMessageContaining("ping/s");
        assertThatThrownBy(() -> LiveOptions.parse(new String[] {"--rsocket", "http://x:1"}))
                .hasMessageContaining("--rsocket");
    }
}
