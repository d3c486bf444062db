/**
 * Owns the per-carrier SMPP links for the life of the deployment, configured from MicroProfile Config
 * (R1.3, R8.1). The protocol itself lives in the {@code sms-carrier-smpp} module, the only importer of
 * jSMPP; this package wires it to managed executors and to the receipt use case.
 */
package tw.gov.sms.carrier.infrastructure;
