package tw.gov.sms.sending.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * The rules every send obeys whatever its channel: how many recipients, how far ahead it may be
 * scheduled, how long it stays valid, and which sender id it goes out with (test traffic never uses
 * {@code 111}).
 */
@ApplicationScoped
public class SendRules {

    @Inject
    @ConfigProperty(name = "sms.sender.government", defaultValue = "111")
    String governmentSender;

    @Inject
    @ConfigProperty(name = "sms.sender.test", defaultValue = "SMSTEST")
    String testSender;

    @Inject
    @ConfigProperty(name = "sms.submission.max-recipients", defaultValue = "1000000")
    int maxRecipients;

    @Inject
    @ConfigProperty(name = "sms.submission.default-validity-minutes", defaultValue = "1440")
    int defaultValidityMinutes;

    @Inject
    @ConfigProperty(name = "sms.submission.max-validity-minutes", defaultValue = "4320")
    int maxValidityMinutes;

    @Inject
    @ConfigProperty(name = "sms.submission.max-schedule-days", defaultValue = "90")
    int maxScheduleDays;

    public String sender(boolean test) {
        return test ? testSender : governmentSender;
    }

    public int maxRecipients() {
        return maxRecipients;
    }

    /** Problems with the number of recipients, or an empty list. */
    public List<Problem> checkRecipientCount(long recipients, String field) {
        if (recipients == 0) {
            return List.of(Problem.of(ProblemCode.REQUEST_NO_RECIPIENTS, field, null));
        }
        if (recipients > maxRecipients) {
            return List.of(Problem.of(ProblemCode.REQUEST_TOO_MANY_RECIPIENTS, field, null, recipients, maxRecipients));
        }
        return List.of();
    }

    /** Problems with the schedule time and the validity period, or an empty list. */
    public List<Problem> checkTimes(OffsetDateTime scheduleAt, Integer validityMinutes, OffsetDateTime now) {
        List<Problem> problems = new ArrayList<>();
        if (scheduleAt != null) {
            if (scheduleAt.isBefore(now.minusMinutes(1))) {
                problems.add(Problem.of(ProblemCode.REQUEST_SCHEDULE_IN_PAST, "scheduleAt", null, scheduleAt));
            } else if (scheduleAt.isAfter(now.plusDays(maxScheduleDays))) {
                problems.add(Problem.of(
                        ProblemCode.REQUEST_SCHEDULE_TOO_FAR, "scheduleAt", null, scheduleAt, maxScheduleDays));
            }
        }
        if (validityMinutes != null && (validityMinutes < 1 || validityMinutes > maxValidityMinutes)) {
            problems.add(Problem.of(
                    ProblemCode.REQUEST_VALIDITY_OUT_OF_RANGE,
                    "validityMinutes",
                    null,
                    validityMinutes,
                    maxValidityMinutes));
        }
        return problems;
    }

    /** End of the validity period: from the schedule time (or now) plus the requested or default minutes. */
    public OffsetDateTime validityUntil(OffsetDateTime scheduleAt, Integer validityMinutes, OffsetDateTime now) {
        OffsetDateTime start = scheduleAt != null ? scheduleAt : now;
        int minutes = validityMinutes == null ? defaultValidityMinutes : validityMinutes;
        return start.plusMinutes(minutes).truncatedTo(ChronoUnit.MICROS);
    }
}
