package tw.gov.sms.sftp;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * Reads the manifest format of docs/sftp.md: UTF-8 (a BOM is skipped), one {@code key = value} per line, keys
 * case-insensitive, lines starting with {@code #} and blank lines ignored, any line ending. A value is everything after
 * the first {@code =}, without surrounding spaces and tabs, so a text may itself contain {@code =} or {@code #}. A
 * multi-line text is written as consecutive {@code text =} lines, joined with a line feed: what is written is what
 * is sent, with no escape rules to learn (a backslash is just a backslash). Every problem is collected, not only the
 * first, so an agency fixes its manifest in one round.
 */
final class ManifestParser {

    static final List<String> KEYS =
            List.of("file", "sha256", "size", "text", "schedule", "validity-minutes", "test", "callback", "reference");

    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    private static final Pattern LOCAL_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2})?");
    private static final Pattern OFFSET_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");

    private record Entry(int line, String value) {}

    private final String manifestName;
    private final String dataName;
    private final List<Problem> problems = new ArrayList<>();

    ManifestParser(String manifestName) {
        this.manifestName = Manifest.baseName(manifestName);
        this.dataName = Manifest.dataFileName(manifestName);
    }

    Manifest parse(byte[] bytes) throws ManifestException {
        if (bytes.length > Manifest.MAX_BYTES) {
            throw failure(problem(ProblemCode.MANIFEST_TOO_LARGE, (long) bytes.length, (long) Manifest.MAX_BYTES));
        }
        String content = decode(bytes);
        if (content.startsWith("\uFEFF")) {
            content = content.substring(1);
        }

        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> textLines = new ArrayList<>();
        int textFirstLine = 0;
        String previousKey = null;
        String[] lines = content.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = trim(lines[i]);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : trim(line.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                problems.add(problem(ProblemCode.MANIFEST_SYNTAX, lineNo, abbreviate(line)));
                continue;
            }
            String value = trim(line.substring(eq + 1));
            if (!KEYS.contains(key)) {
                String near = nearestKey(key);
                problems.add(problem(
                        ProblemCode.MANIFEST_UNKNOWN_KEY,
                        lineNo,
                        abbreviate(key),
                        near == null ? "" : "（是否要寫「" + near + "」？）",
                        near == null ? "" : " (did you mean \"" + near + "\"?)"));
                continue;
            }
            if (key.equals("text")) {
                if (textLines.isEmpty()) {
                    textFirstLine = lineNo;
                } else if (!"text".equals(previousKey)) {
                    problems.add(problem(ProblemCode.MANIFEST_TEXT_NOT_CONTIGUOUS, lineNo, textFirstLine));
                }
                textLines.add(value);
            } else if (entries.containsKey(key)) {
                problems.add(problem(
                        ProblemCode.MANIFEST_DUPLICATE_KEY,
                        lineNo,
                        key,
                        entries.get(key).line()));
            } else {
                entries.put(key, new Entry(lineNo, value));
            }
            previousKey = key;
        }

        String file = required(entries, "file");
        if (file != null && !file.equals(dataName)) {
            problems.add(problem(
                    ProblemCode.MANIFEST_FILE_MISMATCH, entries.get("file").line(), file, dataName));
        }
        String sha256 = required(entries, "sha256");
        if (sha256 != null && !HEX64.matcher(sha256).matches()) {
            problems.add(problem(
                    ProblemCode.MANIFEST_BAD_SHA256, entries.get("sha256").line(), abbreviate(sha256)));
        }
        String sizeText = required(entries, "size");
        long size = -1;
        if (sizeText != null) {
            if (DIGITS.matcher(sizeText).matches()) {
                size = Long.parseLong(sizeText);
            } else {
                problems.add(problem(
                        ProblemCode.MANIFEST_BAD_SIZE, entries.get("size").line(), abbreviate(sizeText)));
            }
        }
        if (textLines.isEmpty()) {
            problems.add(problem(ProblemCode.MANIFEST_MISSING_KEY, "text"));
        }
        OffsetDateTime schedule = optional(entries, "schedule", this::schedule, ProblemCode.MANIFEST_BAD_SCHEDULE);
        Integer validity =
                optional(entries, "validity-minutes", ManifestParser::minutes, ProblemCode.MANIFEST_BAD_VALIDITY);
        Boolean test = optional(entries, "test", ManifestParser::flag, ProblemCode.MANIFEST_BAD_TEST_FLAG);
        URI callback = callback(entries.get("callback"));
        String reference = reference(entries.get("reference"));

        if (!problems.isEmpty()) {
            throw failure(null);
        }
        return new Manifest(
                file,
                sha256.toLowerCase(Locale.ROOT),
                size,
                String.join("\n", textLines),
                schedule,
                validity,
                test != null && test,
                callback,
                reference);
    }

    private String decode(byte[] bytes) throws ManifestException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw failure(problem(ProblemCode.MANIFEST_NOT_UTF8, line));
        }
        return out.flip().toString();
    }

    private String required(Map<String, Entry> entries, String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            problems.add(problem(ProblemCode.MANIFEST_MISSING_KEY, key));
            return null;
        }
        if (entry.value().isEmpty()) {
            problems.add(problem(ProblemCode.MANIFEST_EMPTY_VALUE, entry.line(), key));
            return null;
        }
        return entry.value();
    }

    /** An optional key with an empty value counts as absent, so a template may leave {@code schedule =} blank. */
    private <T> T optional(Map<String, Entry> entries, String key, Reader<T> reader, ProblemCode onError) {
        Entry entry = entries.get(key);
        if (entry == null || entry.value().isEmpty()) {
            return null;
        }
        T value = reader.read(entry.value());
        if (value == null) {
            problems.add(problem(onError, entry.line(), abbreviate(entry.value())));
        }
        return value;
    }

    private interface Reader<T> {
        /** The value, or {@code null} when it cannot be read. */
        T read(String text);
    }

    /** {@code 2026-12-01T09:00+08:00} (ISO-8601 with offset or Z), or {@code 2026-12-01 09:00} in Taiwan time. */
    private OffsetDateTime schedule(String text) {
        try {
            if (OFFSET_TIME.matcher(text).matches()) {
                return OffsetDateTime.parse(text.replace(' ', 'T'));
            }
            if (LOCAL_TIME.matcher(text).matches()) {
                return LocalDateTime.parse(text.replace(' ', 'T'))
                        .atZone(Manifest.TAIWAN)
                        .toOffsetDateTime();
            }
        } catch (DateTimeException e) {
            // e.g. 2026-02-30: reported below like any unreadable time
        }
        return null;
    }

    private static Integer minutes(String text) {
        if (!text.matches("[0-9]{1,9}")) {
            return null;
        }
        int minutes = Integer.parseInt(text);
        return minutes > 0 ? minutes : null;
    }

    private static Boolean flag(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private URI callback(Entry entry) {
        if (entry == null || entry.value().isEmpty()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(entry.value());
        } catch (URISyntaxException e) {
            problems.add(problem(ProblemCode.MANIFEST_BAD_CALLBACK, entry.line(), abbreviate(entry.value())));
            return null;
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null) {
            problems.add(problem(ProblemCode.MANIFEST_BAD_CALLBACK, entry.line(), abbreviate(entry.value())));
            return null;
        }
        if (!uri.getScheme().equalsIgnoreCase("https")) {
            problems.add(problem(ProblemCode.MANIFEST_CALLBACK_NOT_HTTPS, entry.line(), abbreviate(entry.value())));
            return null;
        }
        return uri;
    }

    private String reference(Entry entry) {
        if (entry == null || entry.value().isEmpty()) {
            return null;
        }
        int length = entry.value().codePointCount(0, entry.value().length());
        if (length > Manifest.MAX_REFERENCE_LENGTH) {
            problems.add(problem(
                    ProblemCode.MANIFEST_REFERENCE_TOO_LONG, entry.line(), length, Manifest.MAX_REFERENCE_LENGTH));
            return null;
        }
        return entry.value();
    }

    /** The known key a typo most likely meant ({@code shedule} → {@code schedule}), or {@code null}. */
    static String nearestKey(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String normalized = key.replace('_', '-').replace(' ', '-');
        for (String known : KEYS) {
            int d = distance(normalized, known);
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, best.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Only ASCII spaces and tabs: a full-width space (U+3000) at the start of a text line is the agency's. */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Quoted input in a message stays short: a pasted recipient list must not become a 60 kB error. */
    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private Problem problem(ProblemCode code, Object... args) {
        return Problem.of(code, manifestName, null, args);
    }

    private ManifestException failure(Problem problem) {
        if (problem != null) {
            problems.add(problem);
        }
        return new ManifestException(manifestName, problems);
    }
}
