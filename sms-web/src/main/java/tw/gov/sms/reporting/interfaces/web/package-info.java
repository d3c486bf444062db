/** Portal pages of the reporting context: the dashboard of each role (issue 8, R7). */
package tw.gov.sms.reporting.interfaces.web;
