package tw.gov.sms.notification.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The configuration of notifications (docs/configuration.md, docs/notifications.md). */
@ApplicationScoped
public class NotificationSettings {

    @Inject
    @ConfigProperty(name = "sms.notify.scan-seconds", defaultValue = "5")
    int scanSeconds;

    @Inject
    @ConfigProperty(name = "sms.notify.window-hours", defaultValue = "96")
    int windowHours;

    @Inject
    @ConfigProperty(name = "sms.notify.failure-threshold-percent", defaultValue = "10")
    int failureThresholdPercent;

    @Inject
    @ConfigProperty(name = "sms.notify.failure-min-final", defaultValue = "20")
    int failureMinFinal;

    @Inject
    @ConfigProperty(name = "sms.notify.mail-batch", defaultValue = "50")
    int mailBatch;

    @Inject
    @ConfigProperty(name = "sms.notify.mail-attempts", defaultValue = "3")
    int mailAttempts;

    @Inject
    @ConfigProperty(name = "sms.notify.mail-lease-minutes", defaultValue = "10")
    int mailLeaseMinutes;

    /** The portal's base address; blank: derived from {@code sms.account.reset-url}, which {@code ./sms} sets. */
    @Inject
    @ConfigProperty(name = "sms.notify.portal-url", defaultValue = " ")
    String portalUrl;

    @Inject
    @ConfigProperty(name = "sms.account.reset-url", defaultValue = "http://localhost:8080/portal/reset.xhtml")
    String resetUrl;

    public int scanSeconds() {
        return Math.max(1, scanSeconds);
    }

    public int windowHours() {
        return Math.max(1, windowHours);
    }

    public int failureThresholdPercent() {
        return failureThresholdPercent;
    }

    public int failureMinFinal() {
        return failureMinFinal;
    }

    public int mailBatch() {
        return Math.max(1, mailBatch);
    }

    public int mailAttempts() {
        return Math.max(1, mailAttempts);
    }

    public int mailLeaseMinutes() {
        return Math.max(1, mailLeaseMinutes);
    }

    /** The job's page in the portal, e.g. {@code http://localhost:8080/portal/app/jobs.xhtml?id=42}. */
    public String jobLink(long jobId) {
        return JobLinks.jobPage(portalUrl, resetUrl, jobId);
    }
}
