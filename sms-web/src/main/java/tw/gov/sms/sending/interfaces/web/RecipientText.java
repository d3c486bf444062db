package tw.gov.sms.sending.interfaces.web;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import tw.gov.sms.shared.domain.MsisdnParser;
import tw.gov.sms.shared.domain.ParsedNumbers;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * A recipient list as a person typed or pasted it into the portal, cut into entries and checked by the same
 * {@link MsisdnParser} the submission service uses, so the counts shown are the ones the send will find.
 *
 * <p>Entries are separated by line breaks, commas, semicolons (half- and full-width), the ideographic comma and
 * tabs. Spaces are a special case: people write one number as {@code 0912 345 678}, and paste several as
 * {@code 0912345678 0935123456}. A piece is therefore first parsed whole; only when that fails, and every
 * space-separated part is a valid number on its own, is it taken as several numbers. Otherwise it stays one entry
 * and is reported with the reason the whole piece failed, which is what the person wrote.
 *
 * @param entries every entry in the order written (what is submitted: the service rejects the invalid ones and
 *     sends each duplicate once, and records both)
 * @param unique the valid numbers, each once, in canonical national form
 * @param notices one per invalid entry and one per duplicate, with its entry and line number
 */
record RecipientText(List<Entry> entries, List<String> unique, List<ComposePage.Notice> notices)
        implements Serializable {

    /** One entry: the number as written and the (1-based) line of the text it came from. */
    record Entry(String raw, int line) implements Serializable {}

    static final RecipientText EMPTY = new RecipientText(List.of(), List.of(), List.of());

    private static final String SEPARATORS = "[,;，；、\\t]";
    private static final String SPACES = "[\\s\\u00A0\\u3000]+";

    static RecipientText parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int l = 0; l < lines.length; l++) {
            for (String piece : lines[l].split(SEPARATORS)) {
                cut(piece.strip(), l + 1, entries);
            }
        }
        ParsedNumbers parsed =
                MsisdnParser.parseAll(entries.stream().map(Entry::raw).toList());
        List<ComposePage.Notice> notices = new ArrayList<>();
        for (Problem p : parsed.problems()) {
            int index = indexOf(p.field());
            Entry entry = entries.get(index);
            notices.add(ComposePage.Notice.of(p, index + 1, entry.line()));
        }
        List<String> unique = parsed.unique().stream().map(m -> m.national()).toList();
        return new RecipientText(List.copyOf(entries), unique, List.copyOf(notices));
    }

    private static void cut(String piece, int line, List<Entry> entries) {
        if (piece.isEmpty()) {
            return;
        }
        if (!MsisdnParser.parse(piece).ok()) {
            String[] parts = piece.split(SPACES);
            if (parts.length > 1) {
                boolean allValid = true;
                for (String part : parts) {
                    allValid &= MsisdnParser.parse(part).ok();
                }
                if (allValid) {
                    for (String part : parts) {
                        entries.add(new Entry(part, line));
                    }
                    return;
                }
            }
        }
        entries.add(new Entry(piece, line));
    }

    /** {@link MsisdnParser#parseAll} names each problem's entry {@code recipients[i]} (0-based). */
    private static int indexOf(String field) {
        return Integer.parseInt(field.substring(field.indexOf('[') + 1, field.indexOf(']')));
    }

    int valid() {
        return unique.size();
    }

    long duplicates() {
        return notices.stream()
                .filter(n -> ProblemCode.NUMBER_DUPLICATE.name().equals(n.code()))
                .count();
    }

    long invalid() {
        return notices.stream().filter(ComposePage.Notice::error).count();
    }

    /** The entry a problem of the submission service names by its index, or {@code null}. */
    Entry entry(int index) {
        return index >= 0 && index < entries.size() ? entries.get(index) : null;
    }
}
