/**
 * Carrier context, use cases: hand work units to the SMPP links and record every answer at once in its
 * own transaction (R1.3, R1.6); settle messages from delivery receipts (R4, R11.2: delivered segments
 * are what is billed). Retry policy: throttling and transient errors back off exponentially up to a
 * configured count; permanent errors fail the message with the carrier's status; an unanswered
 * {@code submit_sm} is retried (at-least-once, docs/message-path.md "In-flight policy").
 */
package tw.gov.sms.carrier.application;
