package tw.gov.sms.reports;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What one table of a report looks like: its name, its bilingual title, the lines printed above it and its columns.
 * A document holds one or more of them (xlsx: one worksheet each; PDF: one section each, starting on a new page; csv:
 * one section each).
 *
 * @param name worksheet name, sanitised by the constructor to what Excel accepts: at most 31 characters, none of
 *     {@code \ / ? * [ ] :} or control characters (each becomes {@code _}), no apostrophe at either end, not the
 *     reserved {@code History}, and not empty ({@code Sheet})
 * @param titleZh title in Traditional Chinese (e.g. {@code "簡訊發送統計表"})
 * @param titleEn title in English (e.g. {@code "SMS sending statistics"}); may be empty
 * @param notes lines shown between the title and the table, e.g. {@code "機關 Agency: 數位發展部"}, {@code "期間 Period:
 *     2026-10"}; not written to csv
 * @param columns at least one, with distinct keys
 */
public record Sheet(String name, String titleZh, String titleEn, List<String> notes, List<Column> columns) {

    /** The longest worksheet name Excel accepts, in UTF-16 chars. */
    static final int MAX_NAME_LENGTH = 31;

    public Sheet {
        name = sanitiseName(Objects.requireNonNull(name, "name"));
        Objects.requireNonNull(titleZh, "titleZh");
        Objects.requireNonNull(titleEn, "titleEn");
        notes = List.copyOf(notes);
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a sheet needs at least one column");
        }
        var keys = new HashSet<String>();
        for (Column column : columns) {
            if (!keys.add(column.key())) {
                throw new IllegalArgumentException("duplicate column key " + column.key());
            }
        }
    }

    /** The title on one line: {@code titleZh titleEn}, or just {@code titleZh} when there is no English title. */
    public String title() {
        return titleEn.isBlank() ? titleZh : titleZh + " " + titleEn;
    }

    /**
     * {@code base} shortened so that {@code base + suffix} is a valid worksheet name, without splitting a surrogate
     * pair; used for continuation sheets ({@code "發送紀錄 (2)"}) and to make names unique within a workbook.
     */
    static String withSuffix(String base, String suffix) {
        return truncate(base, MAX_NAME_LENGTH - suffix.length()) + suffix;
    }

    static String sanitiseName(String raw) {
        var sb = new StringBuilder(raw.length());
        raw.codePoints().forEach(cp -> {
            boolean forbidden = cp < 0x20 || cp == 0x7f || "\\/?*[]:".indexOf(cp) >= 0;
            sb.appendCodePoint(forbidden ? '_' : cp);
        });
        String name = truncate(sb.toString(), MAX_NAME_LENGTH);
        // Excel refuses an apostrophe at either end; repeat because stripping one may expose the other.
        for (String previous = null; !name.equals(previous); ) {
            previous = name;
            name = name.strip().replaceAll("^'+|'+$", "");
        }
        if (name.isEmpty()) {
            return "Sheet";
        }
        // Excel reserves "History" for its change-tracking sheet.
        return name.equalsIgnoreCase("History") ? "History_" : name;
    }

    private static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
