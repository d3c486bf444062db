/**
 * The REST API's shared pieces: the JAX-RS application (MP-JWT login, OpenAPI definition), RFC 9457
 * problem details with stable codes in Traditional Chinese and English, strict JSON input reading, and
 * the error page that turns container 401/403 answers into problems (R10 API specification).
 */
package tw.gov.sms.shared.interfaces.rest;
