/**
 * Accounts context, infrastructure: {@link tw.gov.sms.account.infrastructure.SecretHasher}, the hashing of API
 * client secrets (PBKDF2-HMAC-SHA-256, salted, 210,000 iterations), stored as {@code
 * pbkdf2-sha256$iterations$salt$hash} so the cost can rise for new secrets (R9.2: credentials stored hashed).
 * People's passwords use {@code tw.gov.sms.identity.PasswordHasher} of {@code sms-identity}, which writes the
 * same format and also verifies these hashes.
 */
package tw.gov.sms.account.infrastructure;
