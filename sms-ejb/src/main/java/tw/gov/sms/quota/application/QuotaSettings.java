package tw.gov.sms.quota.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The quota and billing numbers that are configuration ({@code sms.quota.*}, docs/configuration.md). */
@ApplicationScoped
public class QuotaSettings {

    /** Contract days, bill months and report days are Taiwan calendar days. */
    public static final ZoneId TAIWAN = ZoneId.of("Asia/Taipei");

    @Inject
    @ConfigProperty(name = "sms.quota.free-test-messages", defaultValue = "20")
    int freeTestMessages;

    @Inject
    @ConfigProperty(name = "sms.quota.settle-batch", defaultValue = "20000")
    int settleBatch;

    /** Free test messages per account (R11.3), separate from paid quota and never billed. */
    public int freeTestMessages() {
        return freeTestMessages;
    }

    /** Final messages settled (charged or released, and counted in the rollup) per transaction. */
    public int settleBatch() {
        return settleBatch;
    }

    public static LocalDate today() {
        return LocalDate.now(TAIWAN);
    }
}
