package tw.gov.sms.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxReportWriterTest {

    private static final DataFormatter SHOWN = new DataFormatter();

    @Test
    void writesTypedCellsUnderBilingualHeaders() throws IOException {
        try (XSSFWorkbook book = read(write(Fixtures.statistics("統計")))) {
            XSSFSheet sheet = book.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("統計");

            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("簡訊發送統計表 SMS sending statistics");
            assertThat(book.getFontAt(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex())
                            .getBold())
                    .isTrue();
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("機關 Agency: 數位發展部");
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("期間 Period: 2026-10");
            assertThat((Object) sheet.getRow(3)).isNull();
            assertThat(strings(sheet.getRow(4))).containsExactly("機關", "發送則數", "平均則數", "費用", "成功率", "日期", "完成時間");
            assertThat(strings(sheet.getRow(5)))
                    .containsExactly(
                            "Agency",
                            "Messages sent",
                            "Average segments",
                            "Fee (NT$)",
                            "Delivery rate",
                            "Date",
                            "Completed at");
            assertThat(bold(book, sheet.getRow(5).getCell(0))).isTrue();
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 6);

            Row first = sheet.getRow(6);
            assertThat(first.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(first.getCell(0).getStringCellValue()).isEqualTo("數位發展部");
            assertNumber(first.getCell(1), 12345, "#,##0", "12,345");
            assertNumber(first.getCell(2), 1.5, "#,##0.0", "1.5");
            assertNumber(first.getCell(3), 1234567, "#,##0", "1,234,567");
            assertNumber(first.getCell(4), 0.9876, "0.00%", "98.76%");
            assertThat(DateUtil.isCellDateFormatted(first.getCell(5))).isTrue();
            assertThat(first.getCell(5).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 10, 1, 0, 0));
            assertThat(first.getCell(5).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(SHOWN.formatCellValue(first.getCell(5))).isEqualTo("2026-10-01");
            assertThat(DateUtil.isCellDateFormatted(first.getCell(6))).isTrue();
            assertThat(first.getCell(6).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 10, 1, 9, 2, 3));
            assertThat(first.getCell(6).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
            assertThat(SHOWN.formatCellValue(first.getCell(6))).isEqualTo("2026-10-01 09:02:03");
            assertThat(bold(book, first.getCell(1))).isFalse();

            Row formulaLike = sheet.getRow(7);
            assertThat(formulaLike.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(formulaLike.getCell(0).getStringCellValue()).isEqualTo("=1+1");
            assertThat(formulaLike.getCell(0).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(first.getCell(0).getCellStyle().getQuotePrefixed()).isFalse();
            assertNumber(formulaLike.getCell(1), 7, "#,##0", "7");
            assertThat(formulaLike.getCell(2)).isNull();
            assertNumber(formulaLike.getCell(3), 0.7, "#,##0.00", "0.70");
            assertThat(formulaLike.getCell(4)).isNull();
            assertThat(formulaLike.getCell(5)).isNull();
            assertThat(formulaLike.getCell(6).getLocalDateTimeCellValue())
                    .isEqualTo(LocalDateTime.of(2026, 11, 1, 0, 30));

            Row total = sheet.getRow(8);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合計 Total");
            assertNumber(total.getCell(3), 1234567.7, "#,##0.00", "1,234,567.70");
            assertThat(bold(book, total.getCell(0))).isTrue();
            assertThat(bold(book, total.getCell(3))).isTrue();
            assertThat(sheet.getLastRowNum()).isEqualTo(8);

            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
                }
            }
        }
    }

    @Test
    void givesEachSheetASafeUniqueName() throws IOException {
        var out = new ByteArrayOutputStream();
        try (var report = new XlsxReportWriter(out)) {
            report.sheet(Fixtures.statistics("2026/10: 統計 [全部]"), rows -> rows.row(Fixtures.FIRST));
            report.sheet(Fixtures.statistics("2026/10: 統計 [全部]"), rows -> rows.row(Fixtures.FORMULA_LIKE));
            report.sheet(Fixtures.statistics("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三"), rows -> {});
        }
        try (XSSFWorkbook book = read(out.toByteArray())) {
            assertThat(book.getNumberOfSheets()).isEqualTo(3);
            assertThat(book.getSheetName(0)).isEqualTo("2026_10_ 統計 _全部_");
            assertThat(book.getSheetName(1)).isEqualTo("2026_10_ 統計 _全部_ (2)");
            assertThat(book.getSheetName(2)).isEqualTo("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一");
            assertThat(book.getSheetAt(1).getRow(6).getCell(0).getStringCellValue())
                    .isEqualTo("=1+1");
            assertThat(book.getSheetAt(2).getLastRowNum()).isEqualTo(5);
        }
    }

    @Test
    void continuesPastTheRowLimitOnANewWorksheet() throws IOException {
        var out = new ByteArrayOutputStream();
        try (var report = new XlsxReportWriter(out, 20)) {
            report.sheet(Fixtures.statistics("發送紀錄"), rows -> {
                for (int i = 1; i <= 25; i++) {
                    rows.row(Arrays.asList("第 " + i + " 列", (long) i, null, null, null, null, null));
                }
            });
        }
        try (XSSFWorkbook book = read(out.toByteArray())) {
            assertThat(book.getNumberOfSheets()).isEqualTo(2);
            assertThat(book.getSheetName(1)).isEqualTo("發送紀錄 (2)");
            XSSFSheet first = book.getSheetAt(0);
            XSSFSheet second = book.getSheetAt(1);
            assertThat(first.getLastRowNum()).isEqualTo(19);
            assertThat(first.getRow(19).getCell(0).getStringCellValue()).isEqualTo("第 14 列");
            assertThat(second.getRow(3).getCell(0).getStringCellValue()).isEqualTo("續前表 Continued (2)");
            assertThat(second.getRow(6).getCell(0).getStringCellValue()).isEqualTo("Agency");
            assertThat(second.getRow(7).getCell(0).getStringCellValue()).isEqualTo("第 15 列");
            assertThat(second.getRow(second.getLastRowNum()).getCell(0).getStringCellValue())
                    .isEqualTo("第 25 列");
        }
    }

    private static byte[] write(Sheet spec) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var report = new XlsxReportWriter(out)) {
            report.sheet(spec, rows -> {
                rows.row(Fixtures.FIRST);
                rows.row(Fixtures.FORMULA_LIKE);
                rows.total(Fixtures.TOTAL);
            });
        }
        return out.toByteArray();
    }

    static XSSFWorkbook read(byte[] xlsx) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    }

    private static void assertNumber(Cell cell, double value, String format, String shown) {
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(cell.getNumericCellValue()).isEqualTo(value);
        assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo(format);
        assertThat(SHOWN.formatCellValue(cell)).isEqualTo(shown);
    }

    private static boolean bold(XSSFWorkbook book, Cell cell) {
        return book.getFontAt(cell.getCellStyle().getFontIndex()).getBold();
    }

    private static List<String> strings(Row row) {
        var values = new ArrayList<String>();
        row.forEach(cell -> values.add(cell.getStringCellValue()));
        return values;
    }
}
