/**
 * The REST API's shared pieces: the JAX-RS application (MP-JWT login, declared roles, OpenAPI definition), RFC
 * 9457 problem details with stable codes in Traditional Chinese and English ({@code Problems},
 * {@code ExceptionMappers}), strict JSON input reading ({@code JsonInput}), the error page that turns container
 * 401/403 answers into problems ({@code ProblemErrorServlet}), and who is calling from where:
 *
 * <ul>
 *   <li>{@link tw.gov.sms.shared.interfaces.rest.Caller}: the verified JWT's claims as an agency system or a
 *       person, and as the {@code Actor} every service receives. {@code agencySystem()} refuses a person's
 *       token on agency-wide channels (file uploads, the SFTP account), which would otherwise show a person
 *       the whole agency's files (R6.4).
 *   <li>{@link tw.gov.sms.shared.interfaces.http.SourceAddresses}: the address a request really comes from.
 *   <li>{@link tw.gov.sms.shared.interfaces.rest.AllowListFilter}: default deny for every request that carries a
 *       token (R9.1), and the restricted token of a password that must be changed.
 * </ul>
 *
 * <p><b>Requirements.</b> R9.1 (default deny), R9.2 (short error pages without internals, server-side
 * validation), R10 (API specification).
 *
 * <p><b>Decisions.</b>
 *
 * <ul>
 *   <li>{@code X-Forwarded-For} is believed only when the connection comes from one of
 *       {@code sms.security.trusted-proxies} (the load balancers), and then the right-most address in it that is
 *       not one of those proxies is the source: each proxy appends what it saw, everything to the left of that
 *       is whatever the client wrote. Believing the header from anyone would let any client claim an address on
 *       the allow-list. With no trusted proxy configured the header is ignored.
 *   <li>The allow-list is a JAX-RS filter that runs before authorisation, once the token is verified, so it
 *       applies to every resource without each one remembering it; refusals are audited with method, path and
 *       address. Requests without a token reach only the token and session endpoints, which check the source
 *       themselves once they know the agency (the reset endpoints do not: docs/security.md).
 *   <li>Unexpected failures answer 500 {@code INTERNAL_ERROR} with an incident id; the stack trace goes only to
 *       the server log.
 *   <li>The caller is read from the security context's principal, not an injected {@code JsonWebToken}, which
 *       Payara does not register for a WAR inside an EAR (payara/Payara#6252).
 * </ul>
 */
package tw.gov.sms.shared.interfaces.rest;
