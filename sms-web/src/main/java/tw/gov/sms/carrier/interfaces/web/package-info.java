/**
 * Portal page of the carrier context (issue 8 item 7; R8.2, R9.7): the live state of this instance's SMPP
 * links for system administrators, refreshed every few seconds with a pause control (WCAG 2.2.2). The
 * figures come from {@code CarrierLinkMonitor}; no SMPP type reaches the page.
 */
package tw.gov.sms.carrier.interfaces.web;
