package tw.gov.sms.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tw.gov.sms.shared.domain.ProblemCode;

/** Writes sample uploads and reads them back through {@link RecipientFiles}. */
final class Uploads {

    private Uploads() {}

    /** An upload read to the end. */
    record Read(FileDescription description, List<FileRow> rows) {}

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String text, Charset charset) {
        return write(dir, name, text.getBytes(charset));
    }

    static Read read(Path file) throws FileRejectedException {
        return read(file, file.getFileName().toString(), FileLimits.defaults());
    }

    static Read read(Path file, FileLimits limits) throws FileRejectedException {
        return read(file, file.getFileName().toString(), limits);
    }

    static Read read(Path file, String name, FileLimits limits) throws FileRejectedException {
        try (RecipientFileReader reader = RecipientFiles.open(file, name, limits)) {
            List<FileRow> rows = new ArrayList<>();
            FileRow row;
            while ((row = reader.next()) != null) {
                rows.add(row);
            }
            return new Read(reader.description(), rows);
        }
    }

    /** The problems of the rejection the action must end with (from open or from next). */
    static List<FileProblem> rejection(Action action) {
        try {
            action.run();
        } catch (FileRejectedException e) {
            assertThat(e.problems()).isNotEmpty();
            return e.problems();
        } catch (Exception e) {
            throw new AssertionError("expected a rejection, got " + e, e);
        }
        return fail("expected a rejection");
    }

    static FileProblem rejected(Path file, ProblemCode expected) {
        return rejected(file, file.getFileName().toString(), FileLimits.defaults(), expected);
    }

    static FileProblem rejected(Path file, FileLimits limits, ProblemCode expected) {
        return rejected(file, file.getFileName().toString(), limits, expected);
    }

    static FileProblem rejected(Path file, String name, FileLimits limits, ProblemCode expected) {
        List<FileProblem> problems = rejection(() -> read(file, name, limits));
        assertThat(problems.get(0).problem().code())
                .as("%s", problems.get(0).problem().messageEn())
                .isEqualTo(expected);
        return problems.get(0);
    }

    static FileLimits limits(
            long maxFileBytes, long maxUncompressed, int ratio, int entries, long rows, int columns, int cellChars) {
        return new FileLimits(maxFileBytes, maxUncompressed, ratio, entries, rows, columns, cellChars);
    }

    /** A zip of (name, bytes) pairs, deflated. */
    static byte[] zip(Object... nameAndBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < nameAndBytes.length; i += 2) {
                z.putNextEntry(new ZipEntry((String) nameAndBytes[i]));
                Object content = nameAndBytes[i + 1];
                if (content != null) {
                    z.write(content instanceof String s ? s.getBytes(Charset.forName("UTF-8")) : (byte[]) content);
                }
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A zip whose single entry is stored (not compressed). */
    static byte[] storedZip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e = new ZipEntry(name);
            e.setMethod(ZipEntry.STORED);
            e.setSize(content.length);
            e.setCompressedSize(content.length);
            CRC32 crc = new CRC32();
            crc.update(content);
            e.setCrc(crc.getValue());
            z.putNextEntry(e);
            z.write(content);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    /** Offsets of every central-directory header in a zip. */
    static List<Integer> centralHeaders(byte[] zip) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i + 4 <= zip.length; i++) {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 0x01 && zip[i + 3] == 0x02) {
                out.add(i);
            }
        }
        return out;
    }

    /** Offsets of every local file header in a zip. */
    static List<Integer> localHeaders(byte[] zip) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i + 4 <= zip.length; i++) {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4B && zip[i + 2] == 0x03 && zip[i + 3] == 0x04) {
                out.add(i);
            }
        }
        return out;
    }

    static void putInt(byte[] b, int at, long value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
        b[at + 2] = (byte) (value >>> 16);
        b[at + 3] = (byte) (value >>> 24);
    }
}
