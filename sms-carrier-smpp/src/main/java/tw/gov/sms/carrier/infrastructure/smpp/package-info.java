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
 *   <li>Submits are windowed and asynchronous: throughput comes from the window, not from threads.
 *       {@code submitAsync} writes a message's submit_sm and returns a future that completes with its
 *       submit_sm_resp; the caller waits only for the rate limit and for a permit of the bind's window
 *       (at most {@code window} submit_sm awaiting a response per bind, so {@code binds × window} per
 *       link), and that wait is the back-pressure. One thread can keep the whole window busy. All
 *       segments of a message go on the same bind, written back to back in order.
 *   <li>jSMPP 3.0 only has a blocking submit, so {@code AsyncSmppSession} extends its session: it
 *       writes the PDU with jSMPP's own command task under the session's sequence numbers and answers
 *       jSMPP's response lookup from a table of its own. Every in-flight submit ends exactly once: its
 *       response; a response timeout, timed on the link's managed scheduler (the permit comes back and
 *       a late response is only logged); or the bind unbinding or closing, which fails every submit in
 *       flight at once. Answers complete on jSMPP's reader threads, so callers keep their callbacks
 *       tiny.
 *   <li>Failures come back as a {@link tw.gov.sms.carrier.infrastructure.smpp.SmppSubmitException}
 *       whose kind decides the retry (throttled, transient, permanent, not bound, timeout) and which
 *       says which segments the carrier took before the first one that failed. The blocking
 *       {@code submit} is {@code submitAsync} plus a wait, for callers that have nothing else to do.
 *   <li>A receipt the platform cannot record is answered ESME_RX_T_APPN so the SMSC sends it again,
 *       rather than acknowledged and lost.
 *   <li>Receipts are read from the receipted_message_id / message_state TLVs when present, else
 *       leniently from the Appendix B text; dates are Taiwan time.
 *   <li>Rejected: jSMPP's blocking submit on more threads (a thread held per submit in flight, and
 *       throughput bounded by threads rather than by the carrier's window);
 *       {@code CompletableFuture.orTimeout} for response timeouts (its timer is an unmanaged JDK
 *       thread); a connection pool library (binds are few and long-lived).
 * </ul>
 */
package tw.gov.sms.carrier.infrastructure.smpp;
