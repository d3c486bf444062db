/**
 * The portal's login and session (R6.5, R6.6, R9.1), on Jakarta Security: {@link
 * tw.gov.sms.account.interfaces.web.PortalAuthenticationMechanism} sends protected pages ({@code /app/*})
 * to the login page; {@link tw.gov.sms.account.interfaces.web.LoginPage} runs the same password and
 * second-factor checks as the API ({@code LoginService}) and presents a one-time ticket that the
 * project's own {@link tw.gov.sms.account.interfaces.web.PortalIdentityStore} validates. {@link
 * tw.gov.sms.account.interfaces.web.PortalGuard} re-checks every request: account still active, source
 * on the allow-list, session within its maximum length, password change first when due.
 *
 * <p>The administration pages of this context (issue 8 item 7): the IP allow-list ({@link
 * tw.gov.sms.account.interfaces.web.AllowListPage}, R9.1), accounts and permissions ({@link
 * tw.gov.sms.account.interfaces.web.AccountsPage}, R6.1–R6.4) and the account inventory ({@link
 * tw.gov.sms.account.interfaces.web.InventoryPage}, R9.5). They translate and delegate to {@code
 * AllowListService}, {@code AccountAdministration} and {@code InventoryService}, which decide who may do
 * what; a page shows only the controls the service would accept for the person's role, and every refusal
 * as the service's bilingual message with its stable code.
 */
package tw.gov.sms.account.interfaces.web;
