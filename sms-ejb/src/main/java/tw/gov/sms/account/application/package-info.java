/**
 * Accounts context, use cases for API clients: client-credentials authentication and short-lived RS256
 * tokens that MicroProfile JWT verifies (R6, R9.2). The dev-profile seed creates the demo agency and
 * client only when {@code sms.profile=dev}.
 */
package tw.gov.sms.account.application;
