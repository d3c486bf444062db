/**
 * Batch side of billing: the {@code monthly-bill} job (one batchlet: settle, then bill every agency with
 * paid traffic in the month) and its batchlet; the timer that starts it after each month end is {@code tw.gov.sms.quota.application.MonthlyBills} (R11.2).
 */
package tw.gov.sms.quota.interfaces.batch;
