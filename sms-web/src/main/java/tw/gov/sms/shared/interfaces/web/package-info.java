/**
 * The portal shell (R1.1 portal channel, R8.2): today the platform status page in Traditional Chinese.
 * The agency portal's screens arrive with their issue.
 */
package tw.gov.sms.shared.interfaces.web;
