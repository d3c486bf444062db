/**
 * Accounts context, domain: agencies (機關) and their account groups (帳號群組); the accounts of people, each
 * with one of the four {@link tw.gov.sms.account.domain.Role roles} and a set of
 * {@link tw.gov.sms.account.domain.Permission permissions}; the login state ({@link
 * tw.gov.sms.account.domain.LoginChallenge}); the IP allow-list ({@link
 * tw.gov.sms.account.domain.IpAllowEntry}); the agencies' API clients and their rotating secrets; and the
 * {@link tw.gov.sms.account.domain.Actor} that every application service receives. An agency's display name
 * is the mandatory prefix of its messages (R2.2). Tables: migrations V1 and V4. docs/security.md describes the
 * whole.
 *
 * <p><b>Requirements.</b> R6.1 (accounts created, modified, disabled, deleted), R6.3 (a group administrator
 * sets the permissions of the group's members), R6.4 (visibility), R6.5 (two factors), R6.6 (the four roles),
 * R9.1 (default deny by source address, MODA approves), R9.2 (the "high" baseline: lock-out, forced change of
 * the initial password, idle accounts disabled, hashed credentials, encrypted TOTP seed).
 *
 * <p><b>Decisions.</b>
 *
 * <ul>
 *   <li>The role fixes how far an account sees and which administrative acts it may take; the permissions fix
 *       what it may do with sending records. Permission codes are the words tokens carry in {@code groups} and
 *       {@code @RolesAllowed} names, so the API and any later screen check the same words.
 *   <li>One visibility rule, {@link tw.gov.sms.account.domain.Actor#canSee}: administrators see everything,
 *       an API client its agency, a group administrator its agency's group, a user their own records. Services
 *       apply it in their queries (jobs carry {@code account_id} and {@code group_id} for that).
 *   <li>The rules that depend only on an account's own state live on {@link tw.gov.sms.account.domain.Account}:
 *       the failure counter and the lock, the forced password change, disable/enable/delete, the staged and
 *       confirmed authenticator seed, the TOTP step that may not be accepted again. Password strength and
 *       history need the policy and older hashes, so the service checks them before {@code changePassword}.
 *   <li>Only hashes are stored for passwords and client secrets (PBKDF2), and for challenge handles, codes and
 *       reset tokens (SHA-256 of high-entropy or short-lived values). The TOTP seed must be readable to check a
 *       code, so it is stored encrypted like message texts (AES-GCM, key outside the database).
 *   <li>Deleting an account keeps its row with status {@code DELETED}: jobs and audit events name it, and its
 *       username is not reused.
 *   <li>An allow-list entry is a small state machine ({@code REQUESTED} → {@code APPROVED} | {@code REJECTED},
 *       {@code APPROVED} → {@code REVOKED}); a decision is made once.
 *   <li>An API client may hold several valid secrets at once ({@link tw.gov.sms.account.domain.ApiClientSecret}),
 *       which is what lets a rotation overlap; revoking the client ends them all.
 *   <li>Groups, agencies and accounts refer to each other by id, not by JPA associations; other contexts refer to
 *       an agency only by {@link tw.gov.sms.account.domain.AgencyId}.
 * </ul>
 *
 * The account inventory (R9.5) is being added beside this package: see {@code InventoryService}.
 */
package tw.gov.sms.account.domain;
