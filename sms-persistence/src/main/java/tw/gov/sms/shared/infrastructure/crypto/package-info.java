/**
 * Encryption at rest of recipient numbers and message texts (R9.4, DOMAIN.md "Crypto").
 *
 * <p>Decisions: AES-256-GCM with a random 96-bit IV per value and the key version in the first byte, so
 * keys rotate without rewriting old rows; keys come from configuration (environment or secret store),
 * never from the database. Numbers are also hashed with a separate HMAC key for exact-match search.
 * Rejected: database-side pgcrypto (keys would travel to the database in every query), deterministic
 * encryption of numbers (leaks equality to anyone with the table; the keyed hash leaks it only to key holders).
 */
package tw.gov.sms.shared.infrastructure.crypto;
