/**
 * Audit context, use cases: {@link tw.gov.sms.audit.application.AuditTrail} records audit events in the
 * transaction of the action they describe (or in one of their own for refusals), verifies the hash
 * chain, and searches and exports the trail (R5.3, R9.2; kept at least six months, R9.4).
 *
 * <p>Decisions: an event is written in the same JTA transaction as the change it describes, so a
 * rolled-back change leaves no event and an unrecordable event stops the change; failed logins and
 * denials, whose work rolls back, are written in a new transaction. A failed audit write is logged at
 * SEVERE with the event and rolls the action back. Rejected: writing audit events asynchronously
 * through JMS (an event could be lost after the action committed, and the chain order would depend on
 * delivery order).
 *
 * <p>Copy to a separate system and alerts (R9.2 high baseline): {@link tw.gov.sms.audit.application.AuditForwardingTimer}
 * runs {@link tw.gov.sms.audit.application.AuditForwarder} every {@code sms.audit.forward.interval-seconds}: the events
 * after a persisted mark go, in order, to an external syslog collector, and the mark moves in the same transaction
 * once the collector took them (once per event normally, at least once across crashes); one instance at a time holds
 * the mark's row lock, the others skip with {@code SKIP LOCKED}. {@link tw.gov.sms.audit.application.AuditAlarm}
 * mails every active system administrator once when forwarding lags longer than
 * {@code sms.audit.forward.alert-after-seconds} or an audit write fails, and once when it recovers. Decisions: a
 * pull from the table rather than a send inside each action's transaction (a collector outage must not refuse user
 * actions; the local, hash-chained trail is the record and the copy follows it); the outage state in the database so
 * a deployment group mails once. Rejected: readiness DOWN during an outage (it would take every instance out of the
 * load balancer at once for a problem of the copy, not of the service; docs/security.md §6).
 */
package tw.gov.sms.audit.application;
