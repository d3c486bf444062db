package tw.gov.sms.files;

/**
 * Streams the data rows of one upload, in order, with bounded memory. Not thread-safe; close it (also after a
 * rejection) to release the file and any temporary copy of a workbook taken out of a zip.
 */
public interface RecipientFileReader extends AutoCloseable {

    /** Format, encoding, zip entries, columns and phone column; available as soon as the reader is open. */
    FileDescription description();

    /**
     * The next data row, or {@code null} at the end. Blank rows are skipped and get no ordinal.
     *
     * @throws FileRejectedException when a later part turns out hostile or broken: the whole upload is refused
     */
    FileRow next() throws FileRejectedException;

    @Override
    void close();
}
