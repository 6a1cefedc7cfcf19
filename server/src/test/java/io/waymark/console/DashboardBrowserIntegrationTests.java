package io.waymark.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.support.Chromium;
import io.waymark.support.FieldDevice;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The console's dashboard in a real browser (Debian's Chromium, driven by Playwright) against the whole server: two
 * reps' door knocks from real devices show as today's KPIs against the team's target, in the leaderboard, the funnel
 * and the 30-day trend; a knock sent while it is open ticks the counters; the tables export as CSV; once a territory
 * is Ana's, her territory coverage shows beside the team's and ranks the leaderboard. Screenshots go to {@code
 * target/screenshots/}.
 */
@IntegrationTest
// Tiles from a closed local port: fails at once, as offline, and the map must work on its plain background.
@TestPropertySource(properties = "waymark.console.tile-url=http://127.0.0.1:9/{z}/{x}/{y}.png")
class DashboardBrowserIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final double WAIT_MS = TIMEOUT.toMillis();
    private static final ZoneId ZONE = ZoneId.of("America/Chicago");
    private static final double METERS_PER_DEGREE = 111_195;
    private static final double LAT = 41.8800;
    private static final double LON = -87.6300;
    private static final H3Core H3 = h3();

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
    void aManagerSeesTodaysFiguresAgainstTheTargetTheLeaderboardFunnelAndTrendLiveAndExportsThem() throws Exception {
        WaymarkApi api = new WaymarkApi(port);
        Map<String, Object> created = api.post(
                api.adminToken(),
                "/api/teams",
                Map.of("name", WaymarkApi.unique("dash"), "tracking", "ALWAYS", "timeZone", ZONE.getId()));
        TeamId team = TeamId.of((String) created.get("id"));
        RepId ana = api.createRep(team, "Ana Ahead");
        RepId bo = api.createRep(team, "Bo Behind");
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
        api.client()
                .put()
                .uri("/api/metrics/targets?teamId=" + team + "&period=day")
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("doors", 40))
                .exchange()
                .expectStatus()
                .isOk();

        long now = System.currentTimeMillis();
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(1280, 900)
                        .setAcceptDownloads(true));
                FieldDevice anaPhone = FieldDevice.connect(port, api.createDevice(ana));
                FieldDevice boPhone = FieldDevice.connect(port, api.createDevice(bo))) {
            anaPhone.sendActivities(
                    knock(now - 60_000, "NO_ANSWER"),
                    knock(now - 50_000, "NOT_INTERESTED"),
                    knock(now - 40_000, "LEAD"),
                    knock(now - 30_000, "SALE"));
            boPhone.sendActivities(knock(now - 20_000, "NO_ANSWER"));

            Page page = context.newPage();
            page.setDefaultTimeout(WAIT_MS);
            page.onPageError(pageErrors::add);
            Chromium.signIn(page, port, username, password);
            page.waitForSelector("#connection[data-state=connected]");
            page.locator("#dashboard-toggle").click();

            Locator dashboard = page.locator("#dashboard");
            PlaywrightAssertions.assertThat(dashboard).hasAttribute("data-state", "ready", attribute());
            PlaywrightAssertions.assertThat(page.locator(".kpi[data-metric=doors] .kpi__value"))
                    .hasText("5");
            PlaywrightAssertions.assertThat(page.locator(".kpi[data-metric=sales] .kpi__value"))
                    .hasText("1");
            // The team's target of 40 a day applies to each of its two reps.
            PlaywrightAssertions.assertThat(page.locator(".kpi[data-metric=doors] .kpi__pace"))
                    .containsText("target 80");
            Locator rows = page.locator("#dash-leaderboard tr");
            PlaywrightAssertions.assertThat(rows).hasCount(2);
            PlaywrightAssertions.assertThat(rows.nth(0)).hasAttribute("data-rep-id", ana.toString());
            PlaywrightAssertions.assertThat(rows.nth(0)).containsText("Ana Ahead");
            PlaywrightAssertions.assertThat(rows.nth(0).locator("td").nth(2)).hasText("4");
            PlaywrightAssertions.assertThat(page.locator("#dash-funnel li[data-stage=doors]"))
                    .hasAttribute("data-count", "5");
            PlaywrightAssertions.assertThat(page.locator("#dash-funnel li[data-stage=sales]"))
                    .hasAttribute("data-count", "1");
            PlaywrightAssertions.assertThat(page.locator("#dash-trend")).hasAttribute("data-days", "30", attribute());
            PlaywrightAssertions.assertThat(page.locator("#dash-trend")).hasAttribute("data-total", "5", attribute());
            PlaywrightAssertions.assertThat(page.locator("#dash-coverage"))
                    .hasText("Territory coverage: no territories");
            Chromium.screenshot(page, "30-dashboard");

            // A knock while the dashboard is open: the counters tick and Bo catches up in the leaderboard.
            boPhone.sendActivities(knock(System.currentTimeMillis(), "APPOINTMENT"));
            PlaywrightAssertions.assertThat(page.locator(".kpi[data-metric=doors] .kpi__value"))
                    .hasText("6");
            PlaywrightAssertions.assertThat(page.locator(".kpi[data-metric=appointments] .kpi__value"))
                    .hasText("1");
            PlaywrightAssertions.assertThat(rows.nth(1).locator("td").nth(2)).hasText("2");

            Download download = page.waitForDownload(
                    () -> page.locator("[data-export=leaderboard]").click());
            String csv = Files.readString(download.path());
            assertThat(download.suggestedFilename()).endsWith("-leaderboard.csv");
            assertThat(csv.lines().findFirst().orElseThrow()).contains("rank");
            assertThat(csv).contains("Ana Ahead").contains("Bo Behind");
            Download reps = page.waitForDownload(
                    () -> page.locator("[data-export=reps]").click());
            assertThat(Files.readString(reps.path())).contains("doors").contains("Ana Ahead");

            assertThat(Files.readString(reps.path()).lines().findFirst().orElseThrow())
                    .contains("territoryCoverage");

            // A territory of Ana's round the spot of every knock: the cell knocked is one of its 7. Bo has none.
            long cell = H3.latLngToCell(LAT, LON, 10);
            putTerritory(
                    api, "dash-" + UUID.randomUUID().toString().substring(0, 8), H3.cellToParent(cell, 9), team, ana);
            page.locator("#dashboard-close").click();
            PlaywrightAssertions.assertThat(dashboard).isHidden();
            PlaywrightAssertions.assertThat(page.locator("#map")).isVisible();
            page.locator("#dashboard-toggle").click();
            PlaywrightAssertions.assertThat(page.locator("#dash-coverage"))
                    .hasText("Territory coverage: 14 % of 7 cells knocked");
            Locator repCoverage = page.locator("#dash-rep-coverage li");
            PlaywrightAssertions.assertThat(repCoverage).hasCount(2);
            PlaywrightAssertions.assertThat(repCoverage.nth(0)).hasText("Ana Ahead: 14 %");
            PlaywrightAssertions.assertThat(repCoverage.nth(0)).hasAttribute("data-coverage", "0.1429", attribute());
            PlaywrightAssertions.assertThat(repCoverage.nth(1)).hasText("Bo Behind: no territory");
            page.locator("#dash-metric").selectOption("territoryCoverage");
            PlaywrightAssertions.assertThat(page.locator("#dash-leaderboard"))
                    .hasAttribute("data-metric", "territoryCoverage", attribute());
            PlaywrightAssertions.assertThat(rows.nth(0)).hasAttribute("data-rep-id", ana.toString());
            PlaywrightAssertions.assertThat(rows.nth(0).locator("td").nth(2)).hasText("14 %");
            // Bo has no territory: no coverage.
            PlaywrightAssertions.assertThat(rows.nth(1).locator("td").nth(2)).hasText("—");
            Chromium.screenshot(page, "31-dashboard-coverage");

            page.locator("#dashboard-close").click();
            PlaywrightAssertions.assertThat(dashboard).isHidden();
        }
        assertThat(pageErrors).as("uncaught errors in the page").isEmpty();
    }

    private static String knock(long ts, String outcome) {
        return String.format(
                Locale.ROOT,
                "{\"id\":\"%s\",\"type\":\"DOOR_KNOCK\",\"ts\":%d,\"lat\":%s,\"lon\":%s,\"outcome\":\"%s\","
                        + "\"address\":\"%s Dash St\"}",
                UUID.randomUUID(),
                ts,
                LAT,
                LON,
                outcome,
                outcome);
    }

    private static void putTerritory(WaymarkApi api, String id, long hexagon, TeamId team, RepId rep) {
        List<LatLng> boundary = new ArrayList<>(H3.cellToBoundary(hexagon));
        boundary.add(boundary.get(0));
        String ring = boundary.stream()
                .map(vertex -> String.format(Locale.ROOT, "[%.12f,%.12f]", vertex.lng, vertex.lat))
                .collect(Collectors.joining(","));
        api.client()
                .put()
                .uri("/api/territories/{id}", id)
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring
                        + "]]},\"properties\":{\"name\":\"" + id + "\",\"teamId\":\"" + team
                        + "\",\"repIds\":[\"" + rep + "\"]}}")
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private static H3Core h3() {
        try {
            return H3Core.newInstance();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocatorAssertions.HasAttributeOptions attribute() {
        return new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT_MS);
    }
}
