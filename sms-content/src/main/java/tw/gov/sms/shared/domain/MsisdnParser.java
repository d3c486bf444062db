package tw.gov.sms.shared.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a phone number as agencies write it into a {@link Msisdn}, or a reason code.
 *
 * <p>Accepted forms (separators are spaces, {@code - . ( ) /}, any dash, no-break and ideographic spaces, and
 * invisible format characters such as a BOM or zero-width space; full-width digits and {@code +} count as ASCII):
 *
 * <ul>
 *   <li>national: {@code 0912345678}, {@code 0912-345-678}, {@code 0912 345 678}, {@code (0912)345678}
 *   <li>international: {@code +886912345678}, {@code 886912345678}, {@code +886 912 345 678}, and with the trunk zero
 *       that people often keep, {@code +886 0912 345 678}
 *   <li>with an international access code: {@code 00886…}, {@code 009886…} (and {@code 002}/{@code 005}/
 *       {@code 006}/{@code 007}/{@code 0019} carrier codes)
 *   <li>nine digits starting with 9 ({@code 912345678}): a spreadsheet that stored the number as a numeric cell and
 *       dropped the leading zero. Unambiguous in Taiwan, so accepted.
 * </ul>
 *
 * <p>Stateless and thread-safe; no regular expressions (it runs for every row of 200,000-row files).
 */
public final class MsisdnParser {

    private MsisdnParser() {}

    /** Parses one number; problems name the field {@code "number"}. */
    public static NumberParseResult parse(String raw) {
        return parse(raw, "number");
    }

    /** Parses one number; problems name the given field, e.g. {@code "recipients[3]"}. */
    public static NumberParseResult parse(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return reject(raw, field, ProblemCode.NUMBER_EMPTY);
        }
        StringBuilder digits = new StringBuilder(16);
        boolean plus = false;
        boolean letters = false;
        String invalid = null;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            int c = fold(cp);
            if (c >= '0' && c <= '9') {
                digits.append((char) c);
            } else if (c == '+') {
                if (plus || digits.length() > 0) {
                    invalid = invalid == null ? "+" : invalid;
                }
                plus = true;
            } else if (isSeparator(c)) {
                // ignored
            } else if (Character.isLetter(c)) {
                letters = true;
            } else if (invalid == null) {
                invalid = new String(Character.toChars(cp));
            }
        }
        if (letters) {
            return reject(raw, field, ProblemCode.NUMBER_HAS_LETTERS, raw);
        }
        if (invalid != null) {
            return reject(raw, field, ProblemCode.NUMBER_INVALID_CHARACTERS, raw, invalid);
        }
        if (digits.length() == 0) {
            return reject(raw, field, ProblemCode.NUMBER_EMPTY);
        }
        String d = digits.toString();
        String nsn; // national significant number, without trunk zero or country code
        boolean international = true;
        if (plus) {
            if (!d.startsWith("886")) {
                return reject(raw, field, ProblemCode.NUMBER_NOT_TAIWAN, raw);
            }
            nsn = d.substring(3);
        } else if (d.startsWith("00")) {
            int cc = countryCodeAfterAccessCode(d);
            if (cc < 0) {
                return reject(raw, field, ProblemCode.NUMBER_NOT_TAIWAN, raw);
            }
            nsn = d.substring(cc + 3);
        } else if (d.startsWith("886") && d.length() >= 11) {
            nsn = d.substring(3);
        } else if (d.charAt(0) == '0') {
            nsn = d.substring(1);
            international = false;
        } else if (d.charAt(0) == '9') {
            if (d.length() != 9) {
                return reject(raw, field, ProblemCode.NUMBER_WRONG_LENGTH, raw, d.length());
            }
            nsn = d;
        } else if (d.length() <= 6) {
            return reject(raw, field, ProblemCode.NUMBER_SHORT_CODE, raw);
        } else if (d.length() <= 8) {
            // A local landline number written without its area code.
            return reject(raw, field, ProblemCode.NUMBER_LANDLINE, raw);
        } else {
            return reject(raw, field, ProblemCode.NUMBER_NOT_TAIWAN, raw);
        }
        if (international && nsn.startsWith("0")) {
            nsn = nsn.substring(1); // "+886 0912…": the trunk zero kept by habit
        }
        if (nsn.isEmpty()) {
            return reject(raw, field, ProblemCode.NUMBER_WRONG_LENGTH, raw, 0);
        }
        char first = nsn.charAt(0);
        if (first == '9') {
            if (nsn.length() != 9) {
                return reject(raw, field, ProblemCode.NUMBER_WRONG_LENGTH, raw, nsn.length() + 1);
            }
            if (nsn.charAt(1) == '9') {
                return reject(raw, field, ProblemCode.NUMBER_NOT_MOBILE, raw);
            }
            return NumberParseResult.accepted(raw, new Msisdn("0" + nsn));
        }
        if (nsn.startsWith("800") || nsn.startsWith("809") || nsn.startsWith("70")) {
            return reject(raw, field, ProblemCode.NUMBER_NOT_MOBILE, raw); // toll-free, premium, VoIP
        }
        if (first >= '2' && first <= '8') {
            return reject(raw, field, ProblemCode.NUMBER_LANDLINE, raw);
        }
        return reject(raw, field, ProblemCode.NUMBER_NOT_MOBILE, raw);
    }

    /**
     * Parses a job's recipient list: every row gets a result, each number is kept once (first occurrence wins) and
     * each later duplicate gets a {@link ProblemCode#NUMBER_DUPLICATE} warning. Problems name {@code recipients[i]}
     * (0-based).
     */
    public static ParsedNumbers parseAll(List<String> raws) {
        List<NumberParseResult> results = new ArrayList<>(raws.size());
        List<Msisdn> unique = new ArrayList<>(raws.size());
        List<Problem> problems = new ArrayList<>();
        Map<Msisdn, Integer> firstSeen = new HashMap<>(Math.max(16, raws.size() * 2));
        for (int i = 0; i < raws.size(); i++) {
            String field = "recipients[" + i + "]";
            NumberParseResult r = parse(raws.get(i), field);
            results.add(r);
            if (!r.ok()) {
                problems.add(r.problem());
                continue;
            }
            Integer first = firstSeen.putIfAbsent(r.msisdn(), i);
            if (first == null) {
                unique.add(r.msisdn());
            } else {
                problems.add(Problem.of(
                        ProblemCode.NUMBER_DUPLICATE, field, null, r.msisdn().masked(), first + 1));
            }
        }
        return new ParsedNumbers(results, unique, problems);
    }

    /** Length of the access code if it is followed by 886, else -1. */
    private static int countryCodeAfterAccessCode(String d) {
        if (d.startsWith("00886")) {
            return 2;
        }
        if (d.startsWith("0019886")) {
            return 4;
        }
        if (d.length() > 6 && d.charAt(2) >= '2' && d.charAt(2) <= '9' && d.startsWith("886", 3)) {
            return 3; // 002, 005, 006, 007, 009… carrier-selected international access
        }
        return -1;
    }

    private static int fold(int cp) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            return cp - 0xFEE0; // full-width ASCII
        }
        return cp;
    }

    private static boolean isSeparator(int c) {
        switch (c) {
            case ' ', '\t', '\u00A0', '\u3000', '-', '.', '(', ')', '/', '\u2212', '\u30FC':
                return true;
            default:
                int type = Character.getType(c);
                return type == Character.DASH_PUNCTUATION
                        || type == Character.FORMAT
                        || type == Character.SPACE_SEPARATOR;
        }
    }

    private static NumberParseResult reject(String raw, String field, ProblemCode code, Object... args) {
        return NumberParseResult.rejected(raw, Problem.of(code, field, null, args));
    }
}
