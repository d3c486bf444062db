package tw.gov.sms.reporting.interfaces.web;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Chart.js configurations for {@code p:chart} (PrimeFaces 15 takes the configuration as JSON text; the Java
 * chart models of older PrimeFaces are gone). Plain functions of the figures, so they are tested without a
 * server. The text is written into a {@code <script>}, so {@link #script} escapes what could end it: an
 * agency name is data, never markup.
 *
 * <p>Colours are the portal's blue and a dark orange with a dashed line, so the two series differ by more
 * than colour (WCAG 1.4.1); the figures themselves are in the table beside each chart (its text alternative).
 */
final class ChartConfig {

    static final String BLUE = "#0b3d91";
    static final String ORANGE = "#b35900";

    private ChartConfig() {}

    /** A bar chart: one bar per label. */
    static String bar(String title, List<String> labels, String seriesLabel, List<Long> values, String axisTitle) {
        if (labels.size() != values.size()) {
            throw new IllegalArgumentException("labels and values differ in length");
        }
        JsonArrayBuilder data = Json.createArrayBuilder();
        values.forEach(v -> data.add(v == null ? 0 : v));
        JsonObject config = Json.createObjectBuilder()
                .add("type", "bar")
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add("labels", strings(labels))
                                .add(
                                        "datasets",
                                        Json.createArrayBuilder()
                                                .add(Json.createObjectBuilder()
                                                        .add("label", seriesLabel)
                                                        .add("data", data)
                                                        .add("backgroundColor", BLUE)
                                                        .add("borderColor", BLUE))))
                .add(
                        "options",
                        options(title)
                                .add(
                                        "scales",
                                        Json.createObjectBuilder()
                                                .add("y", axis(axisTitle).add("beginAtZero", true))))
                .build();
        return script(config);
    }

    /**
     * A line chart of a volume (left axis) and a delivery rate in per cent (right axis, 0-100) per label.
     * A rate of {@code null} (nothing final that day) is a gap, not a zero.
     *
     * @param rates fractions 0..1, shown as per cent with one decimal
     */
    static String volumeAndRate(
            String title,
            List<String> labels,
            String volumeLabel,
            List<Long> volumes,
            String rateLabel,
            List<BigDecimal> rates,
            String volumeAxis,
            String rateAxis) {
        if (labels.size() != volumes.size() || labels.size() != rates.size()) {
            throw new IllegalArgumentException("labels, volumes and rates differ in length");
        }
        JsonArrayBuilder volumeData = Json.createArrayBuilder();
        volumes.forEach(v -> volumeData.add(v == null ? 0 : v));
        JsonArrayBuilder rateData = Json.createArrayBuilder();
        for (BigDecimal r : rates) {
            if (r == null) {
                rateData.addNull();
            } else {
                rateData.add(percent(r));
            }
        }
        JsonObject config = Json.createObjectBuilder()
                .add("type", "line")
                .add(
                        "data",
                        Json.createObjectBuilder()
                                .add("labels", strings(labels))
                                .add(
                                        "datasets",
                                        Json.createArrayBuilder()
                                                .add(Json.createObjectBuilder()
                                                        .add("label", volumeLabel)
                                                        .add("data", volumeData)
                                                        .add("yAxisID", "y")
                                                        .add("borderColor", BLUE)
                                                        .add("backgroundColor", BLUE)
                                                        .add("pointStyle", "circle")
                                                        .add("tension", 0))
                                                .add(Json.createObjectBuilder()
                                                        .add("label", rateLabel)
                                                        .add("data", rateData)
                                                        .add("yAxisID", "y1")
                                                        .add("borderColor", ORANGE)
                                                        .add("backgroundColor", ORANGE)
                                                        .add(
                                                                "borderDash",
                                                                Json.createArrayBuilder()
                                                                        .add(6)
                                                                        .add(4))
                                                        .add("pointStyle", "rectRot")
                                                        .add("spanGaps", false)
                                                        .add("tension", 0))))
                .add(
                        "options",
                        options(title)
                                .add(
                                        "scales",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "y",
                                                        axis(volumeAxis)
                                                                .add("beginAtZero", true)
                                                                .add("position", "left"))
                                                .add(
                                                        "y1",
                                                        axis(rateAxis)
                                                                .add("min", 0)
                                                                .add("max", 100)
                                                                .add("position", "right")
                                                                .add(
                                                                        "grid",
                                                                        Json.createObjectBuilder()
                                                                                .add("drawOnChartArea", false)))))
                .build();
        return script(config);
    }

    /** A fraction 0..1 as per cent with one decimal (0.98765 → 98.8). */
    static BigDecimal percent(BigDecimal fraction) {
        return fraction.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP);
    }

    /**
     * JSON that is safe inside an HTML {@code <script>}: {@code <}, {@code >} and {@code &} as unicode escapes
     * (so no {@code </script>} or comment opener), and the line separators JavaScript once refused in strings.
     */
    static String script(JsonObject config) {
        String json = config.toString();
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static JsonObjectBuilder options(String title) {
        return Json.createObjectBuilder()
                .add("responsive", true)
                .add("maintainAspectRatio", false)
                .add("animation", false)
                .add(
                        "plugins",
                        Json.createObjectBuilder()
                                .add(
                                        "title",
                                        Json.createObjectBuilder()
                                                .add("display", true)
                                                .add("text", title))
                                .add(
                                        "legend",
                                        Json.createObjectBuilder()
                                                .add("display", true)
                                                .add(
                                                        "labels",
                                                        Json.createObjectBuilder()
                                                                .add("usePointStyle", true))));
    }

    private static JsonObjectBuilder axis(String title) {
        return Json.createObjectBuilder()
                .add("title", Json.createObjectBuilder().add("display", true).add("text", title));
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(v -> array.add(v == null ? "" : v));
        return array;
    }
}
