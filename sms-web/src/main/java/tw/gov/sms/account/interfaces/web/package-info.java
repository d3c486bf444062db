/**
 * The portal's login and session (R6.5, R6.6, R9.1), on Jakarta Security: {@link
 * tw.gov.sms.account.interfaces.web.PortalAuthenticationMechanism} sends protected pages ({@code /app/*})
 * to the login page; {@link tw.gov.sms.account.interfaces.web.LoginPage} runs the same password and
 * second-factor checks as the API ({@code LoginService}) and presents a one-time ticket that the
 * project's own {@link tw.gov.sms.account.interfaces.web.PortalIdentityStore} validates. {@link
 * tw.gov.sms.account.interfaces.web.PortalGuard} re-checks every request: account still active, source
 * on the allow-list, session within its maximum length, password change first when due.
 */
package tw.gov.sms.account.interfaces.web;
