package tw.gov.sms.routing.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads number-portability files (format in docs/number-portability.md): streams line by line, validates every
 * line, and reports all errors up to a cap. A file with any error yields no index and no entries.
 *
 * <p>Snapshot records go straight into a {@link PortedNumberIndex.Builder} (8 bytes a number while loading), so a
 * 10-million-line file needs about 80 MB plus the finished 50 MB index, never the file's text.
 */
public final class NpFileParser {

    public static final int DEFAULT_MAX_ERRORS = 1000;
    /** Taiwan has ~30M mobile subscriptions; a file claiming more is broken, and must not exhaust the heap. */
    public static final int MAX_RECORDS = 50_000_000;

    private static final String SNAPSHOT_TAG = "#NP-SNAPSHOT";
    private static final String DELTA_TAG = "#NP-DELTA";
    private static final String TRAILER_TAG = "#END";
    private static final Carrier[] CARRIERS = Carrier.values();

    private final int maxErrors;
    private final int maxRecords;

    public NpFileParser() {
        this(DEFAULT_MAX_ERRORS);
    }

    public NpFileParser(int maxErrors) {
        this(maxErrors, MAX_RECORDS);
    }

    NpFileParser(int maxErrors, int maxRecords) {
        if (maxErrors < 1 || maxRecords < 0 || maxRecords > MAX_RECORDS) {
            throw new IllegalArgumentException("maxErrors < 1 or maxRecords out of range");
        }
        this.maxErrors = maxErrors;
        this.maxRecords = maxRecords;
    }

    public NpParseResult parseSnapshot(Path file) {
        return parse(file, NpParseResult.Kind.SNAPSHOT);
    }

    public NpParseResult parseDelta(Path file) {
        return parse(file, NpParseResult.Kind.DELTA);
    }

    /** Reads UTF-8 text; malformed bytes are reported as {@link NpErrorCode#BAD_ENCODING}, not replaced. */
    public NpParseResult parseSnapshot(InputStream in, String sourceName) {
        return parse(strictUtf8(in), sourceName, NpParseResult.Kind.SNAPSHOT);
    }

    public NpParseResult parseDelta(InputStream in, String sourceName) {
        return parse(strictUtf8(in), sourceName, NpParseResult.Kind.DELTA);
    }

    public NpParseResult parseSnapshot(Reader reader, String sourceName) {
        return parse(reader, sourceName, NpParseResult.Kind.SNAPSHOT);
    }

    public NpParseResult parseDelta(Reader reader, String sourceName) {
        return parse(reader, sourceName, NpParseResult.Kind.DELTA);
    }

    private NpParseResult parse(Path file, NpParseResult.Kind kind) {
        String name = String.valueOf(file.getFileName());
        // Files.newBufferedReader decodes strictly (REPORT), which is what we want.
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, name, kind);
        } catch (IOException e) {
            Run run = new Run(kind, name);
            run.error(0, NpErrorCode.IO_ERROR, String.valueOf(e.getMessage()), String.valueOf(e.getMessage()), null);
            return run.finish();
        }
    }

    private static Reader strictUtf8(InputStream in) {
        return new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private NpParseResult parse(Reader reader, String sourceName, NpParseResult.Kind kind) {
        Run run = new Run(kind, sourceName);
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        try {
            run.readAll(in);
        } catch (CharacterCodingException e) {
            run.error(run.lineNo + 1, NpErrorCode.BAD_ENCODING, "檔案須為 UTF-8", "the file must be UTF-8", null);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            run.error(run.lineNo + 1, NpErrorCode.IO_ERROR, m, m, null);
        }
        return run.finish();
    }

    /** The state of one parse. */
    private final class Run {
        final NpParseResult.Kind kind;
        final String sourceName;
        final List<NpFileError> errors = new ArrayList<>();
        int errorCount;
        int lineNo;
        int records;
        NpHeader header;
        boolean stopped;
        int trailerLine;
        Long trailerCount;
        String trailerSha;
        PortedNumberIndex.Builder builder;
        List<DeltaEntry> delta;
        final MessageDigest digest = sha256();
        byte[] ascii = new byte[64];

        Run(NpParseResult.Kind kind, String sourceName) {
            this.kind = kind;
            this.sourceName = sourceName;
        }

        void error(int line, NpErrorCode code, String detailZh, String detailEn, String text) {
            errorCount++;
            if (errors.size() < maxErrors) {
                errors.add(NpFileError.of(line, code, detailZh, detailEn, text));
            }
        }

        void readAll(BufferedReader in) throws IOException {
            String line;
            while (!stopped && (line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1) {
                    if (!line.isEmpty() && line.charAt(0) == '\uFEFF') {
                        line = line.substring(1); // a BOM some editors add
                    }
                    if (line.startsWith("#NP-")) {
                        header(line);
                        continue;
                    }
                    error(
                            1,
                            NpErrorCode.MISSING_HEADER,
                            "第一行須為檔頭 " + tag(kind),
                            "line 1 must be the " + tag(kind) + " header",
                            line);
                    startRecords(-1);
                }
                if (trailerLine > 0) {
                    error(
                            lineNo,
                            NpErrorCode.AFTER_TRAILER,
                            "檔尾（第 " + trailerLine + " 行）之後不得再有資料",
                            "nothing may follow the trailer on line " + trailerLine,
                            line);
                    continue;
                }
                if (line.startsWith(TRAILER_TAG)) {
                    trailer(line);
                    continue;
                }
                digest(line);
                if (line.isEmpty()) {
                    error(lineNo, NpErrorCode.BLANK_LINE, "不得有空白行", "blank lines are not allowed", line);
                    continue;
                }
                if (line.charAt(0) == '#') {
                    error(
                            lineNo,
                            NpErrorCode.BAD_RECORD,
                            "資料列不得以 # 開頭（僅檔頭與檔尾可用）",
                            "only the header and the trailer start with #",
                            line);
                    continue;
                }
                if (++records > maxRecords) {
                    error(
                            lineNo,
                            NpErrorCode.TOO_MANY_RECORDS,
                            "超過 " + maxRecords + " 筆，停止讀取",
                            "more than " + maxRecords + " records; reading stopped",
                            line);
                    stopped = true;
                    continue;
                }
                if (kind == NpParseResult.Kind.SNAPSHOT) {
                    snapshotRecord(line);
                } else {
                    deltaRecord(line);
                }
            }
            if (lineNo == 0) {
                error(1, NpErrorCode.MISSING_HEADER, "空檔案", "the file is empty", null);
            }
        }

        void startRecords(long expected) {
            if (builder != null || delta != null) {
                return;
            }
            int capacity = (int) Math.max(16, Math.min(expected < 0 ? 1024 : expected, maxRecords));
            if (kind == NpParseResult.Kind.SNAPSHOT) {
                builder = PortedNumberIndex.builder(capacity);
            } else {
                delta = new ArrayList<>(Math.min(capacity, 1 << 20));
            }
        }

        void header(String line) {
            String[] t = line.split(" ", -1);
            NpParseResult.Kind found = switch (t[0]) {
                case SNAPSHOT_TAG -> NpParseResult.Kind.SNAPSHOT;
                case DELTA_TAG -> NpParseResult.Kind.DELTA;
                default -> null;
            };
            if (found == null) {
                badHeader(
                        line,
                        "檔頭須以 " + SNAPSHOT_TAG + " 或 " + DELTA_TAG + " 開頭",
                        "the header starts with " + SNAPSHOT_TAG + " or " + DELTA_TAG);
                startRecords(-1);
                return;
            }
            if (found != kind) {
                error(
                        1,
                        NpErrorCode.WRONG_FILE_KIND,
                        "預期 " + tag(kind) + "，實為 " + t[0],
                        "expected " + tag(kind) + ", found " + t[0],
                        line);
                stopped = true;
                return;
            }
            if (t.length < 2 || !t[1].equals("v1")) {
                badHeader(line, "不支援的格式版本（僅支援 v1）", "unsupported format version (only v1)");
                stopped = true; // a future version's records are not ours to judge
                return;
            }
            Map<String, String> fields = new HashMap<>();
            boolean ok = true;
            for (int i = 2; i < t.length; i++) {
                int eq = t[i].indexOf('=');
                if (eq <= 0 || fields.put(t[i].substring(0, eq), t[i].substring(eq + 1)) != null) {
                    badHeader(line, "欄位格式錯誤或重複：" + t[i], "malformed or repeated field: " + t[i]);
                    ok = false;
                }
            }
            Set<String> required = kind == NpParseResult.Kind.SNAPSHOT
                    ? Set.of("date", "source", "count")
                    : Set.of("date", "base", "source", "count");
            for (String f : fields.keySet()) {
                if (!required.contains(f)) {
                    badHeader(line, "未知欄位 " + f, "unknown field " + f);
                    ok = false;
                }
            }
            for (String f : required) {
                if (!fields.containsKey(f)) {
                    badHeader(line, "缺少欄位 " + f, "missing field " + f);
                    ok = false;
                }
            }
            LocalDate date = date(fields.get("date"), "date", line);
            LocalDate base = kind == NpParseResult.Kind.DELTA ? date(fields.get("base"), "base", line) : null;
            if (date != null && base != null && !base.isBefore(date)) {
                badHeader(line, "base 須早於 date", "base must be before date");
                ok = false;
            }
            String source = fields.get("source");
            if (source != null && !source.matches("[A-Za-z0-9_-]{1,32}")) {
                badHeader(line, "source 須為 1–32 個英數字元", "source must be 1-32 letters, digits, _ or -");
                ok = false;
            }
            long count = count(fields.get("count"), line);
            startRecords(count);
            if (ok && date != null && (kind == NpParseResult.Kind.SNAPSHOT || base != null) && count >= 0) {
                header = new NpHeader(kind, 1, date, base, source, count);
            }
        }

        LocalDate date(String value, String field, String line) {
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                badHeader(line, field + " 須為 yyyy-MM-dd 日期", field + " must be a yyyy-MM-dd date");
                return null;
            }
        }

        long count(String value, String line) {
            if (value == null) {
                return -1;
            }
            if (value.matches("\\d{1,9}") && Long.parseLong(value) <= MAX_RECORDS) {
                return Long.parseLong(value);
            }
            badHeader(line, "count 須為 0 至 " + MAX_RECORDS + " 的整數", "count must be an integer 0.." + MAX_RECORDS);
            return -1;
        }

        void badHeader(String line, String zh, String en) {
            error(1, NpErrorCode.BAD_HEADER, zh, en, line);
        }

        void trailer(String line) {
            trailerLine = lineNo;
            String[] t = line.split(" ", -1);
            boolean ok = t.length == 3 && t[0].equals(TRAILER_TAG);
            if (ok && t[1].matches("count=\\d{1,9}") && t[2].matches("sha256=[0-9a-fA-F]{64}")) {
                trailerCount = Long.parseLong(t[1].substring(6));
                trailerSha = t[2].substring(7).toLowerCase();
            } else {
                error(
                        lineNo,
                        NpErrorCode.BAD_TRAILER,
                        "檔尾須為 #END count=<筆數> sha256=<64 位十六進位>",
                        "the trailer is #END count=<records> sha256=<64 hex digits>",
                        line);
            }
        }

        void snapshotRecord(String line) {
            int comma = line.indexOf(',');
            if (comma < 0 || line.indexOf(',', comma + 1) >= 0) {
                error(
                        lineNo,
                        NpErrorCode.BAD_RECORD,
                        "快照資料列須為「門號,業者」",
                        "a snapshot record is <number>,<carrier>",
                        line);
                return;
            }
            int key = number(line, 0, comma);
            int carrier = carrier(line, comma + 1, line.length());
            if (key >= 0 && carrier >= 0) {
                builder.add(key, carrier, lineNo);
            }
        }

        void deltaRecord(String line) {
            char op = line.charAt(0);
            if (line.length() < 2 || line.charAt(1) != ',') {
                error(
                        lineNo,
                        NpErrorCode.BAD_RECORD,
                        "異動資料列須為「+,門號,業者」或「-,門號」",
                        "a delta record is +,<number>,<carrier> or -,<number>",
                        line);
                return;
            }
            int comma = line.indexOf(',', 2);
            if (op == '+') {
                if (comma < 0 || line.indexOf(',', comma + 1) >= 0) {
                    error(
                            lineNo,
                            NpErrorCode.BAD_RECORD,
                            "攜入資料列須為「+,門號,業者」",
                            "a port record is +,<number>,<carrier>",
                            line);
                    return;
                }
                int key = number(line, 2, comma);
                int carrier = carrier(line, comma + 1, line.length());
                if (key >= 0 && carrier >= 0) {
                    delta.add(new DeltaEntry(DeltaEntry.Operation.PORT, key, CARRIERS[carrier]));
                }
            } else if (op == '-') {
                if (comma >= 0) {
                    error(lineNo, NpErrorCode.BAD_RECORD, "移除資料列須為「-,門號」，不含業者", "a removal record is -,<number>", line);
                    return;
                }
                int key = number(line, 2, line.length());
                if (key >= 0) {
                    delta.add(new DeltaEntry(DeltaEntry.Operation.REMOVE, key, null));
                }
            } else {
                error(
                        lineNo,
                        NpErrorCode.BAD_OPERATION,
                        "異動代碼須為 + 或 -：" + op,
                        "the operation is + or -, not " + op,
                        line);
            }
        }

        int number(String line, int from, int to) {
            int key = MobileNumbers.keyOf(line, from, to);
            if (key < 0) {
                String n = line.substring(from, to);
                boolean looksMobile = n.matches("0\\d{9}");
                if (looksMobile) {
                    error(
                            lineNo,
                            NpErrorCode.NOT_MOBILE,
                            "門號 " + n + " 非 09 開頭之行動電話",
                            n + " is not a 09 mobile number",
                            line);
                } else {
                    error(
                            lineNo,
                            NpErrorCode.BAD_NUMBER,
                            "門號須為 10 位國內格式 09xxxxxxxx：" + n,
                            "a number is the 10-digit national form 09xxxxxxxx: " + n,
                            line);
                }
                return -1;
            }
            if (!MobileNumbers.isMobileKey(key)) {
                String n = line.substring(from, to);
                error(
                        lineNo,
                        NpErrorCode.NOT_MOBILE,
                        "門號 " + n + " 不在行動電話號段 09[0-8]",
                        n + " is outside the mobile range 09[0-8]",
                        line);
                return -1;
            }
            return key;
        }

        int carrier(String line, int from, int to) {
            for (Carrier c : CARRIERS) {
                String name = c.name();
                if (to - from == name.length() && line.regionMatches(from, name, 0, name.length())) {
                    return c.ordinal();
                }
            }
            String code = line.substring(from, to);
            error(
                    lineNo,
                    NpErrorCode.UNKNOWN_CARRIER,
                    "業者代碼須為 CHT、TWM 或 FET：" + code,
                    "the carrier code is CHT, TWM or FET: " + code,
                    line);
            return -1;
        }

        void digest(String line) {
            int n = line.length();
            if (ascii.length < n + 1) {
                ascii = new byte[Math.max(n + 1, ascii.length * 2)];
            }
            for (int i = 0; i < n; i++) {
                char c = line.charAt(i);
                if (c >= 0x80) {
                    digest.update(line.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) '\n');
                    return;
                }
                ascii[i] = (byte) c;
            }
            ascii[n] = '\n';
            digest.update(ascii, 0, n + 1);
        }

        NpParseResult finish() {
            int lastLine = Math.max(1, lineNo);
            if (!stopped && lineNo > 0) {
                if (header != null && header.count() != records) {
                    error(
                            trailerLine > 0 ? trailerLine : lastLine,
                            NpErrorCode.COUNT_MISMATCH,
                            "檔頭筆數 " + header.count() + "，實際 " + records + " 筆",
                            "the header says " + header.count() + " records, the file has " + records,
                            null);
                }
                if (trailerCount != null && trailerCount != records) {
                    error(
                            trailerLine,
                            NpErrorCode.COUNT_MISMATCH,
                            "檔尾筆數 " + trailerCount + "，實際 " + records + " 筆",
                            "the trailer says " + trailerCount + " records, the file has " + records,
                            null);
                }
                if (trailerSha != null) {
                    String actual = HexFormat.of().formatHex(digest.digest());
                    if (!actual.equals(trailerSha)) {
                        error(
                                trailerLine,
                                NpErrorCode.CHECKSUM_MISMATCH,
                                "資料列 SHA-256 為 " + actual,
                                "the SHA-256 of the record lines is " + actual,
                                null);
                    }
                }
            }
            PortedNumberIndex index = null;
            if (builder != null) {
                PortedNumberIndex built = builder.build((key, earlierLine, earlier, laterLine, later) -> {
                    String n = MobileNumbers.nationalOf(key);
                    error(
                            laterLine,
                            NpErrorCode.DUPLICATE_NUMBER,
                            "門號 " + n + " 已見於第 " + earlierLine + " 行（" + earlier + "）",
                            n + " already on line " + earlierLine + " (" + earlier + ")",
                            n + "," + later);
                });
                builder = null;
                index = errorCount == 0 ? built : null;
            }
            errors.sort(Comparator.comparingInt(NpFileError::lineNumber));
            return new NpParseResult(kind, sourceName, header, index, delta, errors, errorCount, lineNo, records);
        }
    }

    private static String tag(NpParseResult.Kind kind) {
        return kind == NpParseResult.Kind.SNAPSHOT ? SNAPSHOT_TAG : DELTA_TAG;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
