package tw.gov.sms.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * Opens an uploaded recipients file. The entry point of this module; see the package documentation for the rules
 * and {@code docs/file-formats.md} for what agencies are told.
 */
public final class RecipientFiles {

    private RecipientFiles() {}

    /**
     * Detects the format from the name and the content (magic bytes must agree with the extension), checks limits,
     * and opens a streaming reader. Everything that can be checked without reading all rows is checked here: type,
     * size, encoding, zip structure and bombs, macros, encryption, headers, and that there is at least one data row.
     *
     * @param file the stored upload
     * @param originalName the name the agency gave it (only its last path segment is used), or {@code null} to use
     *     the file's own name
     * @throws FileRejectedException when the upload is refused as a whole, with the reasons
     * @throws UncheckedIOException when the stored file itself cannot be read (a server-side problem)
     */
    public static RecipientFileReader open(Path file, String originalName, FileLimits limits)
            throws FileRejectedException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(limits, "limits");
        String name = Names.baseName(originalName == null ? String.valueOf(file.getFileName()) : originalName);
        String ext = Names.extension(name);
        FileFormat format = FileFormat.ofExtension(ext);
        if (format == null) {
            if (Names.MACRO_EXTENSIONS.contains(ext)) {
                throw Problems.reject(
                        null,
                        ProblemCode.FILE_MACRO_ENABLED,
                        name,
                        "啟用巨集的活頁簿（." + ext + "）",
                        "a macro-enabled workbook (." + ext + ")");
            }
            throw Problems.reject(
                    null, ProblemCode.FILE_EXTENSION_NOT_ALLOWED, name, ext.isEmpty() ? "無副檔名 / none" : "." + ext);
        }
        try {
            long size = Files.size(file);
            if (size > limits.maxFileBytes()) {
                throw Problems.reject(
                        null,
                        ProblemCode.FILE_TOO_LARGE,
                        name,
                        Problems.size(size),
                        Problems.size(limits.maxFileBytes()));
            }
            if (size == 0) {
                throw Problems.reject(null, ProblemCode.FILE_EMPTY, name);
            }
            checkContent(format, magic(file), file, name, null);
            return switch (format) {
                case TXT, CSV -> openText(file, name, format, limits);
                case XLS -> openWorkbook(file, name, format, limits);
                case XLSX -> openWorkbook(file, name, format, limits);
                case ZIP -> ZipUpload.open(file, name, limits);
            };
        } catch (IOException e) {
            throw failure(e, name, null);
        }
    }

    private static RecipientFileReader openText(Path file, String name, FileFormat format, FileLimits limits)
            throws IOException, FileRejectedException {
        TextEncoding encoding;
        try (InputStream in = Files.newInputStream(file)) {
            encoding = TextDetector.detect(in, name, null, (head, n) -> {});
        }
        UploadReader.Opener opener = sink -> {
            DelimitedSource source = DelimitedSource.open(Files.newInputStream(file), encoding, format, null, limits);
            return Table.read(source, null, name, limits, source.lineMode());
        };
        Table table = opener.open(new ArrayList<>());
        FileDescription description =
                new FileDescription(format, encoding, List.of(), table.columns(), table.phoneColumn());
        return new UploadReader(
                description, name, List.of(new UploadReader.Part(null, opener)), table, limits, List.of());
    }

    private static RecipientFileReader openWorkbook(Path file, String name, FileFormat format, FileLimits limits)
            throws IOException, FileRejectedException {
        List<FileProblem> warnings = new ArrayList<>();
        CellSource source = format == FileFormat.XLSX
                ? XlsxSource.open(file, name, null, limits, new Inflation(limits, name), warnings)
                : XlsSource.open(file, name, null, limits, warnings);
        Table table = Table.read(source, null, name, limits, false);
        FileDescription description =
                new FileDescription(format, null, List.of(), table.columns(), table.phoneColumn(), warnings);
        UploadReader.Opener never = sink -> {
            throw new IllegalStateException("a single workbook is opened once");
        };
        return new UploadReader(
                description, name, List.of(new UploadReader.Part(null, never)), table, limits, List.of());
    }

    /** What the first bytes of a file say it is. */
    static Magic magic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = new byte[Magic.HEAD];
            int n = in.readNBytes(head, 0, head.length);
            return Magic.of(head, n);
        }
    }

    /** Refuses a file whose content is not what its extension says. */
    static void checkContent(FileFormat format, Magic kind, Path file, String name, String entry)
            throws IOException, FileRejectedException {
        boolean ok = switch (format) {
            case TXT, CSV -> kind == Magic.TEXT;
            case XLS -> kind == Magic.OLE2;
            case XLSX, ZIP -> kind == Magic.ZIP;
        };
        if (ok) {
            return;
        }
        if (format == FileFormat.XLSX && kind == Magic.OLE2 && encryptedOoxml(file)) {
            // Excel saves a password-protected .xlsx as an OLE2 container holding the encrypted package.
            throw Problems.reject(entry, ProblemCode.FILE_ENCRYPTED, name);
        }
        String zh = kind.zh();
        String en = kind.en();
        if (format == FileFormat.XLS && kind == Magic.ZIP) {
            zh = "Excel 活頁簿（.xlsx）或 ZIP 壓縮檔";
            en = "an Excel workbook (.xlsx) or ZIP archive";
        }
        throw Problems.reject(
                entry,
                ProblemCode.FILE_CONTENT_MISMATCH,
                name,
                "." + format.name().toLowerCase(),
                zh,
                en);
    }

    private static boolean encryptedOoxml(Path file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            return fs.getRoot().hasEntry("EncryptedPackage");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Turns an I/O failure while reading the upload into a rejection (the content is broken) or, when the stored
     * file itself cannot be read, an unchecked exception (the server's problem, not the agency's).
     */
    static FileRejectedException failure(IOException e, String name, String entry) {
        if (e instanceof Inflation.Rejected r) {
            return r.rejection;
        }
        if (e instanceof FileSystemException) {
            throw new UncheckedIOException(e);
        }
        if (e.getCause() instanceof Inflation.Rejected r) {
            return r.rejection;
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("Zip bomb")) {
            // POI's own guard (ZipSecureFile) caught what ours let through with a looser limit.
            return Problems.reject(entry, ProblemCode.FILE_ZIP_RATIO_TOO_HIGH, name, 100, 100);
        }
        return Problems.corrupt(name, entry, e);
    }
}
