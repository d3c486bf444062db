package tw.gov.sms.notification.domain;

import java.util.Locale;

/**
 * The words of a notification, in Traditional Chinese or English, and the bilingual mail (Traditional Chinese
 * first, then English, R4). Written once here, so the portal, the API and the mail say the same thing.
 */
public final class NotificationText {

    /** Brand at the start of every subject, so a mail client groups and filters them. */
    static final String BRAND = "【111 簡訊平台】";

    private NotificationText() {}

    /** A mail: one-line subject and plain text. */
    public record Mail(String subject, String text) {}

    /** Whether {@code locale} is read in English; anything else is Traditional Chinese (the portal's default). */
    public static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    public static String title(Notification n, Locale locale) {
        return english(locale) ? titleEn(n) : titleZh(n);
    }

    public static String body(Notification n, Locale locale) {
        return english(locale) ? bodyEn(n) : bodyZh(n);
    }

    /**
     * The mail of a notification: both languages in the subject and the text; {@code link} (the job's portal page,
     * or {@code null} when there is none, e.g. an upload) follows each language's body.
     */
    public static Mail mail(Notification n, String link) {
        String subject = BRAND + titleZh(n) + " / " + titleEn(n);
        StringBuilder text = new StringBuilder();
        text.append(titleZh(n)).append("\n\n").append(bodyZh(n)).append('\n');
        if (link != null) {
            text.append("\n工作頁面：").append(link).append('\n');
        }
        text.append("\n此為系統自動發送的通知，請勿回覆。可在入口網站的「通知」頁面調整通知方式。\n");
        text.append("\n----------------------------------------\n\n");
        text.append(titleEn(n)).append("\n\n").append(bodyEn(n)).append('\n');
        if (link != null) {
            text.append("\nJob page: ").append(link).append('\n');
        }
        text.append("\nThis notice was sent automatically; please do not reply. Choose which notices you get on the"
                + " portal's Notifications page.\n");
        return new Mail(subject, text.toString());
    }

    static String titleZh(Notification n) {
        return switch (n.stage()) {
            case ACCEPTED -> "發送工作 #" + n.jobId() + " 已受理";
            case STARTED -> "發送工作 #" + n.jobId() + " 開始發送";
            case FINISHED -> "發送工作 #" + n.jobId() + " 已完成";
            case FAILURES -> "發送工作 #" + n.jobId() + " 失敗比例超過 " + n.thresholdPercent() + "%";
            case REJECTED -> "檔案「" + fileName(n) + "」未通過檢核（上傳 #" + n.uploadId() + "）";
        };
    }

    static String titleEn(Notification n) {
        return switch (n.stage()) {
            case ACCEPTED -> "Send job #" + n.jobId() + " accepted";
            case STARTED -> "Send job #" + n.jobId() + " started sending";
            case FINISHED -> "Send job #" + n.jobId() + " finished";
            case FAILURES -> "Send job #" + n.jobId() + ": failures over " + n.thresholdPercent() + "%";
            case REJECTED -> "File \"" + fileName(n) + "\" rejected (upload #" + n.uploadId() + ")";
        };
    }

    static String bodyZh(Notification n) {
        return switch (n.stage()) {
            case ACCEPTED -> "平台已受理此發送工作，收訊人共 " + n.recipients() + " 位。";
            case STARTED -> "此發送工作已開始交付電信業者，收訊人共 " + n.recipients() + " 位。";
            case FINISHED ->
                "此發送工作的簡訊皆已有結果：收訊人共 " + n.recipients() + " 位，成功 " + n.delivered() + " 則，失敗 " + n.failed() + " 則，逾時未送達 "
                        + n.expired() + " 則。";
            case FAILURES ->
                "已有結果的 " + n.finals() + " 則簡訊中，" + n.notDelivered() + " 則未送達（"
                        + FailureRule.percent(n.notDelivered(), n.finals()) + "%），超過設定的 " + n.thresholdPercent()
                        + "%。請查看工作頁面的失敗原因。";
            case REJECTED -> "此檔案有 " + n.problemCount() + " 個問題，整批未發送任何簡訊；請依檢核報告修正後重新上傳。";
        };
    }

    static String bodyEn(Notification n) {
        return switch (n.stage()) {
            case ACCEPTED -> "The platform accepted this send job for " + recipients(n.recipients()) + ".";
            case STARTED -> "This send job is being handed to the carriers, " + recipients(n.recipients()) + ".";
            case FINISHED ->
                "Every message of this send job has its result: " + recipients(n.recipients()) + ", " + n.delivered()
                        + " delivered, " + n.failed() + " failed, " + n.expired() + " expired.";
            case FAILURES ->
                n.notDelivered() + " of " + n.finals() + " final messages were not delivered ("
                        + FailureRule.percent(n.notDelivered(), n.finals()) + "%), over the threshold of "
                        + n.thresholdPercent() + "%. The job page gives the reasons.";
            case REJECTED ->
                "The file has " + n.problemCount() + (n.problemCount() == 1 ? " problem" : " problems")
                        + "; nothing was sent. Correct it as the validation report says and upload it again.";
        };
    }

    private static String recipients(long n) {
        return n + (n == 1 ? " recipient" : " recipients");
    }

    private static String fileName(Notification n) {
        return n.fileName() == null ? "" : n.fileName();
    }
}
