package tw.gov.sms.reporting.interfaces.rest;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;
import tw.gov.sms.reports.Column;
import tw.gov.sms.reports.ReportWriter;
import tw.gov.sms.reports.RowSink;
import tw.gov.sms.reports.Sheet;

/**
 * The same reports as JSON, for screens and agency systems: {@code {"sheets":[{"name", "titleZh",
 * "titleEn", "notes", "columns":[{key, zh, en, kind}], "rows":[{key: value}], "totals":[…]}]}}. Numbers
 * stay numbers (money and rates exact, as decimals); times are ISO-8601 strings.
 */
final class JsonReportWriter implements ReportWriter {

    private final JsonGenerator json;

    JsonReportWriter(OutputStream out) {
        this.json = Json.createGenerator(out);
        json.writeStartObject().writeStartArray("sheets");
    }

    @Override
    public void sheet(Sheet spec, Consumer<RowSink> rows) {
        json.writeStartObject()
                .write("name", spec.name())
                .write("titleZh", spec.titleZh())
                .write("titleEn", spec.titleEn());
        json.writeStartArray("notes");
        spec.notes().forEach(json::write);
        json.writeEnd();
        json.writeStartArray("columns");
        for (Column c : spec.columns()) {
            json.writeStartObject()
                    .write("key", c.key())
                    .write("zh", c.zh())
                    .write("en", c.en())
                    .write("kind", c.kind().name())
                    .writeEnd();
        }
        json.writeEnd();
        StringBuilderSink sink = new StringBuilderSink(spec.columns());
        json.writeStartArray("rows");
        sink.phase = "rows";
        rows.accept(sink);
        json.writeEnd();
        json.writeStartArray("totals");
        sink.totals.forEach(t -> object(spec.columns(), t));
        json.writeEnd();
        json.writeEnd();
    }

    private void object(List<Column> columns, List<?> values) {
        json.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            Object v = i < values.size() ? values.get(i) : null;
            String key = columns.get(i).key();
            if (v == null) {
                json.writeNull(key);
            } else if (v instanceof BigDecimal d) {
                json.write(key, d);
            } else if (v instanceof Long l) {
                json.write(key, l);
            } else if (v instanceof Integer n) {
                json.write(key, n);
            } else {
                json.write(key, v.toString());
            }
        }
        json.writeEnd();
    }

    private final class StringBuilderSink implements RowSink {
        private final List<Column> columns;
        private final java.util.List<List<?>> totals = new java.util.ArrayList<>();
        private String phase;

        StringBuilderSink(List<Column> columns) {
            this.columns = columns;
        }

        @Override
        public void row(List<?> values) {
            object(columns, values);
        }

        @Override
        public void total(List<?> values) {
            totals.add(new java.util.ArrayList<>(values));
        }
    }

    @Override
    public void close() {
        json.writeEnd().writeEnd();
        json.flush();
    }
}
