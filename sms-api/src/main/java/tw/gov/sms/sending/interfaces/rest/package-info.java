/**
 * REST resources of the sending context: send, preview, job status and messages (R1.1 API channel,
 * R4, R5.2). They translate JSON to application requests and back; every rule is in the services.
 */
package tw.gov.sms.sending.interfaces.rest;
