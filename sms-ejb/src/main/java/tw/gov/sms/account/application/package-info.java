/**
 * Accounts context, use cases: people's logins and credentials, the administration of agencies, groups and
 * accounts, the IP allow-list, agency systems' API clients and the tokens of both. docs/security.md describes
 * them for operators; docs/api.md for callers.
 *
 * <ul>
 *   <li>{@link tw.gov.sms.account.application.LoginService}: password, then a TOTP, e-mailed or SMS code (or a
 *       recovery code), lock-out, idle accounts disabled at their next login, session refresh.
 *   <li>{@link tw.gov.sms.account.application.CredentialService}: password change under the policy, one-time
 *       reset links, authenticator enrolment (QR code, recovery codes), the choice of e-mail or SMS codes.
 *   <li>{@link tw.gov.sms.account.application.AccountAdministration}: agencies, groups, accounts and their
 *       permissions, with the role rules; new accounts mailed their initial password and announced.
 *   <li>{@link tw.gov.sms.account.application.AllowList} (the check) and
 *       {@link tw.gov.sms.account.application.AllowListService} (request, approve, reject, revoke).
 *   <li>{@link tw.gov.sms.account.application.ApiClientAdministration} and
 *       {@link tw.gov.sms.account.application.ClientAuthenticator}: secrets shown once, rotation with an
 *       overlap, revocation; {@link tw.gov.sms.account.application.TokenService}: RS256 tokens for both.
 *   <li>{@link tw.gov.sms.account.application.OneTimeCodeSender}, {@link
 *       tw.gov.sms.account.application.Audit}, {@link tw.gov.sms.account.application.AccountSettings} (every
 *       number of the baseline as configuration), {@link tw.gov.sms.account.application.DevProfileSeed}.
 * </ul>
 *
 * <p><b>Requirements.</b> R5.3 (every login, refusal, read and change is an audit event), R6.1–R6.6, R9.1,
 * R9.2. R9.5 (account inventory) is being added: see {@code InventoryService}.
 *
 * <p><b>Decisions.</b>
 *
 * <ul>
 *   <li>Every service takes the {@link tw.gov.sms.account.domain.Actor} and decides itself what that actor
 *       may do and see; REST resources only translate. Role rules are written once, here.
 *   <li>{@link tw.gov.sms.account.application.AccountException} is an application exception that does
 *       <em>not</em> roll back: a refusal must keep what the refused attempt changed. A wrong password still
 *       counts towards the lock, the lock itself is kept, an idle account stays disabled, a challenge closed by
 *       the lock stays closed. Services therefore throw only after deciding what to keep, and record failed
 *       logins and refusals in a transaction of their own ({@code Audit.refused}, {@code failed},
 *       {@code login}).
 *   <li>Something outside the actor's sight is "not found" ({@code AccountException.notFound}, 404), exactly
 *       like something that does not exist, so ids cannot be probed to learn what exists elsewhere; the
 *       attempt is audited. A role that may not do a thing at all is told so (403 {@code NOT_PERMITTED}).
 *   <li>Login failures answer alike for an unknown name, a disabled account and a wrong password, and an
 *       unknown name costs one PBKDF2 run against a dummy hash. (A locked account and a refused source
 *       address are answered before the hash; docs/security.md lists it among what is not yet equal.)
 *   <li>The allow-list is read from the database and cached for ten seconds per instance; a decision
 *       invalidates the deciding instance's copy. If the list cannot be read nothing is admitted: default deny
 *       also when failing.
 *   <li>SMS login codes go through the one {@code SubmissionService} as test messages, so they leave with the
 *       test sender id, never {@code 111} (R11.3), and there is no second sending path.
 *   <li>Session tokens are the same RS256 JWTs as API client tokens, so one verifier (MicroProfile JWT) and
 *       one allow-list filter serve both; their lifetime is the idle timeout and refreshing is bounded by the
 *       session's absolute limit. While the password must change, the token carries only
 *       {@code password-change}.
 *   <li>The signing key comes from configuration, never the database, and tokens carry {@code kid}, so keys
 *       rotate with an overlap (the verifiers' JWKS holds the current and the next key).
 *   <li>Client secrets, initial passwords, recovery codes and TOTP seeds are returned once and never again.
 *   <li>{@link tw.gov.sms.account.application.DevProfileSeed} creates the demo agency, client, group, one
 *       account per role and loopback on the allow-list only when {@code sms.profile=dev}: no other database
 *       ever holds a known credential.
 * </ul>
 *
 * <p><b>Not yet.</b> Password age rules; the 行動自然人憑證 factor; a rate limit per source address; server-side
 * logout and token revocation (a disabled account's or revoked client's token lives until it expires);
 * enforcement of the permissions {@code schedule}, {@code export}, {@code contacts}, {@code reports},
 * {@code quota}.
 */
package tw.gov.sms.account.application;
