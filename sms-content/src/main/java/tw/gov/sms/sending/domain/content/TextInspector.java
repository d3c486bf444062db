package tw.gov.sms.sending.domain.content;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;
import tw.gov.sms.shared.domain.Severity;

/**
 * Character, garbling (亂碼) and link checks on one piece of text. Stateless; all patterns and charsets are built
 * once. Each character check reports at most {@link #MAX_PER_CODE} occurrences per text so a badly decoded file
 * cannot produce a million problems.
 */
final class TextInspector {

    static final int MAX_PER_CODE = 10;

    private static final Charset CP950 = Charset.forName("x-windows-950");
    private static final Charset CP1252 = Charset.forName("windows-1252");

    private static final String URL_CHARS = "[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'*+,;=%]";
    private static final String TLDS = "tw|com|net|org|edu|gov|io|ly|cc|me|co|info|xyz|top|app|link|site|online|shop"
            + "|cn|hk|mo|jp|kr|sg|my|us|uk|gl|gd|to|tk|ml|ga|cf|gq|club|vip|biz|in|ru|asia|live|life|icu|pw|ws"
            + "|so|one|page|dev|tv|id|mobi|pro|store|tech|fun|win|bid|xin|work|ink|lol|click|cloud";

    /** Scheme links, www. links, and bare host names ending in a common top-level domain (as phones linkify). */
    private static final Pattern LINK = Pattern.compile("(?i)(?<![A-Za-z0-9.@\\-])(?:"
            + "(?:https?|ftp)://" + URL_CHARS + "+"
            + "|www\\." + URL_CHARS + "+"
            + "|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:" + TLDS + ")(?![A-Za-z0-9\\-])(?:[/?#:@]"
            + URL_CHARS + "*)?"
            + ")");

    private TextInspector() {}

    /** Runs every check; {@code nonGovLinkSeverity} decides how a non-gov.tw link is reported. */
    static void inspect(String text, String field, Severity nonGovLinkSeverity, List<Problem> out) {
        boolean nonAscii = checkCharacters(text, field, out);
        if (nonAscii) {
            checkMojibake(text, field, out);
        }
        checkLinks(text, field, nonGovLinkSeverity, out);
    }

    /** Returns whether the text has any non-ASCII character (the garbling checks are skipped otherwise). */
    static boolean checkCharacters(String text, String field, List<Problem> out) {
        int replacement = 0, control = 0, surrogate = 0, privateUse = 0, unassigned = 0;
        boolean nonAscii = false;
        for (int i = 0, n = text.length(); i < n; ) {
            char c = text.charAt(i);
            if (c < 0x80 && c >= 0x20 && c != 0x7F) {
                i++;
                continue;
            }
            nonAscii |= c >= 0x80;
            int cp = c;
            int width = 1;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                cp = Character.toCodePoint(c, text.charAt(i + 1));
                width = 2;
            }
            if (cp == '\n') {
                // the only control character allowed
            } else if (cp == 0xFFFD) {
                if (replacement++ < MAX_PER_CODE) {
                    out.add(charProblem(ProblemCode.TEXT_REPLACEMENT_CHAR, field, i, cp));
                }
            } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
                if (control++ < MAX_PER_CODE) {
                    out.add(charProblem(ProblemCode.TEXT_CONTROL_CHAR, field, i, cp));
                }
            } else if (Character.isSurrogate(c) && width == 1) {
                if (surrogate++ < MAX_PER_CODE) {
                    out.add(charProblem(ProblemCode.TEXT_UNPAIRED_SURROGATE, field, i, cp));
                }
            } else {
                int type = Character.getType(cp);
                if (type == Character.PRIVATE_USE) {
                    if (privateUse++ < MAX_PER_CODE) {
                        out.add(charProblem(ProblemCode.TEXT_PRIVATE_USE, field, i, cp));
                    }
                } else if (type == Character.UNASSIGNED) {
                    if (unassigned++ < MAX_PER_CODE) {
                        out.add(charProblem(ProblemCode.TEXT_UNASSIGNED, field, i, cp));
                    }
                }
            }
            i += width;
        }
        return nonAscii;
    }

    private static Problem charProblem(ProblemCode code, String field, int index, int cp) {
        return Problem.of(code, field, index, codePointLabel(cp), index + 1);
    }

    static String codePointLabel(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }

    // ---------------------------------------------------------------- garbling

    private static final String[] KIND_UTF8_AS_BIG5 = {"UTF-8 內容被當成 Big5/CP950 讀取", "UTF-8 read as Big5/CP950"};
    private static final String[] KIND_UTF8_AS_LATIN = {"UTF-8 內容被當成 Latin-1/CP1252 讀取", "UTF-8 read as Latin-1/CP1252"
    };
    private static final String[] KIND_BIG5_AS_LATIN = {"Big5 內容被當成 Latin-1/CP1252 讀取", "Big5 read as Latin-1/CP1252"};

    /**
     * Looks for runs that become sensible text when their bytes are re-read in another encoding.
     *
     * <ul>
     *   <li>UTF-8 read as CP950: CJK runs whose CP950 bytes contain two back-to-back UTF-8 sequences for CJK text (or
     *       U+FFFD, which gives the classic 嚙踝蕭). Genuine text almost never does: a UTF-8 CJK lead byte (E4–E9) is
     *       never the lead byte of a frequently used Big5 character. A single sequence needs more evidence (see
     *       {@link #singleSequenceEvidence}): 蝪∟, 銝剜?.
     *   <li>UTF-8 read as Latin-1/CP1252: runs of Latin-1/CP1252 characters whose bytes hold a valid multi-byte UTF-8
     *       sequence (Ã©, ï»¿, â€™).
     *   <li>Big5 read as Latin-1/CP1252: four or more such characters that decode as Big5 Chinese (¤¤¤å).
     * </ul>
     */
    static void checkMojibake(String text, String field, List<Problem> out) {
        int n = text.length();
        int reported = 0;
        for (int i = 0; i < n && reported < MAX_PER_CODE; ) {
            char c = text.charAt(i);
            if (isCjkRunChar(c)) {
                int end = i + 1;
                while (end < n && isCjkRunChar(text.charAt(end))) {
                    end++;
                }
                if (end - i >= 2 && utf8ReadAsBig5(text, i, end, out, field)) {
                    reported++;
                }
                i = end;
            } else if (isLatinRunChar(c)) {
                int end = i + 1;
                while (end < n && isLatinRunChar(text.charAt(end))) {
                    end++;
                }
                if (end - i >= 2 && latinGarble(text, i, end, out, field)) {
                    reported++;
                }
                i = end;
            } else {
                i++;
            }
        }
    }

    private static boolean isCjkRunChar(char c) {
        return c >= 0x2000 && !Character.isSurrogate(c) && c != 0xFFFD && !Character.isWhitespace(c);
    }

    private static boolean isLatinRunChar(char c) {
        return (c >= 0xA0 && c <= 0xFF && c != 0xA0) || isCp1252Special(c);
    }

    private static boolean isCp1252Special(char c) {
        return "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".indexOf(c) >= 0;
    }

    private static boolean utf8ReadAsBig5(String text, int start, int end, List<Problem> out, String field) {
        String run = text.substring(start, end);
        byte[] b = run.getBytes(CP950);
        int chain = 0, best = 0, single = -1;
        for (int i = 0; i + 2 < b.length; ) {
            int cp = utf8Three(b, i);
            if (cp >= 0 && isCjkLike(cp)) {
                chain++;
                best = Math.max(best, chain);
                if (single < 0) {
                    single = i;
                }
                i += 3;
            } else {
                chain = 0;
                i++;
            }
        }
        int at = start;
        boolean garbled = best >= 2;
        if (!garbled && single >= 0) {
            at = singleSequenceEvidence(text, start, end, single);
            garbled = at >= 0;
        }
        if (!garbled) {
            return false;
        }
        String guess = new String(b, StandardCharsets.UTF_8);
        out.add(mojibake(field, Math.max(at, start), run, guess, KIND_UTF8_AS_BIG5));
        return true;
    }

    /**
     * One UTF-8 sequence alone is weak evidence (a rare character before a symbol can produce it), so it counts only
     * when the characters it spans end in a non-Han symbol that is not CJK punctuation (蝪∟) or are followed by
     * {@code ?} or U+FFFD, which is what a decoder leaves of the odd byte (銝剜?). Returns the index of the first
     * spanned character, or -1.
     */
    private static int singleSequenceEvidence(String text, int start, int end, int byteOffset) {
        int bytes = 0;
        int first = -1;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            int len = String.valueOf(c).getBytes(CP950).length;
            int from = bytes;
            bytes += len;
            if (first < 0 && bytes > byteOffset) {
                first = i;
            }
            if (first >= 0 && from < byteOffset + 3 && bytes >= byteOffset + 3) {
                boolean symbolEnd =
                        Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN && !isCjkPunctuation(c);
                char after = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                boolean leftover = after == '?' || after == 0xFFFD;
                return symbolEnd || leftover ? first : -1;
            }
        }
        return -1;
    }

    private static boolean isCjkPunctuation(char c) {
        return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF65) || (c >= 0x2010 && c <= 0x2027);
    }

    private static boolean latinGarble(String text, int start, int end, List<Problem> out, String field) {
        String run = text.substring(start, end);
        byte[] b = run.getBytes(CP1252);
        for (int i = 0; i < b.length - 1; i++) {
            if (utf8Length(b, i) > 0) {
                out.add(mojibake(field, start, run, new String(b, StandardCharsets.UTF_8), KIND_UTF8_AS_LATIN));
                return true;
            }
        }
        if (run.length() >= 4) {
            String big5 = new String(b, CP950);
            long han = big5.chars()
                    .filter(ch -> Character.UnicodeScript.of(ch) == Character.UnicodeScript.HAN)
                    .count();
            if (big5.indexOf('\uFFFD') < 0 && han >= 2) {
                out.add(mojibake(field, start, run, big5, KIND_BIG5_AS_LATIN));
                return true;
            }
        }
        return false;
    }

    private static Problem mojibake(String field, int start, String run, String guess, String[] kind) {
        String shown = run.length() > 20 ? run.substring(0, 20) + "…" : run;
        String guessed = guess.length() > 20 ? guess.substring(0, 20) + "…" : guess;
        return Problem.of(ProblemCode.TEXT_MOJIBAKE, field, start, shown, start + 1, guessed, kind[0], kind[1]);
    }

    /** Code point of a valid 3-byte UTF-8 sequence at i, or -1. */
    private static int utf8Three(byte[] b, int i) {
        int b0 = b[i] & 0xFF, b1 = b[i + 1] & 0xFF, b2 = b[i + 2] & 0xFF;
        if (b0 < 0xE0 || b0 > 0xEF || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) {
            return -1;
        }
        int cp = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
        return cp < 0x800 || Character.isSurrogate((char) cp) ? -1 : cp;
    }

    /** Length of a valid 2-, 3- or 4-byte UTF-8 sequence at i, or 0. */
    private static int utf8Length(byte[] b, int i) {
        int b0 = b[i] & 0xFF;
        int len = b0 >= 0xC2 && b0 <= 0xDF ? 2 : b0 >= 0xE0 && b0 <= 0xEF ? 3 : b0 >= 0xF0 && b0 <= 0xF4 ? 4 : 0;
        if (len == 0 || i + len > b.length) {
            return 0;
        }
        for (int k = 1; k < len; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        if (len == 3) {
            return utf8Three(b, i) >= 0 ? 3 : 0;
        }
        return len;
    }

    private static boolean isCjkLike(int cp) {
        return (cp >= 0x3400 && cp <= 0x9FFF)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x3000 && cp <= 0x303F)
                || (cp >= 0xFF00 && cp <= 0xFFEF)
                || cp == 0xFFFD;
    }

    // ---------------------------------------------------------------- links

    static void checkLinks(String text, String field, Severity severity, List<Problem> out) {
        if (text.indexOf('.') < 0) {
            return; // every link form needs a dot; most messages stop here
        }
        // Run the pattern only over ASCII URL-character tokens that contain a dot: about 30x faster than over the
        // whole text, and equivalent because a link never spans a character outside URL_CHARS.
        Matcher m = null;
        int reported = 0;
        int n = text.length();
        for (int i = 0; i < n && reported < MAX_PER_CODE; ) {
            if (!isUrlChar(text.charAt(i))) {
                i++;
                continue;
            }
            int end = i;
            boolean dot = false;
            while (end < n && isUrlChar(text.charAt(end))) {
                dot |= text.charAt(end) == '.';
                end++;
            }
            if (dot) {
                m = m == null ? LINK.matcher(text) : m;
                m.region(i, end);
                while (m.find() && reported < MAX_PER_CODE) {
                    String link = trimTrailingPunctuation(m.group());
                    if (!isGovTw(host(link))) {
                        out.add(Problem.of(
                                ProblemCode.TEXT_LINK_NOT_GOV_TW, severity, field, m.start(), link, m.start() + 1));
                        reported++;
                    }
                }
            }
            i = end;
        }
    }

    private static boolean isUrlChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "-._~:/?#[]@!$&'*+,;=%".indexOf(c) >= 0;
    }

    private static String trimTrailingPunctuation(String s) {
        int end = s.length();
        while (end > 0 && ".,;:!?'".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    /** The host of a link: scheme, user info, port, path and a trailing dot removed; lower case. */
    static String host(String link) {
        String s = link;
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int end = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        s = s.substring(0, end);
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        int colon = s.indexOf(':');
        if (colon >= 0) {
            s = s.substring(0, colon);
        }
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    static boolean isGovTw(String host) {
        return host.equals("gov.tw") || host.endsWith(".gov.tw");
    }
}
