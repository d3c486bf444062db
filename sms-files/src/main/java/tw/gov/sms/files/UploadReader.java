package tw.gov.sms.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tw.gov.sms.shared.domain.ProblemCode;

/** The rows of an upload: one table, or the tables of a zip's entries one after another, numbered throughout. */
final class UploadReader implements RecipientFileReader {

    /** Opens one table of the upload (first when checking the upload, again when its rows are due). */
    @FunctionalInterface
    interface Opener {
        /** @param warnings receives findings about the whole table, such as other worksheets with data */
        Table open(List<FileProblem> warnings) throws IOException, FileRejectedException;
    }

    record Part(String entry, Opener opener) {}

    private final FileDescription description;
    private final String name;
    private final List<Part> parts;
    private final FileLimits limits;
    private final List<Closeable> resources;
    private Table current;
    private int index;
    private long ordinal;
    private boolean closed;

    /**
     * @param first the first part's table, already open and positioned at its first data row
     * @param resources closed after the tables, in order (zip file, temporary directory)
     */
    UploadReader(
            FileDescription description,
            String name,
            List<Part> parts,
            Table first,
            FileLimits limits,
            List<Closeable> resources) {
        this.description = description;
        this.name = name;
        this.parts = List.copyOf(parts);
        this.current = first;
        this.limits = limits;
        this.resources = new ArrayList<>(resources);
    }

    @Override
    public FileDescription description() {
        return description;
    }

    @Override
    public FileRow next() throws FileRejectedException {
        if (closed) {
            throw new IllegalStateException("reader is closed");
        }
        String entry = null;
        try {
            while (index < parts.size()) {
                entry = parts.get(index).entry();
                if (current == null) {
                    current = parts.get(index).opener().open(new ArrayList<>());
                }
                FileRow row = current.next(ordinal + 1);
                if (row != null) {
                    if (ordinal + 1 > limits.maxRows()) {
                        throw Problems.reject(null, ProblemCode.FILE_TOO_MANY_ROWS, limits.maxRows());
                    }
                    ordinal++;
                    return row;
                }
                Table done = current;
                current = null;
                index++;
                done.close();
            }
            return null;
        } catch (IOException e) {
            throw RecipientFiles.failure(e, entry == null ? name : entry, entry);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Closeable> all = new ArrayList<>();
        if (current != null) {
            all.add(current);
        }
        all.addAll(resources);
        closeAll(all);
    }

    static void closeAll(List<? extends Closeable> all) {
        IOException failure = null;
        for (Closeable c : all) {
            try {
                c.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }
}
