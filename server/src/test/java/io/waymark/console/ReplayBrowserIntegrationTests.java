package io.waymark.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.support.Chromium;
import io.waymark.support.FieldDevice;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The console's replay of a rep's day in a real browser (Debian's Chromium, driven by Playwright) against the whole
 * server: a device sends yesterday's walk, 10-minute stop and walk with door knocks, and the manager replays that day
 * from the rep panel. Screenshots go to {@code target/screenshots/}.
 */
@IntegrationTest
// Tiles from a closed local port: fails at once, as offline, and the map must work on its plain background.
@TestPropertySource(properties = "waymark.console.tile-url=http://127.0.0.1:9/{z}/{x}/{y}.png")
class ReplayBrowserIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final double WAIT_MS = TIMEOUT.toMillis();
    private static final ZoneId ZONE = ZoneId.of("America/Chicago");
    private static final double METERS_PER_DEGREE = 111_195;
    private static final double LAT = 41.8800;
    private static final double LON = -87.6300;

    @LocalServerPort
    int port;

    private Chromium chromium;
    private Browser browser;
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void launchBrowser() throws Exception {
        chromium = Chromium.launch();
        browser = chromium.browser();
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aManagerReplaysYesterdaysWalkStopAndKnocksThenGoesBackToTheLiveMap() {
        WaymarkApi api = new WaymarkApi(port);
        Map<String, Object> created = api.post(
                api.adminToken(),
                "/api/teams",
                Map.of("name", WaymarkApi.unique("replay"), "tracking", "ALWAYS", "timeZone", ZONE.getId()));
        TeamId team = TeamId.of((String) created.get("id"));
        RepId rep = api.createRep(team, "Rhea Replay");
        String username = WaymarkApi.unique("manager");
        String password = "pw-" + UUID.randomUUID();
        api.post(
                api.adminToken(),
                "/api/users",
                Map.of(
                        "username",
                        username,
                        "password",
                        password,
                        "role",
                        Role.MANAGER.name(),
                        "teamIds",
                        List.of(team.toString())));

        LocalDate today = LocalDate.now(ZONE);
        LocalDate yesterday = today.minusDays(1);
        long t0 = yesterday.atTime(LocalTime.of(10, 0)).atZone(ZONE).toInstant().toEpochMilli();
        // 10 minutes north at 1.4 m/s, 10 minutes still (a few metres of jitter), 10 minutes east: a fix every 10 s.
        List<String> pings = new ArrayList<>();
        long seq = 0;
        for (int s = 0; s < 600; s += 10) {
            pings.add(FieldDevice.ping(++seq, t0 + s * 1_000L, north(s * 1.4 - 840), LON));
        }
        for (int s = 600; s <= 1_200; s += 10) {
            pings.add(FieldDevice.ping(++seq, t0 + s * 1_000L, north((s / 10 % 3) * 2.0), LON));
        }
        for (int s = 1_210; s <= 1_800; s += 10) {
            pings.add(FieldDevice.ping(++seq, t0 + s * 1_000L, LAT, east((s - 1_200) * 1.4)));
        }
        long noAnswerAt = t0 + 300_000;
        long saleAt = t0 + 900_000;
        long leadAt = t0 + 1_500_000;

        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
                FieldDevice device = FieldDevice.connect(port, api.createDevice(rep))) {
            device.sendPings(pings);
            device.sendActivities(
                    knock(noAnswerAt, north(300 * 1.4 - 840), LON, "NO_ANSWER", "3 Lake St"),
                    knock(saleAt, LAT, LON, "SALE", "10 Lake St"),
                    knock(leadAt, LAT, east(300 * 1.4), "LEAD", "40 Lake St"));
            long now = System.currentTimeMillis();
            device.sendPings(List.of(FieldDevice.ping(++seq, now - 2_000, LAT + 0.001, LON + 0.001)));

            Page page = context.newPage();
            page.setDefaultTimeout(WAIT_MS);
            page.onPageError(pageErrors::add);
            Chromium.signIn(page, port, username, password);
            page.waitForSelector("#connection[data-state=connected]");

            String marker = "[data-rep-id=\"" + rep + "\"].rep-marker";
            page.waitForSelector(marker, new Page.WaitForSelectorOptions().setState(WaitForSelectorState.VISIBLE));
            page.locator(marker).click();
            PlaywrightAssertions.assertThat(page.locator("#rep-panel")).hasAttribute("data-rep-id", rep.toString());
            PlaywrightAssertions.assertThat(page.locator("#replay-day"))
                    .hasValue(today.toString(), new LocatorAssertions.HasValueOptions().setTimeout(WAIT_MS));

            page.locator("#replay-day").fill(yesterday.toString());
            page.locator("#replay-open").click();
            Locator replay = page.locator("#replay");
            PlaywrightAssertions.assertThat(replay).hasAttribute("data-state", "ready", attribute());
            PlaywrightAssertions.assertThat(replay).hasAttribute("data-points", String.valueOf(pings.size()));
            PlaywrightAssertions.assertThat(replay).hasAttribute("data-activities", "3");
            PlaywrightAssertions.assertThat(replay).hasAttribute("data-day", yesterday.toString());
            PlaywrightAssertions.assertThat(page.locator("#rep-panel")).isHidden();
            PlaywrightAssertions.assertThat(page.locator(marker)).isHidden();
            PlaywrightAssertions.assertThat(page.locator("path.replay-path")).isVisible();
            Locator stop = page.locator("path.replay-stop");
            PlaywrightAssertions.assertThat(stop).hasCount(1);
            long stopSeconds = Long.parseLong(stop.getAttribute("data-duration-sec"));
            assertThat(stopSeconds).isBetween(600L, 720L);
            PlaywrightAssertions.assertThat(page.locator(".replay-stop__label"))
                    .hasText(Math.round(stopSeconds / 60.0) + " min stop");
            PlaywrightAssertions.assertThat(page.locator("#replay-clock")).hasText("10:00:00");

            Locator slider = page.locator("#replay-slider");
            slider.fill(String.valueOf(saleAt - 60_000));
            PlaywrightAssertions.assertThat(page.locator("#replay-clock")).hasText("10:14:00");
            PlaywrightAssertions.assertThat(page.locator(".replay-pin[data-outcome=NO_ANSWER]"))
                    .isVisible();
            PlaywrightAssertions.assertThat(page.locator(".replay-pin[data-outcome=SALE]"))
                    .hasCount(0);
            PlaywrightAssertions.assertThat(page.locator(".replay-marker"))
                    .hasAttribute("data-lat", String.format(Locale.ROOT, "%.6f", LAT));
            Chromium.screenshot(page, "20-replay-before-sale");

            slider.fill(String.valueOf(saleAt + 60_000));
            PlaywrightAssertions.assertThat(page.locator("#replay-clock")).hasText("10:16:00");
            PlaywrightAssertions.assertThat(page.locator(".replay-pin[data-outcome=SALE]"))
                    .isVisible();
            PlaywrightAssertions.assertThat(page.locator(".replay-pin[data-outcome=LEAD]"))
                    .hasCount(0);
            Chromium.screenshot(page, "21-replay-after-sale");

            long before = Long.parseLong(page.locator("#replay-clock").getAttribute("data-ts"));
            page.locator("#replay-speed").selectOption("300");
            page.locator("#replay-play").click();
            PlaywrightAssertions.assertThat(replay).hasAttribute("data-playing", "true");
            page.waitForCondition(
                    () -> Long.parseLong(page.locator("#replay-clock").getAttribute("data-ts")) > before + 60_000);
            page.locator("#replay-play").click();
            PlaywrightAssertions.assertThat(replay).hasAttribute("data-playing", "false");
            Chromium.screenshot(page, "22-replay-played");

            // A live position while the replay is open: the live map follows it underneath.
            device.sendPings(List.of(FieldDevice.ping(++seq, System.currentTimeMillis(), 41.882, -87.628)));
            page.locator("#replay-close").click();
            PlaywrightAssertions.assertThat(replay).isHidden();
            PlaywrightAssertions.assertThat(page.locator("path.replay-path")).hasCount(0);
            PlaywrightAssertions.assertThat(page.locator(marker)).isVisible();
            PlaywrightAssertions.assertThat(page.locator(marker)).hasAttribute("data-lat", "41.882", attribute());
            PlaywrightAssertions.assertThat(page.locator("#rep-panel")).hasAttribute("data-rep-id", rep.toString());
            device.sendPings(List.of(FieldDevice.ping(++seq, System.currentTimeMillis(), 41.883, -87.627)));
            PlaywrightAssertions.assertThat(page.locator(marker)).hasAttribute("data-lat", "41.883", attribute());
            Chromium.screenshot(page, "23-back-to-live");
        }
        assertThat(pageErrors).as("uncaught errors in the page").isEmpty();
    }

    private static double north(double meters) {
        return LAT + meters / METERS_PER_DEGREE;
    }

    private static double east(double meters) {
        return LON + meters / (METERS_PER_DEGREE * Math.cos(Math.toRadians(LAT)));
    }

    private static String knock(long ts, double lat, double lon, String outcome, String address) {
        return String.format(
                Locale.ROOT,
                "{\"id\":\"%s\",\"type\":\"DOOR_KNOCK\",\"ts\":%d,\"lat\":%s,\"lon\":%s,\"outcome\":\"%s\","
                        + "\"address\":\"%s\"}",
                UUID.randomUUID(),
                ts,
                lat,
                lon,
                outcome,
                address);
    }

    private static LocatorAssertions.HasAttributeOptions attribute() {
        return new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT_MS);
    }
}
