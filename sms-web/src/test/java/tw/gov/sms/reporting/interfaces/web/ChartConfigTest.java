package tw.gov.sms.reporting.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartConfigTest {

    private static JsonObject parse(String script) {
        return Json.createReader(new StringReader(script)).readObject();
    }

    @Test
    void buildsABarChartWithOneBarPerAgency() {
        JsonObject config =
                parse(ChartConfig.bar("今日各機關收件人數", List.of("數位發展部", "臺北市政府"), "收件人數", List.of(1200L, 35L), "收件人數"));
        assertThat(config.getString("type")).isEqualTo("bar");
        assertThat(config.getJsonObject("data").getJsonArray("labels").getString(1))
                .isEqualTo("臺北市政府");
        var dataset = config.getJsonObject("data").getJsonArray("datasets").getJsonObject(0);
        assertThat(dataset.getString("label")).isEqualTo("收件人數");
        assertThat(dataset.getJsonArray("data").getJsonNumber(0).longValue()).isEqualTo(1200);
        assertThat(config.getJsonObject("options")
                        .getJsonObject("plugins")
                        .getJsonObject("title")
                        .getString("text"))
                .isEqualTo("今日各機關收件人數");
        assertThat(config.getJsonObject("options")
                        .getJsonObject("scales")
                        .getJsonObject("y")
                        .getBoolean("beginAtZero"))
                .isTrue();
    }

    @Test
    void drawsVolumeOnTheLeftAndTheRateInPerCentOnTheRightWithGapsForDaysWithoutARate() {
        JsonObject config = parse(ChartConfig.volumeAndRate(
                "近 14 日",
                List.of("11-26", "11-27", "11-28"),
                "簡訊量",
                List.of(10L, 0L, 2000L),
                "送達率（%）",
                Arrays.asList(new BigDecimal("0.9876"), null, BigDecimal.ONE),
                "則",
                "%"));
        assertThat(config.getString("type")).isEqualTo("line");
        var datasets = config.getJsonObject("data").getJsonArray("datasets");
        assertThat(datasets.getJsonObject(0).getString("yAxisID")).isEqualTo("y");
        var rates = datasets.getJsonObject(1);
        assertThat(rates.getString("yAxisID")).isEqualTo("y1");
        assertThat(rates.getJsonArray("data").getJsonNumber(0).bigDecimalValue())
                .isEqualByComparingTo("98.8");
        assertThat(rates.getJsonArray("data").get(1)).isEqualTo(JsonValue.NULL);
        assertThat(rates.getJsonArray("data").getJsonNumber(2).bigDecimalValue())
                .isEqualByComparingTo("100");
        // The two series differ by more than colour: a dashed line and another point shape.
        assertThat(rates.getJsonArray("borderDash")).isNotEmpty();
        assertThat(rates.getString("pointStyle"))
                .isNotEqualTo(datasets.getJsonObject(0).getString("pointStyle"));
        var y1 = config.getJsonObject("options").getJsonObject("scales").getJsonObject("y1");
        assertThat(y1.getInt("max")).isEqualTo(100);
        assertThat(y1.getString("position")).isEqualTo("right");
    }

    @Test
    void anAgencyNameCannotEndTheScriptItIsWrittenInto() {
        String script = ChartConfig.bar(
                "t", List.of("</script><script>alert(1)</script>", "A & B <!--"), "n", List.of(1L, 2L), "n");
        assertThat(script).doesNotContain("<").doesNotContain(">").doesNotContain("&");
        // Still the same data once parsed.
        assertThat(parse(script).getJsonObject("data").getJsonArray("labels").getString(0))
                .isEqualTo("</script><script>alert(1)</script>");
        assertThat(parse(script).getJsonObject("data").getJsonArray("labels").getString(1))
                .isEqualTo("A & B <!--");
    }

    @Test
    void escapesTheLineSeparatorsOldJavaScriptRefusedInStrings() {
        String script = ChartConfig.bar("t", List.of("a\u2028b\u2029c"), "n", List.of(1L), "n");
        assertThat(script).doesNotContain("\u2028").doesNotContain("\u2029").contains("\\u2028");
    }

    @Test
    void refusesSeriesOfDifferentLengths() {
        assertThatThrownBy(() -> ChartConfig.bar("t", List.of("a", "b"), "n", List.of(1L), "n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChartConfig.volumeAndRate(
                        "t", List.of("a"), "v", List.of(1L, 2L), "r", List.of(BigDecimal.ONE), "v", "r"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundsThePercentHalfUpToOneDecimal() {
        assertThat(ChartConfig.percent(new BigDecimal("0.12345"))).isEqualByComparingTo("12.3");
        assertThat(ChartConfig.percent(new BigDecimal("0.12350"))).isEqualByComparingTo("12.4");
    }
}
