/** The OAuth 2.0 client-credentials token endpoint. */
package tw.gov.sms.account.interfaces.rest;
