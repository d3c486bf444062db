/**
 * Jakarta Batch entry of the routing context: the number-portability import job ({@code np-import})
 * and the inbox poller that starts it (R1.2). The file-channel send job and the monthly bill join this
 * module with their issues.
 */
package tw.gov.sms.routing.interfaces.batch;
