package tw.gov.sms.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * A zip upload: one zip is one job. Its list files (txt, csv, xls, xlsx) are read in name order, each with its own
 * header and phone column, their rows numbered as one sequence. Directories, {@code __MACOSX/}, {@code .DS_Store},
 * {@code ._*}, {@code Thumbs.db} and {@code desktop.ini} are ignored; anything else that is not a list file is
 * refused, as are unsafe names, nested archives, encrypted entries and bombs.
 *
 * <p>Everything is checked in {@link #open}: entry names and declared sizes first, then every entry is read once
 * (text entries to detect their encoding, workbooks copied to a private temporary directory and verified), and each
 * table's header is read. Only then are rows streamed, entry by entry.
 */
final class ZipUpload {

    private ZipUpload() {}

    static RecipientFileReader open(Path file, String name, FileLimits limits)
            throws IOException, FileRejectedException {
        Inflation budget = new Inflation(limits, name);
        int rawCap = limits.maxZipEntries() * 10 + 100;
        ZipAccess zip = ZipAccess.open(file, name, null, rawCap, limits.maxZipEntries());
        List<Closeable> resources = new ArrayList<>();
        resources.add(zip);
        Table first = null;
        try {
            List<ZipArchiveEntry> entries = select(zip, name, limits, budget);
            Path tmp = null;
            List<UploadReader.Part> parts = new ArrayList<>();
            List<FileProblem> warnings = new ArrayList<>();
            Set<TextEncoding> encodings = new HashSet<>();
            LinkedHashSet<String> columns = new LinkedHashSet<>();
            String phoneColumn = null;
            for (ZipArchiveEntry e : entries) {
                String entry = e.getName();
                FileFormat format = FileFormat.ofExtension(Names.extension(entry));
                UploadReader.Opener opener;
                if (format.isText()) {
                    TextEncoding encoding;
                    try (InputStream in = zip.open(e, budget, entry, entry)) {
                        encoding = TextDetector.detect(in, entry, entry, (head, n) -> checkTextHead(head, n, entry));
                    }
                    encodings.add(encoding);
                    opener = sink -> {
                        Inflation again = new Inflation(limits, name);
                        DelimitedSource source =
                                DelimitedSource.open(zip.open(e, again, entry, entry), encoding, format, entry, limits);
                        return Table.read(source, entry, entry, limits, source.lineMode());
                    };
                } else {
                    if (tmp == null) {
                        tmp = privateDirectory();
                        Path dir = tmp;
                        resources.add(() -> deleteTree(dir));
                    }
                    Path copy = tmp.resolve("entry-" + parts.size() + "." + Names.extension(entry));
                    try (InputStream in = zip.open(e, budget, entry, entry)) {
                        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                    long size = Files.size(copy);
                    if (size == 0) {
                        throw Problems.reject(entry, ProblemCode.FILE_EMPTY, entry);
                    }
                    if (size > limits.maxFileBytes()) {
                        throw Problems.reject(
                                entry,
                                ProblemCode.FILE_TOO_LARGE,
                                entry,
                                Problems.size(size),
                                Problems.size(limits.maxFileBytes()));
                    }
                    Magic kind = RecipientFiles.magic(copy);
                    if (kind == Magic.ZIP && format == FileFormat.XLS) {
                        throw Problems.reject(entry, ProblemCode.FILE_ZIP_NESTED, entry);
                    }
                    RecipientFiles.checkContent(format, kind, copy, entry, entry);
                    if (format == FileFormat.XLSX) {
                        XlsxSource.verify(copy, entry, entry, budget);
                        opener = sink -> Table.read(
                                XlsxSource.open(copy, entry, entry, limits, null, sink), entry, entry, limits, false);
                    } else {
                        opener = sink -> Table.read(
                                XlsSource.open(copy, entry, entry, limits, sink), entry, entry, limits, false);
                    }
                }
                Table table = opener.open(warnings);
                columns.addAll(table.columns());
                if (first == null) {
                    first = table;
                    phoneColumn = table.phoneColumn();
                } else {
                    table.close();
                }
                parts.add(new UploadReader.Part(entry, opener));
            }
            // The encoding of the text entries when they all agree (workbooks have none).
            TextEncoding encoding = encodings.size() == 1 ? encodings.iterator().next() : null;
            FileDescription description = new FileDescription(
                    FileFormat.ZIP,
                    encoding,
                    parts.stream().map(UploadReader.Part::entry).toList(),
                    List.copyOf(columns),
                    phoneColumn,
                    warnings);
            return new UploadReader(description, name, parts, first, limits, resources);
        } catch (IOException | FileRejectedException | RuntimeException ex) {
            List<Closeable> all = new ArrayList<>();
            if (first != null) {
                all.add(first);
            }
            all.addAll(resources);
            try {
                UploadReader.closeAll(all);
            } catch (RuntimeException suppressed) {
                ex.addSuppressed(suppressed);
            }
            throw ex;
        }
    }

    /** The list files to read, in name order, after checking every entry's name, type and declared size. */
    private static List<ZipArchiveEntry> select(ZipAccess zip, String name, FileLimits limits, Inflation budget)
            throws FileRejectedException {
        List<ZipArchiveEntry> usable = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long declared = 0;
        for (ZipArchiveEntry e : zip.entries()) {
            String entry = e.getName();
            String raw = ZipAccess.rawName(e);
            if (unsafe(raw) || unsafe(entry)) {
                String shown = unsafe(raw) ? raw : entry;
                throw Problems.reject(
                        SpreadsheetSafe.cell(shown), ProblemCode.FILE_ZIP_UNSAFE_PATH, SpreadsheetSafe.cell(shown));
            }
            if (e.isDirectory() || ignored(entry)) {
                continue;
            }
            if (entry.equals("[Content_Types].xml")) {
                throw Problems.reject(
                        null,
                        ProblemCode.FILE_CONTENT_MISMATCH,
                        name,
                        ".zip",
                        "Excel 活頁簿（.xlsx），請將副檔名改為 .xlsx",
                        "an Excel workbook (.xlsx); rename it to .xlsx");
            }
            if (ZipAccess.encrypted(e)) {
                throw Problems.reject(entry, ProblemCode.FILE_ENCRYPTED, entry);
            }
            String ext = Names.extension(entry);
            if (Names.ARCHIVE_EXTENSIONS.contains(ext)) {
                throw Problems.reject(entry, ProblemCode.FILE_ZIP_NESTED, entry);
            }
            if (Names.MACRO_EXTENSIONS.contains(ext)) {
                throw Problems.reject(
                        entry,
                        ProblemCode.FILE_MACRO_ENABLED,
                        entry,
                        "啟用巨集的活頁簿（." + ext + "）",
                        "a macro-enabled workbook (." + ext + ")");
            }
            if (FileFormat.ofExtension(ext) == null || ext.equals("zip")) {
                throw Problems.reject(
                        entry, ProblemCode.FILE_ZIP_ENTRY_UNSUPPORTED, entry, ext.isEmpty() ? "—" : "." + ext);
            }
            if (e.getMethod() != ZipAccess.STORED && e.getMethod() != ZipAccess.DEFLATED) {
                throw Problems.reject(entry, ProblemCode.FILE_ZIP_METHOD_UNSUPPORTED, entry, methodName(e.getMethod()));
            }
            if (!seen.add(entry.toLowerCase(Locale.ROOT))) {
                throw Problems.reject(entry, ProblemCode.FILE_ZIP_DUPLICATE_ENTRY, entry);
            }
            budget.checkDeclared(entry, entry, e.getSize(), e.getCompressedSize());
            if (e.getSize() > 0) {
                declared += e.getSize();
            }
            usable.add(e);
        }
        if (usable.size() > limits.maxZipEntries()) {
            throw Problems.reject(
                    null, ProblemCode.FILE_ZIP_TOO_MANY_ENTRIES, name, usable.size(), limits.maxZipEntries());
        }
        if (usable.isEmpty()) {
            throw Problems.reject(null, ProblemCode.FILE_ZIP_EMPTY, name);
        }
        budget.checkDeclaredTotal(null, declared);
        usable.sort(Comparator.comparing(ZipArchiveEntry::getName));
        return usable;
    }

    /** Absolute paths, drive letters, backslashes, {@code ..} segments and control characters. */
    static boolean unsafe(String entry) {
        if (entry.isEmpty() || entry.startsWith("/") || entry.indexOf('\\') >= 0) {
            return true;
        }
        if (entry.length() >= 2 && entry.charAt(1) == ':') {
            return true;
        }
        for (int i = 0; i < entry.length(); i++) {
            if (Character.isISOControl(entry.charAt(i))) {
                return true;
            }
        }
        for (String segment : entry.split("/", -1)) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    static boolean ignored(String entry) {
        String base = Names.baseName(entry);
        return entry.startsWith("__MACOSX/")
                || entry.contains("/__MACOSX/")
                || base.equals(".DS_Store")
                || base.startsWith("._")
                || base.equalsIgnoreCase("Thumbs.db")
                || base.equalsIgnoreCase("desktop.ini");
    }

    private static void checkTextHead(byte[] head, int n, String entry) throws FileRejectedException {
        Magic kind = Magic.of(head, n);
        if (kind == Magic.ZIP || kind == Magic.ARCHIVE) {
            throw Problems.reject(entry, ProblemCode.FILE_ZIP_NESTED, entry);
        }
        if (kind != Magic.TEXT) {
            throw Problems.reject(
                    entry,
                    ProblemCode.FILE_CONTENT_MISMATCH,
                    entry,
                    "." + Names.extension(entry),
                    kind.zh(),
                    kind.en());
        }
    }

    private static String methodName(int method) {
        return switch (method) {
            case 9 -> "Deflate64";
            case 12 -> "BZIP2";
            case 14 -> "LZMA";
            case 93 -> "Zstandard";
            case 95 -> "XZ";
            case 99 -> "AES";
            default -> "method " + method;
        };
    }

    private static Path privateDirectory() throws IOException {
        try {
            return Files.createTempDirectory(
                    "sms-files-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempDirectory("sms-files-");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
