package tw.gov.sms.notification.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobLinksTest {

    @Test
    void theJobPageHangsOffTheFolderOfTheResetPage() {
        assertThat(JobLinks.jobPage(" ", "http://localhost:18080/portal/reset.xhtml", 42))
                .isEqualTo("http://localhost:18080/portal/app/jobs.xhtml?id=42");
        assertThat(JobLinks.jobPage(null, "https://sms.gov.tw/portal/reset.xhtml?x=1", 7))
                .isEqualTo("https://sms.gov.tw/portal/app/jobs.xhtml?id=7");
    }

    @Test
    void anExplicitPortalAddressWinsWithOrWithoutItsSlash() {
        assertThat(JobLinks.jobPage("https://111.gov.tw/portal", "http://localhost/portal/reset.xhtml", 5))
                .isEqualTo("https://111.gov.tw/portal/app/jobs.xhtml?id=5");
        assertThat(JobLinks.jobPage("https://111.gov.tw/portal/", null, 5))
                .isEqualTo("https://111.gov.tw/portal/app/jobs.xhtml?id=5");
    }
}
