package tw.gov.sms.quota.application;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Starts the {@code monthly-bill} batch job for the month just ended, at 01:00 Taiwan time on the 1st
 * (R11.2), and on request for any past or current month ({@link #start}).
 */
@Singleton
public class MonthlyBills {

    public static final String JOB = "monthly-bill";

    private static final Logger LOG = Logger.getLogger(MonthlyBills.class.getName());

    @Schedule(dayOfMonth = "1", hour = "1", minute = "0", timezone = "Asia/Taipei", persistent = false)
    void afterMonthEnd() {
        YearMonth previous = YearMonth.now(ZoneId.of("Asia/Taipei")).minusMonths(1);
        long execution = start(previous);
        LOG.info(() -> "monthly-bill for " + previous + " started as execution " + execution);
    }

    public long start(YearMonth month) {
        Properties parameters = new Properties();
        parameters.setProperty("month", month.toString());
        return BatchRuntime.getJobOperator().start(JOB, parameters);
    }

    /** Starts the job and waits for it (up to {@code timeout}); returns its final batch status. */
    public BatchStatus runAndWait(YearMonth month, Duration timeout) throws InterruptedException {
        JobOperator operator = BatchRuntime.getJobOperator();
        long execution = start(month);
        Instant deadline = Instant.now().plus(timeout);
        BatchStatus status = operator.getJobExecution(execution).getBatchStatus();
        while (Instant.now().isBefore(deadline)
                && status != BatchStatus.COMPLETED
                && status != BatchStatus.FAILED
                && status != BatchStatus.ABANDONED
                && status != BatchStatus.STOPPED) {
            Thread.sleep(200);
            status = operator.getJobExecution(execution).getBatchStatus();
        }
        return status;
    }
}
