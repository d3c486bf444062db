/**
 * Carrier context, use cases: hand work units to the SMPP links and record the answers in batches, each
 * batch in its own transaction (R1.3, R1.6); settle messages from delivery receipts (R4, R11.2: delivered
 * segments are what is billed). Retry policy: throttling and transient errors back off exponentially up
 * to a configured count; permanent errors fail the message with the carrier's status; an unanswered
 * {@code submit_sm} (timeout, or its bind lost first) is retried (at-least-once, docs/message-path.md
 * "In-flight policy").
 *
 * <p>Dispatch is windowed and asynchronous: {@code DispatchService} submits a unit's messages one after
 * another without waiting for their answers, so one MDB thread keeps the link's window full (binds ×
 * window {@code submit_sm} in flight per carrier, shared by every thread dispatching to it) and waits
 * only when it is full. The answers arrive on jSMPP's threads, which merely queue them
 * ({@code InFlightSubmits}); the MDB thread records them, since the recorder opens transactions and
 * nothing slow may run on a thread that reads the SMPP socket. Rejected: more MDB threads, or threads
 * per bind, to get more submits in flight (the carrier's window is the limit either way, and a thread
 * that only waits for an answer does no work).
 *
 * <p>Monitoring (R8.2, R9.7): {@code CarrierLinkMonitor} gives system administrators a read-only view of
 * this instance's links (binds, window in use, submit rate from {@code SubmitRate}, errors, reconnects)
 * without any SMPP type or credential leaving the context.
 */
package tw.gov.sms.carrier.application;
