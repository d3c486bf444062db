/**
 * Accounts context, REST interface (docs/api.md, docs/security.md):
 *
 * <ul>
 *   <li>{@link tw.gov.sms.account.interfaces.rest.TokenResource}: the OAuth 2.0 client-credentials token
 *       endpoint of agency systems, served only to an address on the agency's approved allow-list.
 *   <li>{@link tw.gov.sms.account.interfaces.rest.SessionResource}: a person's session (password, second
 *       factor, session token, refresh) and their own credentials (password change, reset links, authenticator
 *       enrolment, factor choice).
 *   <li>{@link tw.gov.sms.account.interfaces.rest.AccountResource} (agencies, groups, accounts),
 *       {@link tw.gov.sms.account.interfaces.rest.AllowListResource} and
 *       {@link tw.gov.sms.account.interfaces.rest.ApiClientResource}, for logged-in people only
 *       ({@code @RolesAllowed("user")}); {@code AdminJson} holds their JSON shapes.
 * </ul>
 *
 * <p><b>Requirements.</b> R6.1–R6.6, R9.1, R9.2, R10 (API specification). The account inventory's resource
 * (R9.5) is being added: see {@code InventoryService}.
 *
 * <p><b>Decisions.</b>
 *
 * <ul>
 *   <li>Resources translate and delegate: who may do what, and what is visible, is decided by the services of
 *       {@code tw.gov.sms.account.application}, which receive the {@code Actor} built by {@code Caller} from the
 *       verified token and the source address from {@code SourceAddresses}. {@code @RolesAllowed("user")} only
 *       keeps API clients away from what is meant for people.
 *   <li>Refusals are {@code AccountException}s turned into problem details with their status and stable code
 *       by {@code ExceptionMappers}; nothing here chooses a status.
 *   <li>Answers that carry a login challenge, a token, a client secret, a TOTP seed or recovery codes are
 *       {@code Cache-Control: no-store}; each secret is in exactly one answer.
 *   <li>The password reset request answers 202 with the same text whether or not the account exists.
 *   <li>The password change answers a fresh session token, so a restricted first-login token becomes a full one
 *       without a second login, within the same session limit.
 * </ul>
 */
package tw.gov.sms.account.interfaces.rest;
