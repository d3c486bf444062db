/**
 * The asynchronous port of the sending context over OpenMQ: queues {@code jms/sms/release} and
 * {@code jms/sms/dispatch} carry ids only; message-driven beans are thin consumers that delegate.
 * A message that fails {@code sms.jms.max-deliveries} times is moved to {@code jms/sms/deadLetter}.
 */
package tw.gov.sms.sending.infrastructure.jms;
