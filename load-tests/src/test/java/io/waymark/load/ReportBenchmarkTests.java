package io.waymark.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBenchmarkTests {

    @Test
    void fillsTheTeamAndTheDatesIntoACall() {
        assertThat(ReportBenchmark.fill(
                        "/api/metrics/reps?teamId={team}&from={from}&to={to}&day={today}",
                        "t-1",
                        LocalDate.of(2026, 10, 31),
                        LocalDate.of(2026, 11, 29),
                        LocalDate.of(2026, 11, 30)))
                .isEqualTo("/api/metrics/reps?teamId=t-1&from=2026-10-31&to=2026-11-29&day=2026-11-30");
    }

    @Test
    void readsTheTeamFromReportDatasDevicesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("devices.csv");
        Files.write(file, List.of("# team 6b46c822-2796-42f3-9679-ef07fb90fcf5", "d,r,token"));
        Path none = dir.resolve("none.csv");
        Files.write(none, List.of("d,r,token"));

        assertThat(ReportBenchmark.teamOf(file)).isEqualTo("6b46c822-2796-42f3-9679-ef07fb90fcf5");
        assertThatIllegalArgumentException().isThrownBy(() -> ReportBenchmark.teamOf(none));
    }
}
