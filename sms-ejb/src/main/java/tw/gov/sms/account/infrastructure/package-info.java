/** Secret hashing (PBKDF2-HMAC-SHA-256, salted, 210,000 iterations) for API client secrets (R9.2). */
package tw.gov.sms.account.infrastructure;
