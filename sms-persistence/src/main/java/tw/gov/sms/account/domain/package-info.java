/**
 * Accounts context, domain: agencies (機關) and their API clients. An agency's display name is the
 * mandatory prefix of its messages (R2.2); a client's secret is stored only as a slow salted hash.
 * Roles, users, multi-factor login and the allow-list (R6, R9.1) extend this context in their issue.
 * Other contexts refer to an agency only by {@link tw.gov.sms.account.domain.AgencyId}.
 */
package tw.gov.sms.account.domain;
