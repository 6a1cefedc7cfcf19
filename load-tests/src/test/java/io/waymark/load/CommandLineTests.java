package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandLineTests {

    @Test
    void durationsTakeTheUsualSuffixes() {
        assertThat(CommandLine.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(CommandLine.parseDuration("15s")).isEqualTo(Duration.ofSeconds(15));
        assertThat(CommandLine.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(CommandLine.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(CommandLine.parseDuration("PT1M")).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void defaultsMatchTheDocumentedTargetRun() {
        BenchmarkOptions options = BenchmarkOptions.parse(new String[0]);

        assertThat(options.rsocket()).isEqualTo(URI.create("tcp://127.0.0.1:7000"));
        assertThat(options.devices()).isEqualTo(2000);
        assertThat(options.pingsPerSecond()).isEqualTo(10_000);
        assertThat(options.pingsPerBatch()).isEqualTo(1);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.channel()).isTrue();
    }

    @Test
    void maxThroughputDefaultsToBigBatchesWithASmallWindow() {
        BenchmarkOptions options =
                BenchmarkOptions.parse(new String[] {"--max-throughput", "--mode=request", "--devices", "50"});

        assertThat(options.maxThroughput()).isTrue();
        assertThat(options.pingsPerBatch()).isEqualTo(200);
        assertThat(options.inflightBatches()).isEqualTo(2);
        assertThat(options.channel()).isFalse();
        assertThat(options.devices()).isEqualTo(50);
    }

    @Test
    void typosAndBadValuesAreRefused() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--devcies", "5"}))
                .hasMessageContaining("unknown option: --devcies");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--batch", "1001"}))
                .hasMessageContaining("--batch");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--mode", "stream"}))
                .hasMessageContaining("--mode");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--rsocket", "http://x:1"}))
                .hasMessageContaining("--rsocket");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--duration"}))
                .hasMessageContaining("needs a value");
    }
}
