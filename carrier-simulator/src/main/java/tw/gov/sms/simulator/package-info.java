/**
 * Carrier simulator: an SMPP 3.4 server (jSMPP server side) that plays CHT, TWM and FET in
 * development and tests.
 *
 * <p>Purpose: accept the platform's binds, answer submit_sm with message ids, send a delivery
 * receipt per submit_sm after a delay, and keep an independent record of what arrived: segments
 * are reassembled (UDH 8/16-bit, SAR TLVs, message_payload) and decoded (GSM 03.38 unpacked with
 * the extension table, UCS-2) here, without platform code, so tests can compare the exact text a
 * citizen would see. Faults (throttling, rejections, late or missing receipts, receipts before the
 * response, dropped connections) are injected through {@link tw.gov.sms.simulator.Faults}, the CLI
 * or the admin HTTP API.
 *
 * <p>Serves the tests of R1.3 (carrier links), R1.4 (receipts in, nothing else) and R8.1 (failover
 * between endpoints) without a real carrier.
 *
 * <p>Decisions: a standalone program with plain threads, not part of the application server; no
 * JSON library (the output is small and flat); state is in memory and bounded (the newest 100,000
 * messages), with an optional JSON-lines file for longer runs.
 */
package tw.gov.sms.simulator;
