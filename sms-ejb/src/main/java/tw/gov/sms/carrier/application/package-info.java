/**
 * Carrier context, use cases: hand work units to the SMPP links and record every answer at once in its
 * own transaction (R1.3, R1.6); settle messages from delivery receipts (R4, R11.2: delivered segments
 * are what is billed). Retry policy: throttling and transient errors back off exponentially up to a
 * configured count; permanent errors fail the message with the carrier's status; an unanswered
 * {@code submit_sm} is retried (at-least-once, docs/message-path.md "In-flight policy").
 *
 * <p>Monitoring (R8.2, R9.7): {@code CarrierLinkMonitor} gives system administrators a read-only view of
 * this instance's links (binds, window in use, submit rate from {@code SubmitRate}, errors, reconnects)
 * without any SMPP type or credential leaving the context.
 */
package tw.gov.sms.carrier.application;
