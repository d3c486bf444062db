package tw.gov.sms.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NotificationTextTest {

    private static Notification job(Stage stage, long delivered, long failed, long expired, Integer threshold) {
        return new Notification(
                1, 7, stage, 42L, null, OffsetDateTime.now(), null, 5, delivered, failed, expired, threshold, null, 0);
    }

    @Test
    void theFinishedMailIsTraditionalChineseFirstThenEnglishWithCountsAndTheLink() {
        NotificationText.Mail mail = NotificationText.mail(
                job(Stage.FINISHED, 3, 1, 1, null), "https://sms.gov.tw/portal/app/jobs.xhtml?id=42");
        assertThat(mail.subject()).isEqualTo("【111 簡訊平台】發送工作 #42 已完成 / Send job #42 finished");
        assertThat(mail.text()).contains("成功 3 則，失敗 1 則，逾時未送達 1 則");
        assertThat(mail.text()).contains("3 delivered, 1 failed, 1 expired");
        assertThat(mail.text().indexOf("已完成")).isLessThan(mail.text().indexOf("finished"));
        assertThat(mail.text()).contains("工作頁面：https://sms.gov.tw/portal/app/jobs.xhtml?id=42");
        assertThat(mail.text()).contains("Job page: https://sms.gov.tw/portal/app/jobs.xhtml?id=42");
        assertThat(mail.subject()).doesNotContain("\n");
    }

    @Test
    void theFailureNoticeNamesTheShareAndTheThreshold() {
        Notification n = job(Stage.FAILURES, 6, 3, 1, 10);
        assertThat(NotificationText.title(n, Locale.ENGLISH)).isEqualTo("Send job #42: failures over 10%");
        assertThat(NotificationText.body(n, Locale.ENGLISH))
                .startsWith("4 of 10 final messages were not delivered (40%)");
        assertThat(NotificationText.body(n, Locale.TRADITIONAL_CHINESE)).contains("10 則簡訊中，4 則未送達（40%）");
    }

    @Test
    void aRejectedUploadNamesTheFileAndHasNoLink() {
        Notification n = new Notification(
                2, 7, Stage.REJECTED, null, 9L, OffsetDateTime.now(), null, 0, 0, 0, 0, null, "名單.csv", 1);
        assertThat(NotificationText.title(n, Locale.TRADITIONAL_CHINESE)).isEqualTo("檔案「名單.csv」未通過檢核（上傳 #9）");
        assertThat(NotificationText.body(n, Locale.ENGLISH)).startsWith("The file has 1 problem;");
        assertThat(NotificationText.mail(n, null).text()).doesNotContain("Job page");
    }

    @Test
    void anyLocaleButEnglishReadsTraditionalChinese() {
        Notification n = job(Stage.ACCEPTED, 0, 0, 0, null);
        assertThat(NotificationText.title(n, null)).isEqualTo("發送工作 #42 已受理");
        assertThat(NotificationText.title(n, Locale.forLanguageTag("zh-TW"))).isEqualTo("發送工作 #42 已受理");
        assertThat(NotificationText.title(n, Locale.US)).isEqualTo("Send job #42 accepted");
    }
}
