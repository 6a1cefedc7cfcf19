package io.waymark.metrics.web;

import io.waymark.metrics.internal.Totals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The funnel doors → contacts → leads → appointments → sales. Each knock has one outcome, so a stage counts the knocks
 * that reached at least it: leads are knocks ending in a lead, an appointment or a sale; appointments those ending in
 * an appointment or a sale. Each stage has its share of the stage before ({@code conversion}), null after an empty
 * stage.
 */
final class Funnel {

    private Funnel() {}

    static List<Map<String, Object>> of(Totals totals) {
        int sales = totals.tally().sales();
        int appointments = totals.tally().appointments() + sales;
        int leads = totals.tally().leads() + appointments;
        int[] counts = {totals.tally().doors(), totals.tally().contacts(), leads, appointments, sales};
        String[] names = {"doors", "contacts", "leads", "appointments", "sales"};
        List<Map<String, Object>> stages = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put("stage", names[i]);
            stage.put("count", counts[i]);
            stage.put(
                    "conversion",
                    i == 0 || counts[i - 1] == 0 ? null : Math.round(10_000.0 * counts[i] / counts[i - 1]) / 10_000.0);
            stages.add(stage);
        }
        return stages;
    }
}
