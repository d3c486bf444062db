/**
 * The platform's SMPP client: one {@link tw.gov.sms.carrier.infrastructure.smpp.SmppCarrierLink}
 * per domestic carrier (CHT, TWM, FET). The only package allowed to import {@code org.jsmpp}.
 *
 * <p>Requirements served:
 *
 * <ul>
 *   <li>R1.3: SMPP 3.4 links to every carrier; bind_transceiver so receipts come back on the same
 *       sessions; a window per bind and a rate limit per link; long messages by UDH (8- or 16-bit
 *       reference), SAR TLVs or message_payload, chosen per carrier.
 *   <li>R1.4: one-way only. Inbound deliver_sm that is not a delivery receipt, data_sm and
 *       alert_notification are acknowledged, logged at INFO and dropped.
 *   <li>R8.1: two or more endpoints per carrier and several binds, spread over them; a lost or
 *       refused bind reconnects with exponential back-off and moves to the next endpoint.
 * </ul>
 *
 * <p>Decisions:
 *
 * <ul>
 *   <li>Plain Java, no CDI or EJB annotations: the application layer wires it and hands it a
 *       managed {@code ScheduledExecutorService}; we never create threads (jSMPP's own socket
 *       reader threads are accepted).
 *   <li>The caller encodes and splits the text ({@link tw.gov.sms.carrier.infrastructure.smpp.OutboundSms}
 *       carries finished segments): segmentation is one domain rule, written once, and the
 *       adapter only frames it.
 *   <li>{@code submit} blocks until every segment is answered; all segments of a message go on the
 *       same bind. Failures come back as a {@link tw.gov.sms.carrier.infrastructure.smpp.SmppSubmitException}
 *       whose kind decides the retry (throttled, transient, permanent, not bound, timeout) and which
 *       says how many segments the carrier already took.
 *   <li>A receipt the platform cannot record is answered ESME_RX_T_APPN so the SMSC sends it again,
 *       rather than acknowledged and lost.
 *   <li>Receipts are read from the receipted_message_id / message_state TLVs when present, else
 *       leniently from the Appendix B text; dates are Taiwan time.
 *   <li>Rejected: jSMPP's asynchronous submit API (a blocking call under a window semaphore is
 *       simpler to reason about inside a message-driven bean); a connection pool library (binds are
 *       few and long-lived).
 * </ul>
 */
package tw.gov.sms.carrier.infrastructure.smpp;
