/** Builds the column cipher and number hasher from configuration (keys outside the database, R9.4). */
package tw.gov.sms.shared.infrastructure.crypto;
