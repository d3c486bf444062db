/**
 * Routing context, REST interface: the prefix table of original allocations, read by administrators and
 * edited by system administrators ({@link tw.gov.sms.routing.application.PrefixAdministration} decides).
 */
package tw.gov.sms.routing.interfaces.rest;
