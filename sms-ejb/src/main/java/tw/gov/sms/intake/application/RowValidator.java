package tw.gov.sms.intake.application;

import java.util.ArrayList;
import java.util.List;
import tw.gov.sms.files.FileProblem;
import tw.gov.sms.files.FileRow;
import tw.gov.sms.sending.domain.content.ComposedMessage;
import tw.gov.sms.sending.domain.content.ContentEngine;
import tw.gov.sms.shared.domain.MsisdnParser;
import tw.gov.sms.shared.domain.NumberParseResult;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;
import tw.gov.sms.shared.domain.Severity;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher.Purpose;
import tw.gov.sms.shared.infrastructure.crypto.NumberHasher;

/**
 * Checks one row of a file exactly as the submission service checks one recipient: the number, the
 * placeholders, the characters and the length of the composed text (R2.3). Made once per validation
 * step; not thread-safe beyond what its collaborators are.
 */
public final class RowValidator {

    static final String TEXT_COLUMN = "簡訊內容 text";

    private final ContentEngine content;
    private final FieldCipher cipher;
    private final NumberHasher hasher;
    private final String agencyDisplayName;
    private final String text;
    private final String phoneColumn;

    RowValidator(
            ContentEngine content,
            FieldCipher cipher,
            NumberHasher hasher,
            String agencyDisplayName,
            String text,
            String phoneColumn) {
        this.content = content;
        this.cipher = cipher;
        this.hasher = hasher;
        this.agencyDisplayName = agencyDisplayName;
        this.text = text;
        this.phoneColumn = phoneColumn;
    }

    public RowOutcome validate(FileRow row) {
        List<FileProblem> problems = new ArrayList<>(row.problems().stream()
                .filter(p -> p.problem().severity() == Severity.ERROR)
                .toList());
        NumberParseResult number = MsisdnParser.parse(row.phone(), phoneColumn);
        if (!number.ok()) {
            problems.add(new FileProblem(row.entry(), row.line(), phoneColumn, number.problem()));
            return new RowOutcome(row.ordinal(), row.entry(), row.line(), null, problems);
        }
        ComposedMessage message = content.compose(agencyDisplayName, text, number.msisdn(), row.values());
        for (Problem p : message.errors()) {
            problems.add(new FileProblem(row.entry(), row.line(), columnOf(p), p));
        }
        if (!problems.isEmpty()) {
            return new RowOutcome(row.ordinal(), row.entry(), row.line(), null, problems);
        }
        String national = message.recipient().national();
        StagedRow staged = new StagedRow(
                hasher.hash(national),
                cipher.encrypt(national, Purpose.MSISDN),
                cipher.encrypt(message.fullText(), Purpose.MESSAGE_TEXT),
                (short) cipher.activeVersion(),
                message.plan().encoding().name(),
                message.plan().count());
        return new RowOutcome(row.ordinal(), row.entry(), row.line(), staged, List.of());
    }

    /** The column a content problem is about: the placeholder's column for a missing value, else the text. */
    private String columnOf(Problem p) {
        if (p.code() == ProblemCode.PLACEHOLDER_MISSING_VALUE && p.position() != null) {
            int open = p.position();
            int close = text.indexOf('}', open);
            if (open < text.length() && text.charAt(open) == '{' && close > open) {
                return text.substring(open + 1, close);
            }
        }
        return TEXT_COLUMN;
    }
}
