package io.waymark.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import io.waymark.device.Fix;
import io.waymark.device.WaymarkDevice;
import io.waymark.identity.RepId;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.Tracking;
import io.waymark.protocol.Activity;
import io.waymark.support.Chromium;
import io.waymark.support.DeviceCredentials;
import io.waymark.support.IntegrationTest;
import io.waymark.support.WaymarkApi;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * The console in a real browser (Debian's Chromium, driven by Playwright) against the whole server: a manager signs
 * in, a device's pings put the rep on the live map and move it, clicking the rep opens its panel, and clicking a
 * territory shows its coverage by H3 cell. Screenshots go to {@code target/screenshots/}.
 */
@IntegrationTest
// Tiles from a closed local port: fails at once, as offline, and the map must work on its plain background.
@TestPropertySource(properties = "waymark.console.tile-url=http://127.0.0.1:9/{z}/{x}/{y}.png")
class ConsoleBrowserIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final double WAIT_MS = TIMEOUT.toMillis();

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
    void aManagerSeesARepAppearMoveAndOpenItsPanel() throws Exception {
        WaymarkApi api = new WaymarkApi(port);
        TeamId team = api.createTeam(WaymarkApi.unique("console"), Tracking.ALWAYS);
        RepId rep = api.createRep(team, "Rita Browser");
        DeviceCredentials credentials = api.createDevice(rep);
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
        String territory = "console-" + UUID.randomUUID().toString().substring(0, 8);
        api.client()
                .put()
                .uri("/api/territories/{id}", territory)
                .headers(headers -> headers.setBearerAuth(api.adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[["
                        + "[-74.0065,40.7125],[-74.0040,40.7125],[-74.0040,40.7145],[-74.0065,40.7145],"
                        + "[-74.0065,40.7125]]]},\"properties\":{\"name\":\"Elm block\",\"teamId\":\"" + team
                        + "\"}}")
                .exchange()
                .expectStatus()
                .isCreated();

        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
                WaymarkDevice device = WaymarkDevice.builder()
                        .websocket(URI.create("ws://127.0.0.1:" + port + "/rsocket"))
                        .token(credentials.token())
                        .bufferDirectory(Files.createTempDirectory("waymark-console-device"))
                        .flushInterval(Duration.ofMillis(50))
                        .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
                        .build()) {
            Page page = context.newPage();
            page.setDefaultTimeout(WAIT_MS);
            page.onPageError(pageErrors::add);

            signIn(page, username, password);
            page.waitForSelector("#connection[data-state=connected]");
            assertThat(page.isVisible("#map")).isTrue();
            screenshot(page, "01-signed-in");

            device.start().block(TIMEOUT);
            device.record(fix(40.71280, -74.00600, 0)).block(TIMEOUT);

            String marker = "[data-rep-id=\"" + rep + "\"].rep-marker";
            page.waitForSelector(marker, new Page.WaitForSelectorOptions().setState(WaitForSelectorState.VISIBLE));
            Locator markerElement = page.locator(marker);
            PlaywrightAssertions.assertThat(markerElement).hasAttribute("data-freshness", "fresh", visible());
            PlaywrightAssertions.assertThat(markerElement.locator(".rep-marker__name"))
                    .hasText("Rita Browser", textWithin());
            BoundingBox before = markerElement.boundingBox();
            screenshot(page, "02-rep-appeared");

            device.record(fix(40.71330, -74.00550, 45)).block(TIMEOUT);
            device.record(fix(40.71380, -74.00500, 45)).block(TIMEOUT);
            PlaywrightAssertions.assertThat(markerElement).hasAttribute("data-lat", "40.7138", visible());
            BoundingBox after = markerElement.boundingBox();
            assertThat(after.y).as("the marker moved north on the screen").isLessThan(before.y);
            screenshot(page, "03-rep-moved");

            markerElement.click();
            Locator panel = page.locator("#rep-panel");
            PlaywrightAssertions.assertThat(panel)
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS));
            PlaywrightAssertions.assertThat(panel).hasAttribute("data-rep-id", rep.toString(), visible());
            PlaywrightAssertions.assertThat(page.locator("#rep-panel-name")).hasText("Rita Browser", textWithin());
            PlaywrightAssertions.assertThat(page.locator("#rep-panel-status"))
                    .hasAttribute("data-status", Pattern.compile("ACTIVE|IDLE|ON_BREAK|OFF_SHIFT|OFFLINE"), visible());
            PlaywrightAssertions.assertThat(page.locator("#rep-panel-battery")).hasText("76 %", textWithin());
            PlaywrightAssertions.assertThat(page.locator("#rep-panel-territory"))
                    .hasText("Elm block", textWithin());
            // Never clocked in: no worked time to split.
            PlaywrightAssertions.assertThat(page.locator("#rep-panel-worked"))
                    .hasAttribute("data-active", "0", visible());
            PlaywrightAssertions.assertThat(page.locator("#rep-panel-worked")).hasText("0 min / 0 min", textWithin());
            screenshot(page, "04-rep-panel");

            // Three seconds back, so that all three knocks lie before the coverage period's end (now, excluded).
            long now = System.currentTimeMillis() - 3_000;
            device.record(
                            Activity.doorKnock(
                                            UUID.randomUUID().toString(), now, 40.71385, -74.00495, "SALE", "12 Elm St")
                                    .toBuilder()
                                    .contactName("J. Doe")
                                    .notes("signed on the spot")
                                    .amount(new BigDecimal("1200"))
                                    .build())
                    .block(TIMEOUT);
            PlaywrightAssertions.assertThat(page.locator("#rep-timeline .timeline__item[data-outcome=SALE]"))
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS));
            PlaywrightAssertions.assertThat(page.locator(".activity-pin[data-outcome=SALE]"))
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS));
            screenshot(page, "05-activity");

            device.record(Activity.doorKnock(
                                    UUID.randomUUID().toString(),
                                    now + 1000,
                                    40.71390,
                                    -74.00490,
                                    "CALLBACK",
                                    "14 Elm St")
                            .toBuilder()
                            .followUpAt(now - 60_000)
                            .build())
                    .block(TIMEOUT);
            device.record(Activity.doorKnock(
                                    UUID.randomUUID().toString(), now + 2000, 40.71395, -74.00485, "LEAD", "16 Elm St")
                            .toBuilder()
                            .followUpAt(now + 86_400_000L)
                            .build())
                    .block(TIMEOUT);
            page.locator("#follow-ups-toggle").click();
            Locator overdue = page.locator("#follow-up-items .follow-up.overdue");
            PlaywrightAssertions.assertThat(overdue)
                    .hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS));
            PlaywrightAssertions.assertThat(overdue).containsText("14 Elm St");
            PlaywrightAssertions.assertThat(page.locator("#follow-up-items .follow-up"))
                    .hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS));
            PlaywrightAssertions.assertThat(
                            page.locator("#follow-up-items .follow-up").first())
                    .containsText("14 Elm St");
            PlaywrightAssertions.assertThat(page.locator("#follow-ups-toggle")).hasText("Follow-ups · 1 overdue");
            PlaywrightAssertions.assertThat(page.locator("#rep-panel-today [data-counter=doors]"))
                    .hasText("3", textWithin());
            PlaywrightAssertions.assertThat(page.locator("#rep-panel-today [data-counter=leads]"))
                    .hasText("1", textWithin());
            screenshot(page, "07-follow-ups");
            page.locator("#follow-ups-close").click();

            page.locator("#activity-filter").selectOption("DOOR_KNOCK:SALE");
            PlaywrightAssertions.assertThat(page.locator(".activity-pin[data-outcome=CALLBACK]"))
                    .isHidden();
            PlaywrightAssertions.assertThat(page.locator(".activity-pin[data-outcome=LEAD]"))
                    .isHidden();
            PlaywrightAssertions.assertThat(page.locator(".activity-pin[data-outcome=SALE]"))
                    .isVisible();
            screenshot(page, "09-only-sales");
            page.locator("#activity-filter").selectOption("");
            PlaywrightAssertions.assertThat(page.locator(".activity-pin[data-outcome=CALLBACK]"))
                    .isVisible();

            // The three knocks above share one resolution-10 cell of the territory's (its default resolution).
            H3Core h3 = H3Core.newInstance();
            List<String> cells = h3.polygonToCellAddresses(
                    List.of(
                            new LatLng(40.7125, -74.0065),
                            new LatLng(40.7125, -74.0040),
                            new LatLng(40.7145, -74.0040),
                            new LatLng(40.7145, -74.0065)),
                    List.of(),
                    10);
            String knocked = h3.latLngToCellAddress(40.71385, -74.00495, 10);
            assertThat(h3.latLngToCellAddress(40.71395, -74.00485, 10)).isEqualTo(knocked);
            assertThat(cells).contains(knocked);
            page.locator("path.territory[data-territory-id=\"" + territory + "\"]")
                    .dispatchEvent("click");
            PlaywrightAssertions.assertThat(page.locator(".coverage-cell"))
                    .hasCount(cells.size(), new LocatorAssertions.HasCountOptions().setTimeout(WAIT_MS));
            PlaywrightAssertions.assertThat(page.locator(".coverage-cell:not([data-knocks=\"0\"])"))
                    .hasCount(1);
            PlaywrightAssertions.assertThat(page.locator(".coverage-cell[data-cell=\"" + knocked + "\"]"))
                    .hasAttribute("data-knocks", "3");
            PlaywrightAssertions.assertThat(page.locator("#coverage .coverage__summary"))
                    .containsText(Math.round(100.0 / cells.size()) + " % covered · 1 of " + cells.size() + " cells");
            page.locator("#coverage input[type=checkbox]").check();
            PlaywrightAssertions.assertThat(page.locator(".coverage-cell--not-worked"))
                    .hasCount(cells.size() - 1);
            screenshot(page, "08-coverage");
            page.locator("#coverage .close").click();
            PlaywrightAssertions.assertThat(page.locator(".coverage-cell")).hasCount(0);

            page.setViewportSize(700, 1000);
            PlaywrightAssertions.assertThat(panel)
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS));
            BoundingBox sheet = panel.boundingBox();
            assertThat(sheet.y + sheet.height)
                    .as("on a narrow screen the panel is a bottom sheet")
                    .isCloseTo(1000.0, offset(2.0));
            assertThat(sheet.width).isCloseTo(700.0, offset(2.0));
            screenshot(page, "06-tablet-bottom-sheet");
        }
        assertThat(pageErrors).as("uncaught errors in the page").isEmpty();
    }

    @Test
    void theConsoleFadesStaleRepsFiltersByTeamAndReconnectsFromTheLastAlertSeq() throws Exception {
        WaymarkApi api = new WaymarkApi(port);
        TeamId north = api.createTeam(WaymarkApi.unique("north"), Tracking.ALWAYS);
        TeamId south = api.createTeam(WaymarkApi.unique("south"), Tracking.ALWAYS);
        RepId nora = api.createRep(north, "Nora North");
        RepId sam = api.createRep(south, "Sam South");
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
                        List.of(north.toString(), south.toString())));
        long now = System.currentTimeMillis();
        String noraStale = repJson(
                nora,
                "Nora North",
                north,
                40.7128,
                -74.006,
                now - Duration.ofMinutes(5).toMillis(),
                "IDLE");
        String samDark = repJson(
                sam,
                "Sam South",
                south,
                40.70,
                -74.01,
                now - Duration.ofMinutes(20).toMillis(),
                "OFFLINE");

        // The live socket played by the test, as contract §5 describes it.
        List<String> urls = new CopyOnWriteArrayList<>();
        List<String> received = new CopyOnWriteArrayList<>();
        List<WebSocketRoute> sockets = new CopyOnWriteArrayList<>();
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800))) {
            Page page = context.newPage();
            page.setDefaultTimeout(WAIT_MS);
            page.onPageError(pageErrors::add);
            page.routeWebSocket(Pattern.compile(".*/ws/live\\?.*"), socket -> {
                urls.add(socket.url());
                sockets.add(socket);
                socket.onMessage(frame -> received.add(frame.text()));
                socket.send("{\"type\":\"snapshot\",\"reps\":[" + noraStale + "," + samDark + "],\"alerts\":["
                        + alertJson(
                                7,
                                nora,
                                north,
                                "IDLE",
                                "WARNING",
                                now - Duration.ofMinutes(10).toMillis())
                        + "],\"alertSeq\":7}");
            });

            signIn(page, username, password);
            page.waitForSelector("#connection[data-state=connected]");
            Locator noraMarker = page.locator("[data-rep-id=\"" + nora + "\"].rep-marker");
            Locator samMarker = page.locator("[data-rep-id=\"" + sam + "\"].rep-marker");
            PlaywrightAssertions.assertThat(noraMarker).hasAttribute("data-freshness", "stale", visible());
            PlaywrightAssertions.assertThat(samMarker).hasAttribute("data-freshness", "dark", visible());
            PlaywrightAssertions.assertThat(page.locator("#alerts")).hasAttribute("data-count", "1", visible());
            // The snapshot's alerts are not news: no alarm, the panel stays closed.
            PlaywrightAssertions.assertThat(page.locator("#alert-panel")).isHidden();
            PlaywrightAssertions.assertThat(page.locator("#alerts")).hasAttribute("data-alarms", "0");
            assertThat(List.of(noraMarker.boundingBox(), samMarker.boundingBox()))
                    .as("the map is fitted to every rep of the snapshot")
                    .allSatisfy(box -> {
                        assertThat(box.x).isBetween(0.0, 1280.0);
                        assertThat(box.y).isBetween(0.0, 800.0);
                    });
            assertThat(urls.get(0)).contains("access_token=").doesNotContain("sinceAlertSeq");

            sockets.get(0)
                    .send("{\"type\":\"rep\",\"rep\":"
                            + repJson(
                                    nora, "Nora North", north, 40.7130, -74.0058, System.currentTimeMillis(), "ACTIVE")
                            + "}");
            sockets.get(0)
                    .send("{\"type\":\"alert\",\"alert\":"
                            + alertJson(8, sam, south, "SOS", "CRITICAL", System.currentTimeMillis()) + "}");
            sockets.get(0)
                    .send("{\"type\":\"alert\",\"alert\":"
                            + alertJson(
                                    9,
                                    nora,
                                    north,
                                    "IDLE",
                                    "WARNING",
                                    now - Duration.ofMinutes(1).toMillis())
                            + "}");
            PlaywrightAssertions.assertThat(noraMarker).hasAttribute("data-freshness", "fresh", visible());
            PlaywrightAssertions.assertThat(noraMarker).hasAttribute("data-status", "ACTIVE", visible());
            PlaywrightAssertions.assertThat(page.locator("#alerts")).hasAttribute("data-count", "3", visible());
            // The critical alert opened the panel: CRITICAL first, then the oldest first; each row names its team.
            Locator rows = page.locator("#alert-panel .alert-row");
            PlaywrightAssertions.assertThat(rows).hasCount(3);
            assertThat(rows.evaluateAll("rows => rows.map(row => row.dataset.alertId)"))
                    .isEqualTo(List.of("alert-8", "alert-7", "alert-9"));
            PlaywrightAssertions.assertThat(page.locator("#alerts")).hasAttribute("data-alarms", "1");
            PlaywrightAssertions.assertThat(rows.first().locator(".alert-row__rep"))
                    .hasText("Sam South");
            PlaywrightAssertions.assertThat(rows.nth(1).locator(".alert-row__age"))
                    .hasText("10 min ago");
            screenshot(page, "10-fresh-stale-dark");

            page.selectOption("#team-filter", north.toString());
            PlaywrightAssertions.assertThat(samMarker)
                    .isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(WAIT_MS));
            // One team: only its alerts, and no team column.
            PlaywrightAssertions.assertThat(rows).hasCount(2);
            PlaywrightAssertions.assertThat(page.locator("#alert-panel .alert-row[data-alert-id=alert-8]"))
                    .hasCount(0);
            PlaywrightAssertions.assertThat(page.locator("#alert-panel .alert-row__team"))
                    .hasCount(0);
            PlaywrightAssertions.assertThat(noraMarker)
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS));
            page.waitForCondition(() -> received.stream().anyMatch(text -> text.contains("\"subscribe\"")));
            assertThat(received).anySatisfy(text -> assertThat(text)
                    .contains("\"type\":\"subscribe\"")
                    .contains(north.toString())
                    .doesNotContain(south.toString()));

            sockets.get(0).close(new WebSocketRoute.CloseOptions().setCode(1013).setReason("too slow"));
            PlaywrightAssertions.assertThat(page.locator("#connection"))
                    .hasAttribute("data-state", "reconnecting", visible());
            screenshot(page, "11-reconnecting");
            page.waitForSelector("#connection[data-state=connected]");
            assertThat(urls).hasSize(2);
            assertThat(urls.get(1)).contains("sinceAlertSeq=9");
            page.waitForCondition(() -> received.stream()
                            .filter(text -> text.contains("\"subscribe\""))
                            .count()
                    >= 2);
            assertThat(received.get(received.size() - 1))
                    .as("the team filter holds across a reconnect")
                    .contains(north.toString());
        }
        assertThat(pageErrors).as("uncaught errors in the page").isEmpty();
    }

    @Test
    void aDispatcherSeesAnSosInTheAlertPanelAndAcknowledgesIt() throws Exception {
        WaymarkApi api = new WaymarkApi(port);
        String teamName = WaymarkApi.unique("sos-team");
        TeamId team = api.createTeam(teamName, Tracking.ALWAYS);
        TeamId other = api.createTeam(WaymarkApi.unique("other-team"), Tracking.ALWAYS);
        RepId rep = api.createRep(team, "Sol Sos");
        DeviceCredentials credentials = api.createDevice(rep);
        String username = WaymarkApi.unique("dispatch");
        String password = "pw-" + UUID.randomUUID();
        String dispatcherId = (String) api.post(
                        api.adminToken(),
                        "/api/users",
                        Map.of(
                                "username",
                                username,
                                "password",
                                password,
                                "role",
                                Role.DISPATCH.name(),
                                "teamIds",
                                List.of(team.toString(), other.toString())))
                .get("id");
        String adminName = WaymarkApi.unique("admin");
        String adminPassword = "pw-" + UUID.randomUUID();
        api.post(
                api.adminToken(),
                "/api/users",
                Map.of(
                        "username",
                        adminName,
                        "password",
                        adminPassword,
                        "role",
                        Role.ADMIN.name(),
                        "teamIds",
                        List.of()));

        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
                BrowserContext adminContext =
                        browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
                WaymarkDevice device = WaymarkDevice.builder()
                        .websocket(URI.create("ws://127.0.0.1:" + port + "/rsocket"))
                        .token(credentials.token())
                        .bufferDirectory(Files.createTempDirectory("waymark-console-sos"))
                        .flushInterval(Duration.ofMillis(50))
                        .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
                        .build()) {
            Page page = context.newPage();
            page.setDefaultTimeout(WAIT_MS);
            page.onPageError(pageErrors::add);

            signIn(page, username, password);
            page.waitForSelector("#connection[data-state=connected]");
            Locator panel = page.locator("#alert-panel");
            Locator badge = page.locator("#alerts");
            PlaywrightAssertions.assertThat(panel).isHidden();
            PlaywrightAssertions.assertThat(badge).hasAttribute("data-alarms", "0");

            device.start().block(TIMEOUT);
            device.record(fix(40.74110, -73.98970, 0)).block(TIMEOUT);
            Locator marker = page.locator("[data-rep-id=\"" + rep + "\"].rep-marker");
            PlaywrightAssertions.assertThat(marker)
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS));

            device.record(Activity.of(UUID.randomUUID().toString(), "SOS", System.currentTimeMillis()).toBuilder()
                            .at(40.74120, -73.98960)
                            .notes("help")
                            .build())
                    .block(TIMEOUT);

            Locator row =
                    page.locator(".alert-row[data-kind=SOS][data-severity=CRITICAL][data-rep-id=\"" + rep + "\"]");
            PlaywrightAssertions.assertThat(row)
                    .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(WAIT_MS));
            // Nobody clicked the badge: a critical alert opens the panel by itself.
            PlaywrightAssertions.assertThat(panel).isVisible();
            PlaywrightAssertions.assertThat(page.locator("header.bar")).hasClass(Pattern.compile("\\bbar--alarm\\b"));
            PlaywrightAssertions.assertThat(badge).hasAttribute("data-alarm", "CRITICAL");
            PlaywrightAssertions.assertThat(badge).not().hasAttribute("data-alarms", "0");
            PlaywrightAssertions.assertThat(badge).hasAttribute("data-sound", Pattern.compile("played|blocked"));
            PlaywrightAssertions.assertThat(badge).hasAttribute("data-severity", "CRITICAL");
            // The welfare check goes to a device without a handler: the alert may have climbed to level 2 already.
            PlaywrightAssertions.assertThat(row).hasAttribute("data-level", Pattern.compile("[12]"));
            PlaywrightAssertions.assertThat(row).hasAttribute("data-state", "OPEN");
            PlaywrightAssertions.assertThat(row.locator(".alert-row__rep")).hasText("Sol Sos");
            PlaywrightAssertions.assertThat(row.locator(".alert-row__message")).hasText("SOS: help");
            PlaywrightAssertions.assertThat(row.locator(".alert-row__age"))
                    .hasText(Pattern.compile("just now|\\d+ s ago"));
            // A dispatcher of two teams, all teams shown: each row names its team.
            PlaywrightAssertions.assertThat(row.locator(".alert-row__team")).hasText(teamName);
            PlaywrightAssertions.assertThat(page.locator("#alert-panel-scope")).hasText("all 2 teams");
            String alertId = row.getAttribute("data-alert-id");

            row.locator(".alert-row__message").click();
            PlaywrightAssertions.assertThat(page.locator("#rep-panel")).hasAttribute("data-rep-id", rep.toString());
            PlaywrightAssertions.assertThat(marker).hasClass(Pattern.compile("\\brep-marker--selected\\b"));
            PlaywrightAssertions.assertThat(page.locator(".alert-marker[data-alert-id=\"" + alertId + "\"]"))
                    .hasClass(Pattern.compile("\\balert-marker--focused\\b"));
            PlaywrightAssertions.assertThat(row).hasClass(Pattern.compile("\\balert-row--focused\\b"));
            BoundingBox map = page.locator("#map").boundingBox();
            BoundingBox seen = marker.boundingBox();
            assertThat(seen.x).as("the alert's rep is brought into view").isBetween(map.x, map.x + map.width);
            assertThat(seen.y).isBetween(map.y, map.y + map.height);
            screenshot(page, "12-alert-panel");

            row.locator(".alert-ack").click();
            PlaywrightAssertions.assertThat(row).hasAttribute("data-state", "ACKNOWLEDGED");
            PlaywrightAssertions.assertThat(row.locator(".alert-ack")).hasCount(0);
            PlaywrightAssertions.assertThat(row.locator(".alert-row__meta")).containsText("Acked by " + username);
            // The flash stops once the critical alert is acknowledged.
            PlaywrightAssertions.assertThat(page.locator("header.bar"))
                    .not()
                    .hasClass(Pattern.compile("\\bbar--alarm\\b"));
            PlaywrightAssertions.assertThat(badge).not().hasAttribute("data-alarm", "CRITICAL");

            String token = api.login(username, password);
            List<Map<String, Object>> acknowledged = api.client()
                    .get()
                    .uri("/api/alerts?state=acknowledged")
                    .headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBodyList(new ParameterizedTypeReference<Map<String, Object>>() {})
                    .returnResult()
                    .getResponseBody();
            assertThat(acknowledged)
                    .filteredOn(alert -> alertId.equals(alert.get("id")))
                    .singleElement()
                    .satisfies(alert -> {
                        assertThat(alert.get("kind")).isEqualTo("SOS");
                        assertThat(alert.get("ackedBy")).isEqualTo(username);
                        assertThat(alert.get("repId")).isEqualTo(rep.toString());
                    });

            row.locator(".alert-assign").click();
            PlaywrightAssertions.assertThat(row.locator(".alert-row__meta")).containsText("Assigned to you");
            PlaywrightAssertions.assertThat(row.locator(".alert-assign")).hasCount(0);

            // An admin's console: the alert is old news (no alarm, the badge opens the panel); the admin takes it, then
            // hands it back to the dispatcher with the picker. Both consoles follow each change live.
            Page admin = adminContext.newPage();
            admin.setDefaultTimeout(WAIT_MS);
            admin.onPageError(pageErrors::add);
            signIn(admin, adminName, adminPassword);
            admin.waitForSelector("#connection[data-state=connected]");
            PlaywrightAssertions.assertThat(admin.locator("#alert-panel")).isHidden();
            admin.locator("#alerts").click();
            Locator adminRow = admin.locator(".alert-row[data-alert-id=\"" + alertId + "\"]");
            PlaywrightAssertions.assertThat(adminRow.locator(".alert-row__meta"))
                    .containsText("Assigned to " + username);
            PlaywrightAssertions.assertThat(admin.locator("#alerts")).hasAttribute("data-alarms", "0");
            adminRow.locator(".alert-assign").click();
            PlaywrightAssertions.assertThat(adminRow.locator(".alert-row__meta"))
                    .containsText("Assigned to you");
            PlaywrightAssertions.assertThat(row.locator(".alert-row__meta"))
                    .not()
                    .containsText("Assigned to you");
            PlaywrightAssertions.assertThat(row.locator(".alert-assign")).hasCount(1);
            adminRow.locator("select.alert-assignee").selectOption(dispatcherId);
            PlaywrightAssertions.assertThat(adminRow.locator(".alert-row__meta"))
                    .containsText("Assigned to " + username);
            PlaywrightAssertions.assertThat(row.locator(".alert-row__meta")).containsText("Assigned to you");
            PlaywrightAssertions.assertThat(row.locator(".alert-assign")).hasCount(0);
            admin.close();

            page.locator("#rep-panel-close").click();
            page.setViewportSize(700, 1000);
            PlaywrightAssertions.assertThat(row).isVisible();
            BoundingBox sheet = panel.boundingBox();
            assertThat(sheet.y + sheet.height)
                    .as("on a narrow screen the alert panel is a bottom sheet")
                    .isCloseTo(1000.0, offset(2.0));
            assertThat(sheet.width).isCloseTo(700.0, offset(2.0));
            assertThat(sheet.height).as("it leaves most of the map in view").isLessThan(500.0);
            row.locator(".alert-row__message").click();
            PlaywrightAssertions.assertThat(page.locator("#rep-panel")).isHidden();
            PlaywrightAssertions.assertThat(marker).hasClass(Pattern.compile("\\brep-marker--selected\\b"));
            BoundingBox narrowSeen = marker.boundingBox();
            assertThat(narrowSeen.y + narrowSeen.height / 2)
                    .as("the rep is panned into the part of the map above the sheet")
                    .isLessThan(sheet.y);
            screenshot(page, "13-alert-sheet");

            page.onceDialog(dialog -> dialog.accept("called back, all fine"));
            row.locator(".alert-resolve").click();
            PlaywrightAssertions.assertThat(row).hasCount(0);
            PlaywrightAssertions.assertThat(badge).hasAttribute("data-count", "0");
            PlaywrightAssertions.assertThat(page.locator("#alert-empty")).isVisible();
            PlaywrightAssertions.assertThat(page.locator(".alert-marker")).hasCount(0);
            List<Map<String, Object>> resolved = api.client()
                    .get()
                    .uri("/api/alerts?state=resolved")
                    .headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBodyList(new ParameterizedTypeReference<Map<String, Object>>() {})
                    .returnResult()
                    .getResponseBody();
            assertThat(resolved)
                    .filteredOn(alert -> alertId.equals(alert.get("id")))
                    .singleElement()
                    .satisfies(alert -> {
                        assertThat(alert.get("resolvedBy")).isEqualTo(username);
                        assertThat(alert.get("note")).isEqualTo("called back, all fine");
                    });
        }
        assertThat(pageErrors).as("uncaught errors in the page").isEmpty();
    }

    private void signIn(Page page, String username, String password) {
        Chromium.signIn(page, port, username, password);
    }

    private static String repJson(RepId rep, String name, TeamId team, double lat, double lon, long ts, String status) {
        return String.format(
                Locale.ROOT,
                "{\"repId\":\"%s\",\"name\":\"%s\",\"teamId\":\"%s\",\"lat\":%.6f,\"lon\":%.6f,\"ts\":%d,"
                        + "\"speed\":1.2,\"heading\":90,\"accuracy\":5,\"battery\":0.5,\"status\":\"%s\","
                        + "\"today\":{\"doors\":3,\"contacts\":2,\"leads\":1,\"appointments\":0,\"sales\":0,"
                        + "\"revenue\":0}}",
                rep,
                name,
                team,
                lat,
                lon,
                ts,
                status);
    }

    private static String alertJson(long seq, RepId rep, TeamId team, String kind, String severity, long raisedAt) {
        return String.format(
                Locale.ROOT,
                "{\"id\":\"alert-%d\",\"seq\":%d,\"kind\":\"%s\",\"severity\":\"%s\",\"state\":\"OPEN\","
                        + "\"level\":1,\"repId\":\"%s\",\"teamId\":\"%s\",\"raisedAt\":%d,\"updatedAt\":%d,"
                        + "\"message\":\"%s\"}",
                seq,
                seq,
                kind,
                severity,
                rep,
                team,
                raisedAt,
                System.currentTimeMillis(),
                kind.toLowerCase(Locale.ROOT));
    }

    private static Fix fix(double lat, double lon, double heading) {
        return Fix.at(lat, lon)
                .withAccuracyMeters(6)
                .withSpeedMetersPerSecond(1.4)
                .withHeadingDegrees(heading)
                .withBatteryFraction(0.76);
    }

    private static LocatorAssertions.HasAttributeOptions visible() {
        return new LocatorAssertions.HasAttributeOptions().setTimeout(WAIT_MS);
    }

    private static LocatorAssertions.HasTextOptions textWithin() {
        return new LocatorAssertions.HasTextOptions().setTimeout(WAIT_MS);
    }

    private static void screenshot(Page page, String name) {
        Chromium.screenshot(page, name);
    }
}
