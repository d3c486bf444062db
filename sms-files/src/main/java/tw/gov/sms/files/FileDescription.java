package tw.gov.sms.files;

import java.util.List;
import java.util.Objects;

/**
 * What an upload turned out to be, known once {@link RecipientFiles#open} has returned.
 *
 * @param format the format, from the extension and confirmed by the content
 * @param encoding the text encoding of a txt/csv file; for a zip, the encoding of its text entries if they all
 *     agree, else {@code null}; {@code null} for xls and xlsx
 * @param entries the list files of a zip in the order they are read (name order); empty for a single file
 * @param columns header names as written (stripped of surrounding white space), in order, the phone column
 *     included; {@code ["phone"]} for a txt file with one number per line; for a zip, every entry's columns in order
 *     of first appearance
 * @param phoneColumn the name of the phone column; for a zip, the first entry's (entries may name it differently)
 * @param warnings findings about the whole upload that do not stop it, e.g. other non-empty worksheets that are not
 *     read ({@code FILE_OTHER_SHEETS_IGNORED})
 */
public record FileDescription(
        FileFormat format,
        TextEncoding encoding,
        List<String> entries,
        List<String> columns,
        String phoneColumn,
        List<FileProblem> warnings) {

    public FileDescription {
        Objects.requireNonNull(format, "format");
        entries = List.copyOf(entries);
        columns = List.copyOf(columns);
        warnings = List.copyOf(warnings);
    }

    /** A description without warnings. */
    public FileDescription(
            FileFormat format, TextEncoding encoding, List<String> entries, List<String> columns, String phoneColumn) {
        this(format, encoding, entries, columns, phoneColumn, List.of());
    }
}
