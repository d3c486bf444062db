/**
 * Routing context, use case: the current carrier of a number (R1.2), from the routing index held in
 * memory (ported numbers first, then the prefix table, then the configured default), swapped atomically
 * when new number-portability data is loaded.
 */
package tw.gov.sms.routing.application;
