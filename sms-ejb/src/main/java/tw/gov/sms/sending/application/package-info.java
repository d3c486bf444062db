/**
 * Sending context, use cases: the one submission service behind every channel (R1.1, R2.1–R2.3,
 * R3.1, R3.2), preview, release of due jobs, job queries within the caller's agency, and the recovery
 * sweeper (R1.6).
 *
 * <p>Decisions: the job's rows and its release message commit in one JTA transaction (JMS joins the
 * database transaction), so a stored job is always released and a failed submission leaves nothing.
 * The database row, not the JMS message, guarantees nothing is lost: the sweeper re-releases and
 * re-queues what JMS lost. Jobs are locked with {@code FOR UPDATE SKIP LOCKED} so several instances can
 * release and sweep at once. Rejected: releasing after commit from a CDI observer (a crash in between
 * would leave the job to the sweeper every time instead of only after failures).
 */
package tw.gov.sms.sending.application;
