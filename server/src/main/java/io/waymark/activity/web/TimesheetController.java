package io.waymark.activity.web;

import io.waymark.activity.internal.Timesheet;
import io.waymark.activity.internal.Timesheets;
import io.waymark.identity.CurrentUser;
import io.waymark.identity.RepId;
import io.waymark.problem.InvalidInputException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/reps/{repId}/timesheet?day=YYYY-MM-DD}: a rep's shifts and breaks in a day of their team, and how the
 * worked time splits into active and idle.
 */
@RestController
class TimesheetController {

    private final Timesheets timesheets;
    private final Clock clock;

    TimesheetController(Timesheets timesheets, Clock clock) {
        this.timesheets = timesheets;
        this.clock = clock;
    }

    /** A span with epoch-millisecond ends; {@code open} while it is still running. */
    record SpanView(long start, long end, boolean open) {

        static List<SpanView> of(List<Timesheet.Span> spans) {
            return spans.stream()
                    .map(span ->
                            new SpanView(span.start().toEpochMilli(), span.end().toEpochMilli(), span.open()))
                    .toList();
        }
    }

    record TimesheetView(
            String repId,
            String day,
            String timeZone,
            long shiftMinutes,
            long breakMinutes,
            long workedMinutes,
            long activeMinutes,
            long idleMinutes,
            List<SpanView> shifts,
            List<SpanView> breaks,
            List<SpanView> idle) {}

    @GetMapping("/api/reps/{repId}/timesheet")
    Mono<TimesheetView> timesheet(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String repId,
            @RequestParam(required = false) String day) {
        RepId rep = new RepId(Ids.uuid(repId, "rep"));
        LocalDate theDay = null;
        if (day != null && !day.isBlank()) {
            try {
                theDay = LocalDate.parse(day.strip());
            } catch (DateTimeException notADay) {
                throw new InvalidInputException("day", "must be a date such as 2026-11-30");
            }
        }
        return timesheets.dayOf(user, rep, theDay, clock.instant()).map(found -> {
            Timesheet sheet = found.sheet();
            return new TimesheetView(
                    repId,
                    sheet.day().toString(),
                    sheet.zone().getId(),
                    sheet.shiftMinutes(),
                    sheet.breakMinutes(),
                    sheet.workedMinutes(),
                    found.worked().active().toMinutes(),
                    found.worked().idle().toMinutes(),
                    SpanView.of(sheet.shifts()),
                    SpanView.of(sheet.breaks()),
                    SpanView.of(found.worked().idleSpans()));
        });
    }
}
