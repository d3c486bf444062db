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
 */
package tw.gov.sms.audit.application;
