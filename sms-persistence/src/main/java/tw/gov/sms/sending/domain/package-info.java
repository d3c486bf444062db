/**
 * Sending context, domain: the send job aggregate and the legal states of jobs and messages
 * (DESIGN.md "Message states"; R1.6, R3.2, R12.3). {@link tw.gov.sms.sending.domain.MessageState} holds
 * the one table of legal transitions that every store update obeys.
 *
 * <p>Decision: the job is a JPA entity; its messages are rows of a monthly-partitioned table written
 * through JDBC in batches (see {@code MessageStore}), because a job may have a million of them.
 * Rejected: a JPA {@code @OneToMany} from job to messages (would load or flush hundreds of thousands of
 * entities in one persistence context).
 */
package tw.gov.sms.sending.domain;
