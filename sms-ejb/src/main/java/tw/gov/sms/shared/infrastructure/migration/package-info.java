/** Applies the Flyway migrations of {@code sms-persistence} at deployment, before any other start-up bean. */
package tw.gov.sms.shared.infrastructure.migration;
