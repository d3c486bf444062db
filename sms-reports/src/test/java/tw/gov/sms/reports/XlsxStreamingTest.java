package tw.gov.sms.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxStreamingTest {

    private static final int ROWS = 300_000;

    /** Fewer columns than a real export, to keep the test quick; every kind is tested elsewhere. */
    private static final Sheet RECORDS = new Sheet(
            "發送紀錄",
            "簡訊發送紀錄",
            "Sending records",
            List.of("機關 Agency: 數位發展部", "期間 Period: 2026-10"),
            List.of(
                    new Column("agency", "機關", "Agency", Column.Kind.TEXT),
                    new Column("id", "序號", "No.", Column.Kind.INTEGER),
                    new Column("fee", "費用", "Fee", Column.Kind.MONEY),
                    new Column("at", "發送時間", "Sent at", Column.Kind.DATE_TIME)));

    @Test
    void streamsHundredsOfThousandsOfRowsThroughATemporaryFile(@TempDir Path dir, @TempDir Path poiTemp)
            throws IOException, XMLStreamException {
        Path file = dir.resolve("records.xlsx");
        Instant start = Instant.parse("2026-10-01T00:00:00Z");
        // POI's temporary files go to a directory of this test's own, to see them come and go.
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(poiTemp.toFile()));
        try (OutputStream out = Files.newOutputStream(file);
                var report = new XlsxReportWriter(out)) {
            report.sheet(RECORDS, rows -> {
                for (int i = 1; i <= ROWS; i++) {
                    rows.row(Arrays.asList("機關 " + i, (long) i, BigDecimal.valueOf(i, 2), start.plusSeconds(i)));
                }
                assertThat(poiTemp.toFile().list()).as("rows wait on disk").isNotEmpty();
            });
        } finally {
            TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy());
        }
        assertThat(poiTemp).as("temporary files deleted on close").isEmptyDirectory();

        // Read back as a stream too: the XML of the worksheet, one <row> at a time.
        int rows = 0;
        String lastRowNumber = null;
        String lastText = null;
        try (var zip = new ZipFile(file.toFile());
                InputStream xml = zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml"))) {
            XMLStreamReader reader = XMLInputFactory.newFactory().createXMLStreamReader(xml);
            boolean firstCellText = false;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamReader.START_ELEMENT
                        && reader.getLocalName().equals("row")) {
                    rows++;
                    lastRowNumber = reader.getAttributeValue(null, "r");
                    firstCellText = true;
                } else if (event == XMLStreamReader.START_ELEMENT
                        && reader.getLocalName().equals("t")
                        && firstCellText) {
                    lastText = reader.getElementText();
                    firstCellText = false;
                }
            }
        }
        int headerRows = 5; // title, two notes, two headers (the empty row has no <row>)
        assertThat(rows).isEqualTo(ROWS + headerRows);
        assertThat(lastRowNumber).isEqualTo(String.valueOf(ROWS + 6));
        assertThat(lastText).isEqualTo("機關 " + ROWS);
    }
}
