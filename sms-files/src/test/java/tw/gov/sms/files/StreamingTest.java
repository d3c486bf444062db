package tw.gov.sms.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million-row xlsx (written with POI's streaming writer, as large exports are) is read back row by row while the
 * heap the reader retains stays flat. Memory, not time, is asserted: time depends on the machine.
 */
class StreamingTest {

    static final int ROWS = 1_000_000;
    static final long MAX_RETAINED = 64L << 20;

    @TempDir
    Path dir;

    @Test
    void streamsAMillionRowWorkbookInFlatHeap() throws Exception {
        Path file = dir.resolve("million.xlsx");
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        wb.setCompressTempFiles(true);
        try {
            Sheet sheet = wb.createSheet("名單");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("手機號碼");
            header.createCell(1).setCellValue("姓名");
            header.createCell(2).setCellValue("案號");
            for (int i = 1; i <= ROWS; i++) {
                Row row = sheet.createRow(i);
                if (i % 2 == 0) {
                    row.createCell(0).setCellValue(900_000_000d + i); // a numeric cell, as Excel stores typed numbers
                } else {
                    row.createCell(0).setCellValue("09" + (10_000_000 + i));
                }
                row.createCell(1).setCellValue("王小明" + i);
                row.createCell(2).setCellValue(i);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        } finally {
            wb.close(); // also deletes SXSSF's temporary files
        }

        long before = usedHeapAfterGc();
        long count = 0;
        try (RecipientFileReader reader = RecipientFiles.open(file, "million.xlsx", FileLimits.defaults())) {
            assertThat(reader.description().columns()).containsExactly("手機號碼", "姓名", "案號");
            FileRow row;
            long retainedMidway = -1;
            while ((row = reader.next()) != null) {
                count++;
                if (count == ROWS / 2) {
                    retainedMidway = usedHeapAfterGc() - before;
                    assertThat(row.ordinal()).isEqualTo(count);
                    assertThat(row.line()).isEqualTo(ROWS / 2 + 1);
                    assertThat(row.phone()).isEqualTo("900500000");
                    assertThat(row.values()).containsEntry("姓名", "王小明500000").containsEntry("案號", "500000");
                }
                if (count == 1) {
                    assertThat(row.phone()).isEqualTo("0910000001");
                }
            }
            long retainedAtEnd = usedHeapAfterGc() - before;
            assertThat(retainedMidway)
                    .as("heap retained by the reader half-way")
                    .isLessThan(MAX_RETAINED);
            assertThat(retainedAtEnd)
                    .as("heap retained by the reader at the end")
                    .isLessThan(MAX_RETAINED);
        }
        assertThat(count).isEqualTo(ROWS);
    }

    @Test
    void streamsAMillionLineBig5CsvInFlatHeap() throws Exception {
        // Detection and parsing both stream: neither holds the file, however large.
        Path file = dir.resolve("million.csv");
        try (java.io.Writer w = Files.newBufferedWriter(file, TextEncoding.BIG5.charset())) {
            w.write("手機號碼,姓名,地址\r\n");
            for (int i = 1; i <= ROWS; i++) {
                w.write("09" + (10_000_000 + i) + ",王碁明" + i + ",\"臺北市, 中正區\"\r\n");
            }
        }
        long before = usedHeapAfterGc();
        long count = 0;
        try (RecipientFileReader reader = RecipientFiles.open(file, "million.csv", FileLimits.defaults())) {
            assertThat(reader.description().encoding()).isEqualTo(TextEncoding.BIG5);
            long retainedMidway = -1;
            FileRow row;
            while ((row = reader.next()) != null) {
                count++;
                if (count == ROWS / 2) {
                    retainedMidway = usedHeapAfterGc() - before;
                    assertThat(row.values()).containsEntry("姓名", "王碁明" + count).containsEntry("地址", "臺北市, 中正區");
                }
            }
            assertThat(retainedMidway)
                    .as("heap retained by the reader half-way")
                    .isLessThan(MAX_RETAINED);
        }
        assertThat(count).isEqualTo(ROWS);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
